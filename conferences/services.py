"""Delegation registration: places, deadlines, the waiting list and the e-mails they cause.

Every change that can take a place goes through one transaction that locks the event's row, so
concurrent registrations are serialised per event and the capacity is never exceeded.
"""

import datetime
from collections.abc import Iterable
from functools import partial

from django.conf import settings
from django.core import signing
from django.db import IntegrityError, transaction
from django.db.models import CharField, Q, Value
from django.db.models.functions import Cast, Concat
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from centre.errors import UserError
from centre.models import MemberParliament, OutgoingMail, ParliamentRole, User
from centre.services.outbox import Attachment, mail_erase_personal_data, mail_queue_template
from conferences import ical
from conferences.models import Delegation, Event, Registration, Reminder, Session

# Tests switch this off to prove that the concurrency test can fail without the lock.
LOCK_EVENT_ROW = True
INVITATION_SALT = "conferences.invitation"
ACTIVE = ~Q(status__in=[Registration.Status.CANCELLED, Registration.Status.DECLINED])


class RegistrationError(UserError):
    """An error the user caused, with a message in the user's language."""

    messages = {
        "closed": _("Registration for this event is closed."),
        "not_open": _("Registration for this event has not opened yet."),
        "deadline": _(
            "The registration deadline has passed: the delegation can no longer be changed."
        ),
        "duplicate": _("This person is already registered for this event."),
        "head": _("The delegation already has a head of delegation."),
        "not_focal_point": _("You are not a confirmed focal point of this parliament."),
        "invitation": _(
            "This registration link is not valid. Ask the IPU secretariat for a new one."
        ),
        "taken": _("Another focal point has already been confirmed for this parliament."),
        "not_pending": _("Only registrations awaiting approval can be approved or declined."),
    }


# What the rules read from the locked row: every registration of the event waits for this lock,
# so it fetches no more than it needs.
LOCKED_EVENT_FIELDS = (
    "capacity",
    "registration_enabled",
    "registration_opens_at",
    "registration_deadline",
    "end_date",
    "time_zone",
    "delegates_need_approval",
)


def _lock(event: Event) -> Event:
    events = Event.objects.only(*LOCKED_EVENT_FIELDS)
    if LOCK_EVENT_ROW:
        events = events.select_for_update()
    return events.get(pk=event.pk)


def _check_open(event: Event, now: datetime.datetime) -> None:
    reason = event.registration_closed_because(now)
    if reason:
        raise RegistrationError(reason)


def places_taken(event: Event) -> int:
    return event.registrations.filter(status=Registration.Status.CONFIRMED).count()


def _has_place(event: Event) -> bool:
    return event.capacity is None or places_taken(event) < event.capacity


def _check_unique(event: Event, email: str, exclude: int | None = None) -> None:
    others = event.registrations.filter(ACTIVE, email__iexact=email)
    if exclude:
        others = others.exclude(pk=exclude)
    if others.exists():
        raise RegistrationError("duplicate", field="email")


def _check_head(delegation: Delegation | None, is_head: bool, exclude: int | None = None) -> None:
    if not (delegation and is_head):
        return
    heads = delegation.registrations.filter(ACTIVE, is_head_of_delegation=True)
    if exclude:
        heads = heads.exclude(pk=exclude)
    if heads.exists():
        raise RegistrationError("head", field="is_head_of_delegation")


def _constraint_error(error: IntegrityError) -> RegistrationError:
    """The rule a concurrent change broke, from the name of the constraint that caught it."""
    if "one_head_per_delegation" in str(error):
        return RegistrationError("head", field="is_head_of_delegation")
    return RegistrationError("duplicate", field="email")


REGISTRATION_FIELDS = (
    "full_name",
    "title",
    "organisation",
    "category",
    "gender",
    "email",
    "attendance",
    "working_language",
    "accessibility_needs",
    "is_head_of_delegation",
)


def delegation_get_or_create(*, event: Event, parliament: MemberParliament, by: User) -> Delegation:
    """The parliament's delegation to the event, created on first use with `by` as focal point.
    There is never more than one delegation per parliament and event."""
    delegation, _created = Delegation.objects.get_or_create(
        event=event,
        parliament=parliament,
        defaults={"focal_point": by, "consent_at": timezone.now()},
    )
    return delegation


def registration_add(
    *,
    event: Event,
    data: dict,
    by: User | None,
    delegation: Delegation | None = None,
    sessions: Iterable[Session] = (),
    now: datetime.datetime | None = None,
) -> Registration:
    """Registers one person for the event, as a delegate of `delegation` or, without one, as an
    individual participant awaiting the secretariat's approval (as delegates do too at an event
    whose delegates need approval).

    Refuses after the deadline and refuses an e-mail address already registered for the event.
    A delegate is confirmed while places remain and put on the waiting list once the event is
    full. Confirmation e-mails leave when the transaction commits.
    """
    now = now or timezone.now()
    # Every registration of the event queues for its row lock, so what does not need the lock
    # happens before it: refusing a known e-mail address or a second head, and building the
    # row. A concurrent duplicate that slips past these checks meets the database constraints.
    # The deadline is checked first as the page saw it, so that it is the reason given after it.
    _check_open(event, now)
    _check_unique(event, data["email"])
    _check_head(delegation, data.get("is_head_of_delegation", False))
    registration = Registration(
        event=event,
        delegation=delegation,
        user=by,
        consent_at=now,
        **{field: data[field] for field in REGISTRATION_FIELDS if field in data},
    )
    sessions = list(sessions)
    try:
        with transaction.atomic():
            locked = _lock(event)
            _check_open(locked, now)
            if delegation is None or locked.delegates_need_approval:
                registration.status = Registration.Status.PENDING
            elif _has_place(locked):
                registration.status = Registration.Status.CONFIRMED
            else:
                registration.status = Registration.Status.WAITLISTED
            registration.save(force_insert=True)
            if sessions:
                registration.sessions_of_interest.add(*sessions)
            transaction.on_commit(partial(_send_registration_mails, registration.pk, "registered"))
    except IntegrityError as error:
        raise _constraint_error(error) from error
    return registration


def registration_update(
    *,
    registration: Registration,
    data: dict,
    by: User | None,
    sessions: Iterable[Session] | None = None,
    now: datetime.datetime | None = None,
) -> Registration:
    """Changes a registration's details until the deadline; its place is kept."""
    now = now or timezone.now()
    try:
        with transaction.atomic():
            event = _lock(registration.event)
            _check_open(event, now)
            registration = Registration.objects.select_for_update().get(pk=registration.pk)
            _check_unique(event, data.get("email", registration.email), exclude=registration.pk)
            _check_head(
                registration.delegation,
                data.get("is_head_of_delegation", registration.is_head_of_delegation),
                exclude=registration.pk,
            )
            for field in REGISTRATION_FIELDS:
                if field in data:
                    setattr(registration, field, data[field])
            registration.save()
            if sessions is not None:
                registration.sessions_of_interest.set(sessions)
            transaction.on_commit(partial(_send_registration_mails, registration.pk, "updated"))
    except IntegrityError as error:
        raise _constraint_error(error) from error
    return registration


def registration_cancel(
    *,
    registration: Registration,
    by: User | None,
    enforce_deadline: bool = True,
    now: datetime.datetime | None = None,
) -> Registration:
    """Cancels a registration. A confirmed place it frees goes to the first person on the
    waiting list, who is told by e-mail. The secretariat may cancel after the deadline."""
    now = now or timezone.now()
    with transaction.atomic():
        event = _lock(registration.event)
        if enforce_deadline:
            _check_open(event, now)
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        was_confirmed = registration.status == Registration.Status.CONFIRMED
        registration.status = Registration.Status.CANCELLED
        registration.is_head_of_delegation = False
        registration.save(update_fields=["status", "is_head_of_delegation", "updated_at"])
        if was_confirmed:
            _promote_waiting_list(event)
    return registration


def waiting_list_fill(*, event: Event) -> int:
    """Gives the event's free places to the first in line on its waiting list, each told by
    e-mail; how many were given. For the changes that free places outside these services: the
    secretariat raising the capacity, or changing or deleting delegates in the admin."""
    with transaction.atomic():
        return _promote_waiting_list(_lock(event))


def _promote_waiting_list(event: Event) -> int:
    # A place freed after the event (a person deleting their data) is no place to offer.
    if not event.is_upcoming():
        return 0
    promoted = 0
    while _has_place(event):
        first = (
            event.registrations.select_for_update()
            .filter(status=Registration.Status.WAITLISTED)
            .order_by("created_at", "pk")
            .first()
        )
        if first is None:
            break
        first.status = Registration.Status.CONFIRMED
        first.save(update_fields=["status", "updated_at"])
        transaction.on_commit(partial(_send_registration_mails, first.pk, "promoted"))
        promoted += 1
    return promoted


def registration_decide(*, registration: Registration, approve: bool, by: User) -> Registration:
    """The secretariat approves or declines a participant awaiting approval. An approved
    participant takes a place if one is left, and joins the waiting list otherwise."""
    with transaction.atomic():
        event = _lock(registration.event)
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        if registration.status != Registration.Status.PENDING:
            raise RegistrationError("not_pending")
        if not approve:
            registration.status = Registration.Status.DECLINED
        elif _has_place(event):
            registration.status = Registration.Status.CONFIRMED
        else:
            registration.status = Registration.Status.WAITLISTED
        registration.save(update_fields=["status", "updated_at"])
        transaction.on_commit(partial(_send_registration_mails, registration.pk, "decided"))
    return registration


def _send_registration_mails(registration_id: int, change: str) -> None:
    # The request only queues the work: rendering the mails and the agenda happens in a worker.
    from conferences.tasks import registration_notify_task

    registration_notify_task.delay(registration_id=registration_id, change=change)


def registration_notify(*, registration_id: int, change: str) -> None:
    """Tells the participant (in their working language, with their agenda) and the focal
    point (in theirs) what changed. Each change is one mail per person."""
    registration = (
        Registration.objects.select_related(
            "event", "delegation__parliament", "delegation__focal_point"
        )
        .prefetch_related("sessions_of_interest")
        .filter(pk=registration_id)
        .first()
    )
    if registration is None:
        return
    event = registration.event
    agenda = Attachment(
        filename=f"{event.slug}.ics",
        content=ical.registration_agenda(registration),
        content_type="text/calendar",
    )
    context = {
        "registration": registration,
        "event": event,
        "change": change,
        "online": registration.attendance == Registration.Attendance.ONLINE
        or event.format == Event.Format.ONLINE,
        "site_url": settings.SITE_URL,
    }
    stamp = f"{change}:{registration.updated_at.isoformat()}"
    with transaction.atomic():
        mail_queue_template(
            template="conferences/email/registration",
            context=context,
            to=[registration.email],
            language=registration.working_language,
            attachments=[agenda],
            kind="registration",
            idempotency_key=_mail_key("registration", registration.pk) + stamp,
        )
        focal_point = registration.delegation.focal_point if registration.delegation else None
        if focal_point and focal_point.email.lower() != registration.email.lower():
            mail_queue_template(
                template="conferences/email/delegation_changed",
                context={**context, "delegation": registration.delegation},
                to=[focal_point.email],
                language=focal_point.preferred_language,
                kind="registration",
                idempotency_key=_mail_key("delegation", registration.pk) + stamp,
            )


# --- Focal points ---------------------------------------------------------------------------


def invitation_token(*, parliament: MemberParliament, event: Event) -> str:
    """The personal registration link's token, printed in the parliament's invitation letter."""
    return signing.dumps({"p": parliament.code, "e": event.pk}, salt=INVITATION_SALT, compress=True)


def focal_point_claim(*, user: User, event: Event, token: str) -> ParliamentRole:
    """Makes the user the confirmed focal point of the parliament the invitation was addressed
    to, if that parliament has none yet. Claiming again returns the same role."""
    try:
        data = signing.loads(token, salt=INVITATION_SALT)
    except signing.BadSignature as error:
        raise RegistrationError("invitation") from error
    if data.get("e") != event.pk:
        raise RegistrationError("invitation")
    parliament = MemberParliament.objects.filter(code=data.get("p"), is_active=True).first()
    if parliament is None:
        raise RegistrationError("invitation")
    with transaction.atomic():
        MemberParliament.objects.select_for_update().get(pk=parliament.pk)
        confirmed = ParliamentRole.objects.filter(
            parliament=parliament, role=ParliamentRole.Role.FOCAL_POINT, confirmed_at__isnull=False
        )
        mine = confirmed.filter(user=user).first()
        if mine:
            return mine
        if confirmed.exists():
            raise RegistrationError("taken")
        role, _created = ParliamentRole.objects.update_or_create(
            user=user,
            parliament=parliament,
            role=ParliamentRole.Role.FOCAL_POINT,
            defaults={"confirmed_at": timezone.now()},
        )
    return role


# --- Personal data --------------------------------------------------------------------------


def registration_personal_data(*, registration: Registration) -> dict:
    """Everything the portal keeps about one registration, for the person's own export."""
    return {
        "event": registration.event.title,
        "event_dates": [
            registration.event.start_date.isoformat(),
            registration.event.end_date.isoformat(),
        ],
        "parliament": registration.delegation.parliament.name if registration.delegation else None,
        "status": registration.status,
        **{field: getattr(registration, field) for field in REGISTRATION_FIELDS},
        "sessions_of_interest": [
            session.title for session in registration.sessions_of_interest.all()
        ],
        "consent_at": registration.consent_at.isoformat(),
        "created_at": registration.created_at.isoformat(),
        "updated_at": registration.updated_at.isoformat(),
    }


def registration_anonymise(*, registration: Registration) -> Registration:
    """Erases the person's data and keeps only what statistics need (category, gender,
    attendance, parliament). A confirmed place it frees goes to the waiting list."""
    with transaction.atomic():
        if registration.status in (
            Registration.Status.CONFIRMED,
            Registration.Status.WAITLISTED,
            Registration.Status.PENDING,
        ):
            registration = registration_cancel(
                registration=registration, by=None, enforce_deadline=False
            )
        _erase_personal_data(Registration.objects.filter(pk=registration.pk), timezone.now())
    registration.refresh_from_db()
    return registration


def registrations_anonymise_past(*, now: datetime.datetime | None = None) -> int:
    """Anonymises the registrations of events that ended more than the retention period ago
    (`PERSONAL_DATA_RETENTION_DAYS`). Safe to run as often as beat likes."""
    now = now or timezone.now()
    cutoff = (now - datetime.timedelta(days=settings.PERSONAL_DATA_RETENTION_DAYS)).date()
    with transaction.atomic():
        return _erase_personal_data(
            Registration.objects.filter(event__end_date__lt=cutoff, anonymised_at__isnull=True),
            now,
        )


def _erase_personal_data(registrations, now: datetime.datetime) -> int:
    """Erases the personal fields of the registrations and of the mails sent about them."""
    ids = list(registrations.values_list("pk", flat=True))
    Registration.sessions_of_interest.through.objects.filter(registration_id__in=ids).delete()
    for start in range(0, len(ids), ERASE_BATCH):
        mail_erase_personal_data(mails=_mails_about(ids[start : start + ERASE_BATCH]))
    return Registration.objects.filter(pk__in=ids).update(
        full_name="—",
        title="",
        organisation="",
        # Unique per row, so that the one-registration-per-e-mail constraint still holds.
        email=Concat(Value("anonymised-"), Cast("pk", CharField()), Value("@invalid.invalid")),
        accessibility_needs="",
        user=None,
        anonymised_at=now,
    )


# Registrations whose mails are looked up in one query when erasing.
ERASE_BATCH = 200


def _mail_key(recipient: str, registration_id: int) -> str:
    """The start of the idempotency key of every mail about one registration, to the person
    ("registration") or to their focal point ("delegation"): how erasing finds them again."""
    return f"{recipient}:{registration_id}:"


def _mails_about(registration_ids: list[int]):
    """The mails sent about these registrations: the confirmations and changes (to the person
    and to their focal point) and the reminders before the event."""
    about = Q(pk__in=Reminder.objects.filter(registration_id__in=registration_ids).values("mail"))
    for pk in registration_ids:
        about |= Q(idempotency_key__startswith=_mail_key("registration", pk))
        about |= Q(idempotency_key__startswith=_mail_key("delegation", pk))
    return OutgoingMail.objects.filter(about)
