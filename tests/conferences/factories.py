import datetime

import factory
from django.utils import timezone

from centre.models import ParliamentRole
from conferences.models import Delegation, Event, Registration
from tests.factories import (
    EventFactory,
    MemberParliamentFactory,
    ParliamentRoleFactory,
    UserFactory,
)


class OpenEventFactory(EventFactory):
    """An event whose registration is open for another month."""

    registration_enabled = True
    format = Event.Format.HYBRID
    capacity = 10
    registration_deadline = factory.LazyFunction(
        lambda: timezone.now() + datetime.timedelta(days=30)
    )


class FocalPointFactory(ParliamentRoleFactory):
    role = ParliamentRole.Role.FOCAL_POINT
    confirmed_at = factory.LazyFunction(timezone.now)


class DelegationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Delegation

    event = factory.SubFactory(OpenEventFactory)
    parliament = factory.SubFactory(MemberParliamentFactory)
    focal_point = factory.SubFactory(UserFactory)


class RegistrationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Registration

    delegation = factory.SubFactory(DelegationFactory)
    event = factory.SelfAttribute("delegation.event")
    full_name = factory.Faker("name")
    title = "Member of Parliament"
    category = Registration.Category.MP
    gender = Registration.Gender.FEMALE
    email = factory.Sequence(lambda n: f"delegate{n}@parliament.example")
    consent_at = factory.LazyFunction(timezone.now)


def delegate_data(**overrides) -> dict:
    return {
        "full_name": "Ana Pérez",
        "title": "Diputada",
        "category": Registration.Category.MP,
        "gender": Registration.Gender.FEMALE,
        "email": "ana.perez@congreso.example",
        "attendance": Registration.Attendance.IN_PERSON,
        "working_language": "es",
        "accessibility_needs": "",
        "is_head_of_delegation": False,
    } | overrides


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "centre.Person"

    parliament = factory.SubFactory(MemberParliamentFactory)
    role = "group_president"
    full_name = factory.Faker("name")
    email = factory.Sequence(lambda n: f"president{n}@parliament.example")
    correspondence_language = "fr"


def letter_templates(event):
    """The four letter templates, in the shape staff write them."""
    from conferences.models import LetterTemplate

    register_fr = "Inscription avant le {{ deadline }} : {{ registration_link }}"
    register_en = "Register by {{ deadline }}: {{ registration_link }}"
    texts = {
        "fr": (
            "Invitation à la {{ conference }}",
            "Madame la Présidente,\nMonsieur le Président,",
            "J'ai le plaisir d'inviter {{ parliament }}.\n\n" + register_fr,
        ),
        "en": (
            "Invitation to the {{ conference }}",
            "Dear Madam President,",
            "I am pleased to invite {{ parliament }}.\n\n" + register_en,
        ),
        "es": (
            "Invitación a la {{ conference }}",
            "Señora Presidenta:",
            "Tengo el placer de invitar a {{ parliament }}.\n\n"
            + "Inscripción: {{ registration_link }}",
        ),
        "ar": (
            "دعوة إلى {{ conference }}",
            "السيدة الرئيسة،",
            "يسرّني أن أدعو {{ parliament }}.\n\nالتسجيل: {{ registration_link }}",
        ),
    }
    for language, (subject, salutation, body) in texts.items():
        LetterTemplate.objects.create(
            event=event,
            language=language,
            subject=subject,
            place_and_date="Genève, le 23 avril 2021",
            salutation=salutation,
            body=body,
            closing="",
            signatory_title="Secrétaire général",
            email_body="{{ parliament }} – {{ registration_link }}",
        )
