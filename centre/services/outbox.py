"""The mail outbox: every e-mail the portal sends is a row first, delivered by a Celery task.

Callers queue inside their own transaction; delivery starts only when it commits, so a mail is
never sent for work that was rolled back. Delivery locks the row, so a retried or duplicated
task never sends a mail twice.
"""

import contextlib
import logging
import smtplib
import socket
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import timedelta
from email.utils import make_msgid
from functools import partial

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import IntegrityError, transaction
from django.template import TemplateDoesNotExist
from django.template.loader import render_to_string
from django.utils import timezone, translation

from centre.models import OutgoingMail, OutgoingMailAttachment

logger = logging.getLogger(__name__)

# Growing waits between attempts after a transient failure; after the last one, the mail fails.
RETRY_DELAYS = (10, 30, 60, 300, 900)
# The Redis broker redelivers tasks held back longer than its visibility timeout, so a task is
# never queued further ahead than this; longer waits are picked up by the periodic sweep.
MAX_COUNTDOWN = 300


@dataclass(frozen=True)
class Attachment:
    filename: str
    content: bytes
    content_type: str = "application/octet-stream"


@dataclass(frozen=True)
class RenderedMail:
    subject: str
    body_text: str
    body_html: str


def mail_render(*, template: str, context: dict, language: str) -> RenderedMail:
    """Renders `<template>_subject.txt`, `<template>.txt` and, if it exists, `<template>.html`
    in the given language."""
    with translation.override(language):
        subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
        body_text = render_to_string(f"{template}.txt", context)
        try:
            body_html = render_to_string(f"{template}.html", context)
        except TemplateDoesNotExist:
            body_html = ""
    return RenderedMail(subject=subject, body_text=body_text, body_html=body_html)


def _new_mail(
    *,
    to: Sequence[str],
    subject: str,
    body_text: str,
    body_html: str = "",
    language: str | None = None,
    kind: str = "",
    headers: dict | None = None,
    cc: Sequence[str] = (),
    reply_to: Sequence[str] = (),
    from_email: str | None = None,
    idempotency_key: str | None = None,
) -> OutgoingMail:
    """An unsaved outbox row with the portal's defaults and a fresh, stable Message-ID."""
    if not to:
        raise ValueError("An e-mail needs at least one recipient.")
    return OutgoingMail(
        to=list(to),
        cc=list(cc),
        reply_to=list(reply_to),
        headers=dict(headers or {}),
        subject=subject,
        body_text=body_text,
        body_html=body_html,
        language=language or translation.get_language() or settings.LANGUAGE_CODE,
        kind=kind,
        from_email=from_email or settings.DEFAULT_FROM_EMAIL,
        idempotency_key=idempotency_key,
        message_id=make_msgid(domain=settings.MESSAGE_ID_DOMAIN),
    )


def mail_queue(*, attachments: Iterable[Attachment] = (), **message) -> OutgoingMail:
    """Records one e-mail in the outbox, inside the caller's transaction, and starts its
    delivery once that transaction commits. `message` takes the fields of `_new_mail`: to,
    subject, body_text, body_html, language, kind, headers, cc, reply_to, from_email,
    idempotency_key.

    With an `idempotency_key` already used, returns the mail queued first and queues nothing:
    callers that may run twice (a retried task, a double click) pass one.
    """
    idempotency_key = message.get("idempotency_key")
    if idempotency_key:
        existing = OutgoingMail.objects.filter(idempotency_key=idempotency_key).first()
        if existing is not None:
            return existing
    mail = _new_mail(**message)
    try:
        with transaction.atomic():
            mail.save()
            OutgoingMailAttachment.objects.bulk_create(
                OutgoingMailAttachment(
                    mail=mail, filename=a.filename, content=a.content, content_type=a.content_type
                )
                for a in attachments
            )
    except IntegrityError:
        if idempotency_key is None:
            raise
        # Another transaction queued the same key between our check and our insert.
        return OutgoingMail.objects.get(idempotency_key=idempotency_key)
    transaction.on_commit(partial(_enqueue_delivery, mail.pk))
    return mail


def mail_queue_many(*, messages: Sequence[dict]) -> list[int]:
    """Records many e-mails in one statement, for a caller that delivers them itself in a batch
    (`mail_deliver_batch`): no delivery task is queued per mail. Every message needs an
    idempotency key; a key already in the outbox is skipped, never written twice. Returns the
    ids of the given messages that are still waiting to be sent, old and new."""
    if any(not message.get("idempotency_key") for message in messages):
        raise ValueError("mail_queue_many needs an idempotency key on every message.")
    mails = [_new_mail(**message) for message in messages]
    with transaction.atomic():
        OutgoingMail.objects.bulk_create(mails, ignore_conflicts=True)
    return list(
        OutgoingMail.objects.filter(
            idempotency_key__in=[mail.idempotency_key for mail in mails],
            status=OutgoingMail.Status.QUEUED,
        ).values_list("pk", flat=True)
    )


def mail_queue_template(
    *, template: str, context: dict, to: Sequence[str], language: str, **options
) -> OutgoingMail:
    """Renders a mail template in the recipient's language and queues it (see `mail_queue`)."""
    rendered = mail_render(template=template, context=context, language=language)
    return mail_queue(
        to=to,
        subject=rendered.subject,
        body_text=rendered.body_text,
        body_html=rendered.body_html,
        language=language,
        **options,
    )


def _enqueue_delivery(mail_id: int, countdown: int = 0) -> None:
    from centre.tasks import mail_deliver_task

    mail_deliver_task.apply_async(kwargs={"mail_id": mail_id}, countdown=countdown or None)


def mail_build_message(mail: OutgoingMail, connection=None) -> EmailMultiAlternatives:
    message = EmailMultiAlternatives(
        subject=mail.subject,
        body=mail.body_text,
        from_email=mail.from_email,
        to=mail.to,
        cc=mail.cc,
        reply_to=mail.reply_to,
        headers={**mail.headers, "Message-ID": mail.message_id},
        connection=connection,
    )
    if mail.body_html:
        message.attach_alternative(mail.body_html, "text/html")
    for attachment in mail.attachments.all():
        message.attach(attachment.filename, bytes(attachment.content), attachment.content_type)
    return message


def _is_permanent(error: Exception) -> bool:
    """A 5xx answer means the server will never take this mail; anything else may pass later."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return all(code >= 500 for code, _msg in error.recipients.values())
    if isinstance(error, smtplib.SMTPResponseException):
        return error.smtp_code >= 500
    return False


TRANSIENT_ERRORS = (smtplib.SMTPException, OSError, socket.timeout)


def mail_deliver(*, mail_id: int, connection=None) -> OutgoingMail | None:
    """Sends one queued mail and records the outcome.

    Does nothing for a mail that is gone, already sent, failed, in flight in another worker,
    or not yet due for its next attempt: a duplicated task is harmless. A transient failure
    puts the mail back in the queue with a growing delay, up to len(RETRY_DELAYS) retries; a
    permanent one (an SMTP 5xx answer) fails it at once. Returns the mail as it now stands.
    """
    now = timezone.now()
    with transaction.atomic():
        mail = OutgoingMail.objects.select_for_update().filter(pk=mail_id).first()
        if mail is None:
            logger.info("Outbox mail %s is gone; nothing to deliver.", mail_id)
            return None
        if mail.status != OutgoingMail.Status.QUEUED:
            return mail
        if mail.next_attempt_at and mail.next_attempt_at > now:
            return mail
        mail.status = OutgoingMail.Status.SENDING
        mail.sending_started_at = now
        mail.attempts += 1
        mail.save(update_fields=["status", "sending_started_at", "attempts", "updated_at"])

    try:
        connection = connection or get_connection(fail_silently=False)
        mail_build_message(mail, connection=connection).send(fail_silently=False)
    except TRANSIENT_ERRORS as error:
        return _record_failure(mail, error, permanent=_is_permanent(error))
    mail.status = OutgoingMail.Status.SENT
    mail.sent_at = timezone.now()
    mail.last_error = ""
    mail.next_attempt_at = None
    mail.save(update_fields=["status", "sent_at", "last_error", "next_attempt_at", "updated_at"])
    return mail


def _record_failure(mail: OutgoingMail, error: Exception, *, permanent: bool) -> OutgoingMail:
    mail.last_error = f"{type(error).__name__}: {error}"[:2000]
    retries_done = mail.attempts - 1
    if permanent or retries_done >= len(RETRY_DELAYS):
        mail.status = OutgoingMail.Status.FAILED
        mail.next_attempt_at = None
        logger.warning("Outbox mail %s failed: %s", mail.pk, mail.last_error)
    else:
        delay = RETRY_DELAYS[retries_done]
        mail.status = OutgoingMail.Status.QUEUED
        mail.next_attempt_at = timezone.now() + timedelta(seconds=delay)
        if delay <= MAX_COUNTDOWN and not settings.CELERY_TASK_ALWAYS_EAGER:
            # Without a broker the retry waits for the sweep instead of running at once.
            transaction.on_commit(partial(_enqueue_delivery, mail.pk, delay))
    mail.save(update_fields=["status", "last_error", "next_attempt_at", "updated_at"])
    return mail


def mail_deliver_batch(*, mail_ids: Sequence[int]) -> dict[str, int]:
    """Delivers several outbox mails over one SMTP connection, each with `mail_deliver`'s
    promises (locked, sent once, retried or failed on its own schedule). After a failure the
    connection is opened afresh for the rest. Returns how many were sent and not sent."""
    connection = get_connection(fail_silently=False)
    _open_quietly(connection)
    counts = {"sent": 0, "failed": 0}
    try:
        for mail_id in mail_ids:
            mail = mail_deliver(mail_id=mail_id, connection=connection)
            if mail is None:
                continue
            if mail.status == OutgoingMail.Status.SENT:
                counts["sent"] += 1
            else:
                counts["failed"] += 1
                # The connection may be broken: open a fresh one for the rest of the batch.
                _close_quietly(connection)
                _open_quietly(connection)
    finally:
        _close_quietly(connection)
    return counts


def _open_quietly(connection) -> None:
    # A server that is down now is the concern of each mail's own retries, not of the batch.
    try:
        connection.open()
    except TRANSIENT_ERRORS as error:
        logger.warning("Could not open the SMTP connection: %s", error)


def _close_quietly(connection) -> None:
    with contextlib.suppress(*TRANSIENT_ERRORS):
        connection.close()


def mail_erase_personal_data(*, mails) -> int:
    """Erases what these mails say of a person (addresses, subject, bodies, attachments) and
    keeps the rows, with their kind, status and dates, as the record that a mail went. A mail
    still waiting to leave is withdrawn, never sent blank. Returns how many were erased."""
    ids = list(mails.values_list("pk", flat=True))
    OutgoingMailAttachment.objects.filter(mail_id__in=ids).delete()
    OutgoingMail.objects.filter(pk__in=ids, status=OutgoingMail.Status.QUEUED).update(
        status=OutgoingMail.Status.FAILED,
        last_error="Withdrawn: the personal data it held were erased.",
        next_attempt_at=None,
    )
    return OutgoingMail.objects.filter(pk__in=ids).update(
        to=[], cc=[], reply_to=[], headers={}, subject="—", body_text="", body_html=""
    )


def mail_requeue(*, mail: OutgoingMail) -> bool:
    """Puts a failed mail back in the queue for a new series of attempts. A mail that was sent
    or is in flight is left alone; returns whether the mail was requeued."""
    with transaction.atomic():
        updated = OutgoingMail.objects.filter(pk=mail.pk, status=OutgoingMail.Status.FAILED).update(
            status=OutgoingMail.Status.QUEUED,
            attempts=0,
            next_attempt_at=None,
            updated_at=timezone.now(),
        )
        if updated:
            transaction.on_commit(partial(_enqueue_delivery, mail.pk))
    return bool(updated)


def mail_sweep_outbox() -> dict[str, int]:
    """Finds mails a lost task left behind and queues their delivery again: mails stuck in
    flight (their worker died) and queued mails that are due but have no task waiting."""
    now = timezone.now()
    # A mail still "sending" after this long belonged to a worker that died mid-delivery; a
    # queued mail whose task should long have run lost its task.
    stuck_after = timedelta(seconds=settings.OUTBOX_STUCK_AFTER_SECONDS)
    unsent_after = timedelta(seconds=settings.OUTBOX_REQUEUE_AFTER_SECONDS)
    with transaction.atomic():
        stuck = list(
            OutgoingMail.objects.select_for_update(skip_locked=True)
            .filter(status=OutgoingMail.Status.SENDING, sending_started_at__lt=now - stuck_after)
            .values_list("pk", flat=True)
        )
        OutgoingMail.objects.filter(pk__in=stuck).update(
            status=OutgoingMail.Status.QUEUED,
            last_error="Delivery was interrupted; queued again.",
            updated_at=now,
        )
    due = list(
        OutgoingMail.objects.filter(
            status=OutgoingMail.Status.QUEUED, updated_at__lt=now - unsent_after
        )
        .exclude(next_attempt_at__gt=now)
        .values_list("pk", flat=True)
    )
    due += [pk for pk in stuck if pk not in due]
    for pk in due:
        _enqueue_delivery(pk)
    return {"stuck": len(stuck), "requeued": len(due)}
