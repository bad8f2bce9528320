"""A participant's own page: what the IPU keeps about them, their agenda, and where to find it."""

import datetime
import zoneinfo

import icalendar
import pytest
from django.urls import reverse

from tests.conferences.factories import RegistrationFactory
from tests.factories import SessionFactory, UserFactory

pytestmark = pytest.mark.django_db
ZURICH = zoneinfo.ZoneInfo("Europe/Zurich")


@pytest.fixture
def ana(client):
    client.force_login(UserFactory(email="ana@congreso.example"))
    return client


def test_registrations_typed_with_capitals_are_found(ana):
    mine = RegistrationFactory(email="Ana@Congreso.Example", full_name="Ana Pérez")
    RegistrationFactory(email="someone.else@congreso.example", full_name="Luis Soto")
    page = ana.get(reverse("conferences:my_registrations")).content.decode()
    assert "Ana Pérez" in page and "Luis Soto" not in page
    assert mine.event.title in page


def test_the_page_shows_the_data_kept_about_the_person(ana):
    registration = RegistrationFactory(
        email="ana@congreso.example",
        full_name="Ana Pérez",
        title="Diputada",
        accessibility_needs="Wheelchair access",
        is_head_of_delegation=True,
    )
    registration.sessions_of_interest.add(
        SessionFactory(event=registration.event, title_en="Open data in parliament")
    )
    page = ana.get(reverse("conferences:my_registrations")).content.decode()
    for shown in (
        "Diputada",
        "Wheelchair access",
        "Head of delegation",
        "Open data in parliament",
        registration.delegation.parliament.name,
    ):
        assert shown in page


def test_the_agenda_holds_the_chosen_sessions_in_the_events_time_zone(ana):
    registration = RegistrationFactory(email="ana@congreso.example")
    chosen = SessionFactory(
        event=registration.event,
        title_en="Open data in parliament",
        starts_at=datetime.datetime(2030, 6, 17, 14, tzinfo=ZURICH),
        ends_at=datetime.datetime(2030, 6, 17, 15, tzinfo=ZURICH),
    )
    SessionFactory(event=registration.event, title_en="Not chosen")
    registration.sessions_of_interest.add(chosen)
    response = ana.get(reverse("conferences:my_registration_agenda", args=[registration.pk]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(response.content)
    events = list(calendar.walk("VEVENT"))
    assert [str(event["SUMMARY"]) for event in events] == ["Open data in parliament"]
    start = events[0]["DTSTART"]
    assert start.params["TZID"] == "Europe/Zurich"
    assert start.dt.hour == 14


def test_someone_elses_agenda_answers_404(ana):
    other = RegistrationFactory(email="someone.else@congreso.example")
    url = reverse("conferences:my_registration_agenda", args=[other.pk])
    assert ana.get(url).status_code == 404


def test_a_signed_in_reader_finds_the_page_from_the_menu(ana):
    page = ana.get(reverse("home")).content.decode()
    assert f'href="{reverse("conferences:my_registrations")}"' in page
