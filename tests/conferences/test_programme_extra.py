"""The programme's single-session calendar, its theme and track filters, its discussion
questions, and the joining instructions in the confirmation e-mail."""

import datetime

import icalendar
import pytest
from django.urls import reverse

from centre.models import OutgoingMail
from conferences import services
from conferences.models import Event, Registration, Theme, Track
from tests.conferences.factories import DelegationFactory, OpenEventFactory, delegate_data
from tests.factories import EventFactory, SessionFactory

pytestmark = pytest.mark.django_db
UTC = datetime.UTC


def _session_calendar_url(event, session):
    return reverse("conferences:session_calendar", kwargs={"slug": event.slug, "pk": session.pk})


def _programme(client, event, **filters):
    return client.get(reverse("conferences:detail", kwargs={"slug": event.slug}), filters)


# --- One session's calendar -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("time_zone", "wall_clock"),
    [
        # 12:00 UTC on 16 June 2030 is 14:00 in Geneva (summer time) and 21:00 in Tokyo; Tokyo
        # differs from the portal's own TIME_ZONE, so a TZID taken from settings would show.
        ("Europe/Zurich", "2030-06-16 14:00"),
        ("Asia/Tokyo", "2030-06-16 21:00"),
    ],
)
def test_session_calendar_is_one_event_in_the_events_time_zone(client, time_zone, wall_clock):
    event = OpenEventFactory(slug="wepc", time_zone=time_zone)
    session = SessionFactory(
        event=event,
        title_en="Opening plenary",
        starts_at=datetime.datetime(2030, 6, 16, 12, 0, tzinfo=UTC),
        ends_at=datetime.datetime(2030, 6, 16, 13, 30, tzinfo=UTC),
    )
    SessionFactory(event=event, title_en="Another session")

    response = client.get(_session_calendar_url(event, session))

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(response.content)
    [vevent] = calendar.walk("VEVENT")
    assert str(vevent["SUMMARY"]) == "Opening plenary"
    dtstart = vevent["DTSTART"]
    assert dtstart.params["TZID"] == time_zone
    assert dtstart.dt.strftime("%Y-%m-%d %H:%M") == wall_clock
    assert dtstart.dt == session.starts_at
    assert [str(zone["TZID"]) for zone in calendar.walk("VTIMEZONE")] == [time_zone]


def test_session_of_another_event_is_not_found_under_this_events_address(client):
    event = OpenEventFactory(slug="wepc")
    foreign = SessionFactory(event=OpenEventFactory(slug="other"), title_en="Foreign session")
    assert client.get(_session_calendar_url(event, foreign)).status_code == 404
    assert client.get(_session_calendar_url(foreign.event, foreign)).status_code == 200


# --- Programme filters ------------------------------------------------------------------------


@pytest.fixture
def programme():
    """An event with two themes and two tracks, and a session for each pairing but one."""
    event = OpenEventFactory(slug="wepc")
    open_data = Theme.objects.create(event=event, code="a", title_en="Open data")
    ai = Theme.objects.create(event=event, code="b", title_en="Artificial intelligence")
    leadership = Track.objects.create(event=event, number=1, name_en="Thought leadership")
    exchange = Track.objects.create(event=event, number=2, name_en="Peer exchange")
    for title, theme, track in [
        ("Portals of open data", open_data, leadership),
        ("Clinic on data standards", open_data, exchange),
        ("Machine translation of debates", ai, exchange),
        ("Plenary without a theme", None, None),
    ]:
        SessionFactory(event=event, title_en=title, theme=theme, track=track)
    return event


ALL_SESSIONS = {
    "Portals of open data",
    "Clinic on data standards",
    "Machine translation of debates",
    "Plenary without a theme",
}


def _listed(response) -> set[str]:
    content = response.content.decode()
    return {title for title in ALL_SESSIONS if title in content}


def test_programme_lists_only_the_sessions_of_the_chosen_theme(client, programme):
    response = _programme(client, programme, theme="a")
    assert response.status_code == 200
    assert _listed(response) == {"Portals of open data", "Clinic on data standards"}
    assert _listed(_programme(client, programme, theme="b")) == {"Machine translation of debates"}


def test_programme_lists_only_the_sessions_of_the_chosen_track(client, programme):
    response = _programme(client, programme, track="2")
    assert response.status_code == 200
    assert _listed(response) == {"Clinic on data standards", "Machine translation of debates"}
    assert _listed(_programme(client, programme, track="1")) == {"Portals of open data"}


def test_programme_combines_theme_and_track(client, programme):
    assert _listed(_programme(client, programme, theme="a", track="2")) == {
        "Clinic on data standards"
    }


@pytest.mark.parametrize(
    "filters",
    [{"theme": "zz"}, {"track": "99"}, {"track": "not-a-number"}, {"theme": "a'--", "track": ""}],
)
def test_programme_with_an_unknown_theme_or_track_still_answers(client, programme, filters):
    assert _programme(client, programme, **filters).status_code == 200


def test_theme_filter_never_lists_another_events_sessions(client, programme):
    other = OpenEventFactory(slug="other")
    elsewhere = Theme.objects.create(event=other, code="c", title_en="Elsewhere")
    SessionFactory(event=other, title_en="Session elsewhere", theme=elsewhere)
    content = _programme(client, programme, theme="c").content.decode()
    assert "Session elsewhere" not in content


# --- Discussion questions ---------------------------------------------------------------------


def test_programme_shows_a_sessions_discussion_questions(client):
    event = OpenEventFactory(slug="wepc")
    SessionFactory(
        event=event,
        title_en="Open data clinic",
        discussion_questions_en=(
            "Which data sets should every parliament publish?\n"
            "\n"
            "  How do we measure their reuse?  \n"
        ),
    )
    SessionFactory(event=event, title_en="Session without questions")
    content = _programme(client, event).content.decode()
    assert "Questions for discussion" in content
    assert "<li>Which data sets should every parliament publish?</li>" in content
    assert "<li>How do we measure their reuse?</li>" in content
    assert "<li></li>" not in content
    assert content.count("Questions for discussion") == 1


# --- How to join, in the confirmation e-mail ------------------------------------------------

JOINING = "Join on Zoom: https://zoom.example/j/2030, passcode 4711."


def _confirmation_to_delegate(
    django_capture_on_commit_callbacks, *, event_format, attendance
) -> OutgoingMail:
    delegation = DelegationFactory(
        event__format=event_format, event__joining_instructions_en=JOINING
    )
    data = delegate_data(
        email="delegate@parliament.example", working_language="en", attendance=attendance
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.registration_add(
            event=delegation.event,
            delegation=delegation,
            data=data,
            by=delegation.focal_point,
        )
    [mail] = [
        mail
        for mail in OutgoingMail.objects.filter(kind="registration")
        if mail.to == ["delegate@parliament.example"]
    ]
    return mail


@pytest.mark.parametrize(
    ("event_format", "attendance"),
    [
        (Event.Format.ONLINE, Registration.Attendance.ONLINE),
        (Event.Format.HYBRID, Registration.Attendance.ONLINE),
    ],
)
def test_confirmation_of_an_online_delegate_says_how_to_join(
    django_capture_on_commit_callbacks, event_format, attendance
):
    mail = _confirmation_to_delegate(
        django_capture_on_commit_callbacks, event_format=event_format, attendance=attendance
    )
    assert "How to join online" in mail.body_text
    assert JOINING in mail.body_text


def test_confirmation_for_an_in_person_event_does_not_say_how_to_join(
    django_capture_on_commit_callbacks,
):
    mail = _confirmation_to_delegate(
        django_capture_on_commit_callbacks,
        event_format=Event.Format.IN_PERSON,
        attendance=Registration.Attendance.IN_PERSON,
    )
    assert "Your registration is confirmed." in mail.body_text
    assert "How to join online" not in mail.body_text
    assert JOINING not in mail.body_text


def test_filters_offer_only_what_the_event_has_and_say_what_was_wrong(client):
    event = EventFactory()
    SessionFactory(event=event)
    html = client.get(event.get_absolute_url(), {"audience": "bogus"}).content.decode()
    assert 'name="theme"' not in html and 'name="track"' not in html
    assert 'aria-describedby="id_audience_error"' in html
    assert '<ul class="errorlist" id="id_audience_error">' in html
