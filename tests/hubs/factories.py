import datetime

import factory
from django.utils import timezone

from centre.models import ParliamentRole
from hubs.models import HubChange, HubJoinRequest, HubMembership, HubResource, HubUpdate
from tests.factories import HubFactory, MemberParliamentFactory, ParliamentRoleFactory, UserFactory


class HubEditorRoleFactory(ParliamentRoleFactory):
    role = ParliamentRole.Role.HUB_EDITOR
    confirmed_at = factory.LazyFunction(timezone.now)


def hub_editor(hub, **user_fields):
    """A user holding a confirmed hub-editor role for the hub's host parliament."""
    user = UserFactory(**user_fields)
    HubEditorRoleFactory(user=user, parliament=hub.host_parliament)
    return user


class HubMembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = HubMembership

    hub = factory.SubFactory(HubFactory)
    parliament = factory.SubFactory(MemberParliamentFactory)


class HubResourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = HubResource

    hub = factory.SubFactory(HubFactory)
    kind = HubResource.Kind.LINK
    title_en = factory.Sequence(lambda n: f"Resource {n}")
    url = factory.Sequence(lambda n: f"https://example.org/resource/{n}")


class HubUpdateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = HubUpdate

    hub = factory.SubFactory(HubFactory)
    language = "en"
    title_en = factory.Sequence(lambda n: f"Update {n}")
    body_en = "<p>News from the hub.</p>"
    published_at = factory.Sequence(
        lambda n: datetime.datetime(2019, 5, 1, tzinfo=datetime.UTC) + datetime.timedelta(days=n)
    )


class HubJoinRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = HubJoinRequest

    hub = factory.SubFactory(HubFactory)
    parliament = factory.SubFactory(MemberParliamentFactory)
    contact_name = "Ana Pérez"
    contact_email = factory.Sequence(lambda n: f"contact{n}@parliament.example")
    status = HubJoinRequest.Status.PENDING
    language = "es"


class HubChangeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = HubChange

    hub = factory.SubFactory(HubFactory)
    action = HubChange.Action.RESOURCE_ADDED
    summary = "A resource"
