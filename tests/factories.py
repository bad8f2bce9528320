import datetime
import zoneinfo

import factory
from allauth.account.models import EmailAddress

from centre.models import Chamber, MemberParliament, ParliamentRole, User
from conferences.models import Event, Session
from hubs.models import Hub


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@parliament.example")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    password = factory.django.Password("correct horse battery staple")

    @factory.post_generation
    def verified(user, create, extracted, **kwargs):
        if create and extracted is not False:
            EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)


class StaffFactory(UserFactory):
    is_staff = True
    is_superuser = True


class MemberParliamentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MemberParliament
        django_get_or_create = ["code"]

    code = factory.Iterator(["FR", "DE", "BR", "CL", "ZM", "JP", "KE", "EG", "IN", "CA"])
    country = factory.SelfAttribute("code")
    name_en = factory.LazyAttribute(lambda o: f"Parliament of {o.code}")
    name_fr = factory.LazyAttribute(lambda o: f"Parlement de {o.code}")
    structure = MemberParliament.Structure.UNICAMERAL
    region = "twelve_plus"
    correspondence_language = "en"


class ChamberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Chamber

    parliament = factory.SubFactory(MemberParliamentFactory)
    kind = Chamber.Kind.SINGLE
    name_en = factory.LazyAttribute(lambda o: f"Chamber of {o.parliament.code}")


class ParliamentRoleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ParliamentRole

    user = factory.SubFactory(UserFactory)
    parliament = factory.SubFactory(MemberParliamentFactory)
    role = ParliamentRole.Role.FOCAL_POINT


class HubFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Hub

    slug = factory.Sequence(lambda n: f"hub-{n}")
    name_en = factory.Sequence(lambda n: f"Hub {n}")
    kind = Hub.Kind.THEMATIC
    host_parliament = factory.SubFactory(MemberParliamentFactory)
    summary_en = "Shares tools between parliaments."
    participation_rule_en = "Any interested parliament."


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Event

    slug = factory.Sequence(lambda n: f"event-{n}")
    kind = Event.Kind.CONFERENCE
    title_en = factory.Sequence(lambda n: f"Conference {n}")
    start_date = datetime.date(2030, 6, 16)
    end_date = datetime.date(2030, 6, 18)
    time_zone = "Europe/Zurich"
    format = Event.Format.ONLINE


class SessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Session

    event = factory.SubFactory(EventFactory)
    title_en = factory.Sequence(lambda n: f"Session {n}")
    starts_at = datetime.datetime(2030, 6, 16, 14, 0, tzinfo=zoneinfo.ZoneInfo("Europe/Zurich"))
    ends_at = datetime.datetime(2030, 6, 16, 15, 30, tzinfo=zoneinfo.ZoneInfo("Europe/Zurich"))
