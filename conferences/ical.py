"""iCalendar files for an event, a session and a participant's own agenda (RFC 5545, with the
event's time zone as TZID and its VTIMEZONE)."""

import datetime
from collections.abc import Iterable

import icalendar
from django.conf import settings

from conferences.models import Event, Session

PRODID = "-//IPU Centre for Innovation in Parliament//Portal//EN"


def _calendar(name: str) -> icalendar.Calendar:
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    return calendar


def _session_component(session: Session, event: Event) -> icalendar.Event:
    component = icalendar.Event()
    component.add("uid", f"session-{session.pk}@{settings.MESSAGE_ID_DOMAIN}")
    component.add("summary", session.title)
    component.add("dtstart", session.starts_at.astimezone(event.tz))
    component.add("dtend", session.ends_at.astimezone(event.tz))
    component.add("dtstamp", session.ends_at.astimezone(datetime.UTC))
    if session.description:
        component.add("description", session.description)
    location = session.room or session.stream_url or event.venue
    if location:
        component.add("location", location)
    url = session.stream_url or session.recording_url
    if url:
        component.add("url", url)
    return component


def _whole_event_component(event: Event) -> icalendar.Event:
    component = icalendar.Event()
    component.add("uid", f"event-{event.pk}@{settings.MESSAGE_ID_DOMAIN}")
    component.add("summary", event.title)
    component.add("dtstart", event.start_date)
    component.add("dtend", event.end_date + datetime.timedelta(days=1))
    component.add(
        "dtstamp", datetime.datetime.combine(event.start_date, datetime.time(), datetime.UTC)
    )
    location = ", ".join(part for part in (event.venue, event.city) if part)
    if location:
        component.add("location", location)
    if event.summary:
        component.add("description", event.summary)
    return component


def event_calendar(event: Event, sessions: Iterable[Session] | None = None) -> bytes:
    """The event's sessions (all of them unless given), or the event as whole days when it has
    no session yet."""
    calendar = _calendar(event.title)
    sessions = list(event.sessions.all() if sessions is None else sessions)
    for session in sessions:
        calendar.add_component(_session_component(session, event))
    if not sessions:
        calendar.add_component(_whole_event_component(event))
    calendar.add_missing_timezones()
    return calendar.to_ical()


def session_calendar(session: Session) -> bytes:
    return event_calendar(session.event, [session])


def registration_agenda(registration) -> bytes:
    """A participant's own agenda: the sessions they chose, or the whole event when none."""
    sessions = list(registration.sessions_of_interest.all())
    return event_calendar(registration.event, sessions or None)
