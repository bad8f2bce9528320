import datetime
import threading

import pytest
from django.db import connection, connections
from django.utils import timezone

from conferences import letters
from conferences.models import Campaign, Reminder
from conferences.reminders import reminders_send_due
from tests.conferences.factories import (
    DelegationFactory,
    OpenEventFactory,
    PersonFactory,
    RegistrationFactory,
    letter_templates,
)
from tests.conftest import require
from tests.factories import MemberParliamentFactory, SessionFactory, UserFactory

pytestmark = pytest.mark.django_db
NOW = datetime.datetime(2030, 5, 28, 9, 0, tzinfo=datetime.UTC)


@pytest.fixture
def invited_event(django_capture_on_commit_callbacks):
    """An event whose deadline is in 7 days and to which three parliaments were invited."""
    event = OpenEventFactory(
        registration_deadline=NOW + datetime.timedelta(days=6, hours=12),
        start_date=datetime.date(2030, 6, 16),
        end_date=datetime.date(2030, 6, 18),
    )
    letter_templates(event)
    for code in ("FR", "CL", "ZM"):
        PersonFactory(parliament=MemberParliamentFactory(code=code))
    with django_capture_on_commit_callbacks(execute=True):
        letters.campaign_start(
            campaign=Campaign.objects.create(event=event, name="Invitations"), by=None
        )
    return event


def test_invited_parliaments_that_have_not_registered_are_reminded(invited_event, mailoutbox):
    chile = MemberParliamentFactory(code="CL")
    RegistrationFactory(
        delegation__event=invited_event, delegation__parliament=chile, is_head_of_delegation=True
    )
    mailoutbox.clear()
    assert reminders_send_due(now=NOW) == 2
    reminded = set(Reminder.objects.values_list("parliament__code", flat=True))
    assert reminded == {"FR", "ZM"}
    assert Reminder.objects.first().days_before == 7


def test_the_deadline_is_given_in_the_events_time_zone_and_the_addressees_language(
    invited_event, mailoutbox
):
    from centre.models import OutgoingMail

    reminders_send_due(now=NOW)
    reminder = OutgoingMail.objects.filter(kind="reminder").first()
    assert reminder.language == "fr"
    assert "Europe/Zurich" in reminder.body_text
    local = timezone.localtime(invited_event.registration_deadline, invited_event.tz)
    assert local.strftime("%H:%M") in reminder.body_text


def test_a_reminder_is_sent_once_however_often_beat_runs(invited_event):
    first = reminders_send_due(now=NOW)
    assert first == 3
    assert reminders_send_due(now=NOW) == 0
    assert reminders_send_due(now=NOW + datetime.timedelta(hours=1)) == 0
    # The next offset (1 day before the deadline) is a new reminder.
    assert (
        reminders_send_due(now=invited_event.registration_deadline - datetime.timedelta(hours=20))
        == 3
    )


def test_a_beat_that_was_down_sends_only_the_latest_reminder(invited_event):
    reminders_send_due(now=invited_event.registration_deadline - datetime.timedelta(hours=2))
    assert set(Reminder.objects.values_list("days_before", flat=True)) == {1}


def test_nothing_is_sent_before_the_first_offset_or_after_the_deadline(invited_event):
    assert (
        reminders_send_due(now=invited_event.registration_deadline - datetime.timedelta(days=30))
        == 0
    )
    assert (
        reminders_send_due(now=invited_event.registration_deadline + datetime.timedelta(minutes=1))
        == 0
    )


def test_focal_points_of_incomplete_delegations_are_reminded(invited_event, mailoutbox):
    focal_point = UserFactory(preferred_language="es")
    DelegationFactory(
        event=invited_event, parliament=MemberParliamentFactory(code="CL"), focal_point=focal_point
    )
    reminders_send_due(now=NOW)
    incomplete = Reminder.objects.get(kind=Reminder.Kind.INCOMPLETE)
    assert incomplete.parliament.code == "CL"
    assert incomplete.mail.to == [focal_point.email]
    assert incomplete.mail.language == "es"


def test_delegates_get_their_agenda_a_few_days_before_the_event(
    mailoutbox, django_capture_on_commit_callbacks
):
    event = OpenEventFactory(
        start_date=datetime.date(2030, 6, 16),
        end_date=datetime.date(2030, 6, 18),
        delegate_reminder_days=3,
        registration_deadline=datetime.datetime(2030, 6, 1, tzinfo=datetime.UTC),
        joining_instructions_en="Zoom link",
    )
    session = SessionFactory(event=event, title_en="Opening")
    delegate = RegistrationFactory(delegation__event=event, attendance="online")
    delegate.sessions_of_interest.set([session])
    RegistrationFactory(delegation__event=event, status="cancelled")
    too_early = datetime.datetime(2030, 6, 10, 9, tzinfo=datetime.UTC)
    assert reminders_send_due(now=too_early) == 0
    with django_capture_on_commit_callbacks(execute=True):
        assert reminders_send_due(now=datetime.datetime(2030, 6, 13, 9, tzinfo=datetime.UTC)) == 1
    mail = mailoutbox[-1]
    assert mail.to == [delegate.email]
    assert "Zoom link" in mail.body
    assert b"Opening" in (
        mail.attachments[0][1]
        if isinstance(mail.attachments[0][1], bytes)
        else mail.attachments[0][1].encode()
    )


@pytest.mark.integration
def test_two_beat_runs_at_the_same_moment_send_each_reminder_once(
    transactional_db, django_capture_on_commit_callbacks
):
    require(connection.vendor == "postgresql", "DATABASE_URL does not point at PostgreSQL")
    event = OpenEventFactory(registration_deadline=NOW + datetime.timedelta(days=6, hours=12))
    letter_templates(event)
    for code in ("FR", "CL", "ZM", "JP", "KE", "EG"):
        PersonFactory(parliament=MemberParliamentFactory(code=code))
    letters.campaign_start(
        campaign=Campaign.objects.create(event=event, name="Invitations"), by=None
    )
    barrier = threading.Barrier(2)
    counts = []

    def beat():
        try:
            barrier.wait()
            counts.append(reminders_send_due(now=NOW))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=beat) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sum(counts) == 6
    assert Reminder.objects.count() == 6
    from centre.models import OutgoingMail

    assert OutgoingMail.objects.filter(kind="reminder").count() == 6
