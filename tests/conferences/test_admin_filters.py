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
    R = Registration
    for delegation, name, email, category, gender, attendance, status in [
        (chile, "Ana Pérez", "ana.perez@congreso.example", R.Category.MP, R.Gender.FEMALE,
         R.Attendance.IN_PERSON, R.Status.CONFIRMED),
        (chile, "Luis Soto", "lsoto@camara.example", R.Category.STAFF, R.Gender.MALE,
         R.Attendance.ONLINE, R.Status.CONFIRMED),
        (zambia, "Mwansa Banda", "mwansa@parliament.example", R.Category.SECRETARY_GENERAL,
         R.Gender.MALE, R.Attendance.IN_PERSON, R.Status.WAITLISTED),
        (zambia, "Chanda Mulenga", "chanda@parliament.example", R.Category.MP,
         R.Gender.UNDISCLOSED, R.Attendance.ONLINE, R.Status.CANCELLED),
    ]:  # fmt: skip
        RegistrationFactory(
            delegation=delegation,
            full_name=name,
            email=email,
            category=category,
            gender=gender,
            attendance=attendance,
            status=status,
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
