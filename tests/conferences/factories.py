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
