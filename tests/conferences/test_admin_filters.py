"""The secretariat finds registrations in the admin by searching and by each list filter."""

import pytest
from django.urls import reverse

from conferences.models import Registration
from tests.conferences.factories import DelegationFactory, OpenEventFactory, RegistrationFactory
from tests.factories import MemberParliamentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def registrations():
    """Four delegates of two delegations, each differing from the others in one way or two."""
    event = OpenEventFactory(capacity=50)
    chile = DelegationFactory(event=event, parliament=MemberParliamentFactory(code="CL"))
    zambia = DelegationFactory(event=event, parliament=MemberParliamentFactory(code="ZM"))
    RegistrationFactory(
        delegation=chile,
        full_name="Ana Pérez",
        email="ana.perez@congreso.example",
        category=Registration.Category.MP,
        gender=Registration.Gender.FEMALE,
        attendance=Registration.Attendance.IN_PERSON,
    )
    RegistrationFactory(
        delegation=chile,
        full_name="Luis Soto",
        email="lsoto@camara.example",
        category=Registration.Category.STAFF,
        gender=Registration.Gender.MALE,
        attendance=Registration.Attendance.ONLINE,
    )
    RegistrationFactory(
        delegation=zambia,
        full_name="Mwansa Banda",
        email="mwansa@parliament.example",
        category=Registration.Category.SECRETARY_GENERAL,
        gender=Registration.Gender.MALE,
        attendance=Registration.Attendance.IN_PERSON,
        status=Registration.Status.WAITLISTED,
    )
    RegistrationFactory(
        delegation=zambia,
        full_name="Chanda Mulenga",
        email="chanda@parliament.example",
        category=Registration.Category.MP,
        gender=Registration.Gender.UNDISCLOSED,
        attendance=Registration.Attendance.ONLINE,
        status=Registration.Status.CANCELLED,
    )
    return event


CHANGELIST = "admin:conferences_registration_changelist"


def _listed(secretariat, query="", **params) -> set[str]:
    response = secretariat.get(reverse(CHANGELIST) + query, params)
    assert response.status_code == 200
    return {registration.full_name for registration in response.context["cl"].result_list}


def _filtered(secretariat, title: str, choice: str) -> set[str]:
    """The registrations listed after following the link `choice` under the filter `title` of
    the changelist's sidebar, as the secretariat would click it."""
    changelist = secretariat.get(reverse(CHANGELIST)).context["cl"]
    [spec] = [spec for spec in changelist.filter_specs if str(spec.title) == title]
    [link] = [link for link in spec.choices(changelist) if str(link["display"]) == choice]
    return _listed(secretariat, link["query_string"])


def test_changelist_lists_every_registration_without_a_filter(secretariat, registrations):
    assert _listed(secretariat) == {"Ana Pérez", "Luis Soto", "Mwansa Banda", "Chanda Mulenga"}


def test_search_by_delegate_name_finds_the_delegate(secretariat, registrations):
    assert _listed(secretariat, q="Soto") == {"Luis Soto"}
    assert _listed(secretariat, q="mwansa banda") == {"Mwansa Banda"}


def test_search_by_email_finds_the_delegate(secretariat, registrations):
    # The address shares no word with the name, so only the e-mail search can find it.
    assert _listed(secretariat, q="lsoto@camara.example") == {"Luis Soto"}
    assert _listed(secretariat, q="congreso.example") == {"Ana Pérez"}


def test_search_for_an_unknown_name_finds_nobody(secretariat, registrations):
    assert _listed(secretariat, q="Nobody Known") == set()


def test_filter_by_category(secretariat, registrations):
    assert _filtered(secretariat, "category", "Member of parliament") == {
        "Ana Pérez",
        "Chanda Mulenga",
    }
    assert _filtered(secretariat, "category", "Parliamentary staff") == {"Luis Soto"}
    assert _filtered(secretariat, "category", "Secretary General") == {"Mwansa Banda"}


def test_filter_by_gender(secretariat, registrations):
    assert _filtered(secretariat, "gender", "Female") == {"Ana Pérez"}
    assert _filtered(secretariat, "gender", "Male") == {"Luis Soto", "Mwansa Banda"}
    assert _filtered(secretariat, "gender", "Prefer not to say") == {"Chanda Mulenga"}


def test_filter_by_attendance(secretariat, registrations):
    assert _filtered(secretariat, "attendance", "Online") == {"Luis Soto", "Chanda Mulenga"}
    assert _filtered(secretariat, "attendance", "In person") == {"Ana Pérez", "Mwansa Banda"}


def test_filter_by_status(secretariat, registrations):
    assert _filtered(secretariat, "status", "Confirmed") == {"Ana Pérez", "Luis Soto"}
    assert _filtered(secretariat, "status", "On the waiting list") == {"Mwansa Banda"}
    assert _filtered(secretariat, "status", "Cancelled") == {"Chanda Mulenga"}


def test_filters_and_search_combine(secretariat, registrations):
    assert _listed(secretariat, q="parliament.example", gender__exact="male") == {"Mwansa Banda"}
