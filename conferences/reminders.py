"""Reminders before the registration deadline and before the event. Each one is a row whose
unique constraints let it happen once, however many beat runs overlap."""

import datetime

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from centre.services.outbox import Attachment, mail_queue_template
from conferences import ical
from conferences.models import Delegation, Event, Letter, Registration, Reminder
from conferences.services import ACTIVE


def _due_days(event: Event, now: datetime.datetime) -> int | None:
    """The reminder offset (days before the deadline) due now: the latest one passed, so that
    a beat that was down for a week sends one reminder, not three."""
    if not event.registration_deadline or now >= event.registration_deadline:
        return None
    passed = [
        days
        for days in event.reminder_days
        if event.registration_deadline - datetime.timedelta(days=days) <= now
    ]
    return min(passed) if passed else None


def _remind(
    *,
    event: Event,
    kind: str,
    days: int,
    template: str,
    to: str,
    language: str,
    context: dict,
    parliament=None,
    registration=None,
    attachments=(),
) -> bool:
    try:
        with transaction.atomic():
            reminder = Reminder.objects.create(
                event=event,
                kind=kind,
                days_before=days,
                parliament=parliament,
                registration=registration,
            )
            reminder.mail = mail_queue_template(
                template=template,
                context={**context, "event": event, "days": days, "site_url": settings.SITE_URL},
                to=[to],
                language=language,
                attachments=attachments,
                kind="reminder",
                idempotency_key=f"reminder:{reminder.pk}",
            )
            reminder.save(update_fields=["mail"])
    except IntegrityError:
        return False  # another beat run sent this one
    return True


def reminders_send_due(*, now: datetime.datetime | None = None) -> int:
    """Sends the reminders due now: to invited parliaments that have not registered, to focal
    points whose delegation has no delegate or no head, and to delegates a few days before
    the event. Returns how many were sent by this run."""
    now = now or timezone.now()
    sent = 0
    for event in Event.objects.filter(registration_enabled=True, registration_deadline__gt=now):
        days = _due_days(event, now)
        if days is None:
            continue
        sent += _remind_invited_parliaments(event, days)
        sent += _remind_incomplete_delegations(event, days)
    sent += _remind_delegates(now)
    return sent


def _remind_invited_parliaments(event: Event, days: int) -> int:
    registered = Registration.objects.filter(
        ACTIVE, delegation__parliament=OuterRef("parliament"), event=event
    )
    letters = (
        Letter.objects.filter(campaign__event=event, resend_of__isnull=True)
        .annotate(registered=Exists(registered))
        .filter(registered=False)
        .select_related("parliament", "addressee")
    )
    return sum(
        _remind(
            event=event,
            kind=Reminder.Kind.NOT_REGISTERED,
            days=days,
            parliament=letter.parliament,
            template="conferences/email/reminder_not_registered",
            to=letter.email,
            language=letter.language,
            context={"parliament": letter.parliament, "addressee": letter.addressee},
        )
        for letter in letters
    )


def _remind_incomplete_delegations(event: Event, days: int) -> int:
    head = Registration.objects.filter(
        ACTIVE, delegation=OuterRef("pk"), is_head_of_delegation=True
    )
    anyone = Registration.objects.filter(ACTIVE, delegation=OuterRef("pk"))
    delegations = (
        Delegation.objects.filter(event=event, focal_point__isnull=False)
        .annotate(has_head=Exists(head), has_delegates=Exists(anyone))
        .filter(Q(has_head=False) | Q(has_delegates=False))
        .select_related("parliament", "focal_point")
    )
    return sum(
        _remind(
            event=event,
            kind=Reminder.Kind.INCOMPLETE,
            days=days,
            parliament=delegation.parliament,
            template="conferences/email/reminder_incomplete",
            to=delegation.focal_point.email,
            language=delegation.focal_point.preferred_language,
            context={
                "delegation": delegation,
                "parliament": delegation.parliament,
                "has_delegates": delegation.has_delegates,
            },
        )
        for delegation in delegations
    )


def _remind_delegates(now: datetime.datetime) -> int:
    sent = 0
    today = timezone.localdate(now)
    events = Event.objects.filter(registration_enabled=True, start_date__gt=today)
    for event in events:
        if event.start_date - datetime.timedelta(days=event.delegate_reminder_days) > today:
            continue
        registrations = event.registrations.filter(
            status=Registration.Status.CONFIRMED
        ).prefetch_related("sessions_of_interest")
        for registration in registrations:
            sessions = list(registration.sessions_of_interest.all()) or None
            agenda = Attachment(
                f"{event.slug}.ics", ical.event_calendar(event, sessions), "text/calendar"
            )
            sent += _remind(
                event=event,
                kind=Reminder.Kind.BEFORE_EVENT,
                days=event.delegate_reminder_days,
                registration=registration,
                template="conferences/email/reminder_before_event",
                to=registration.email,
                language=registration.working_language,
                context={
                    "registration": registration,
                    "online": registration.attendance == Registration.Attendance.ONLINE
                    or event.format == Event.Format.ONLINE,
                },
                attachments=[agenda],
            )
    return sent
