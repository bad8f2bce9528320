import smtplib
from datetime import timedelta

import pytest
from django.db import transaction
from django.utils import timezone

from centre.models import OutgoingMail
from centre.services import outbox
from centre.services.outbox import Attachment, mail_deliver, mail_queue, mail_requeue

pytestmark = pytest.mark.django_db


def _queue(**overrides):
    values = {
        "to": ["speaker@parliament.example"],
        "subject": "Invitation",
        "body_text": "Dear Speaker,",
        "language": "fr",
    }
    return mail_queue(**(values | overrides))


def test_queued_mail_is_delivered_once_the_transaction_commits(
    mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        queued = _queue(
            body_html="<p>Dear Speaker,</p>",
            attachments=[Attachment("letter.pdf", b"%PDF-1.7 test", "application/pdf")],
        )
        assert mailoutbox == []  # nothing leaves before the commit
    assert len(callbacks) == 1
    queued.refresh_from_db()
    assert queued.status == OutgoingMail.Status.SENT
    assert queued.attempts == 1
    assert len(mailoutbox) == 1
    sent = mailoutbox[0]
    assert sent.to == ["speaker@parliament.example"]
    assert sent.extra_headers["Message-ID"] == queued.message_id
    assert sent.alternatives[0][1] == "text/html"
    assert sent.attachments[0][0] == "letter.pdf"


def test_rolled_back_transaction_sends_nothing(mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        try:
            with transaction.atomic():
                _queue()
                raise RuntimeError("the caller's work failed")
        except RuntimeError:
            pass
    assert OutgoingMail.objects.count() == 0
    assert mailoutbox == []


def test_same_idempotency_key_returns_the_first_mail(
    mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        first = _queue(idempotency_key="letter:2021:BR")
        second = _queue(idempotency_key="letter:2021:BR", subject="Another subject")
    assert first.pk == second.pk
    assert OutgoingMail.objects.count() == 1
    assert len(mailoutbox) == 1


def test_delivering_a_sent_mail_again_sends_nothing(mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        queued = _queue()
    mail_deliver(mail_id=queued.pk)
    mail_deliver(mail_id=queued.pk)
    assert len(mailoutbox) == 1
    queued.refresh_from_db()
    assert queued.attempts == 1


def test_mail_in_flight_elsewhere_is_left_alone(mailoutbox):
    queued = _queue()
    OutgoingMail.objects.filter(pk=queued.pk).update(status=OutgoingMail.Status.SENDING)
    mail_deliver(mail_id=queued.pk)
    assert mailoutbox == []


def test_delivering_a_deleted_mail_is_harmless():
    assert mail_deliver(mail_id=987654) is None


class FailingConnection:
    """An e-mail backend whose SMTP server answers with the given error."""

    def __init__(self, error):
        self.error = error

    def send_messages(self, messages):
        raise self.error


def test_transient_failure_requeues_with_a_delay():
    queued = _queue()
    before = timezone.now()
    result = mail_deliver(
        mail_id=queued.pk, connection=FailingConnection(ConnectionRefusedError("refused"))
    )
    assert result.status == OutgoingMail.Status.QUEUED
    assert "ConnectionRefusedError" in result.last_error
    assert result.next_attempt_at >= before + timedelta(seconds=outbox.RETRY_DELAYS[0])


def test_permanent_rejection_fails_at_once():
    queued = _queue()
    error = smtplib.SMTPRecipientsRefused({"speaker@parliament.example": (550, b"No such user")})
    result = mail_deliver(mail_id=queued.pk, connection=FailingConnection(error))
    assert result.status == OutgoingMail.Status.FAILED
    assert result.attempts == 1
    assert "550" in result.last_error


def test_mail_fails_after_the_last_retry():
    queued = _queue()
    for _attempt in range(len(outbox.RETRY_DELAYS) + 1):
        OutgoingMail.objects.filter(pk=queued.pk).update(next_attempt_at=None)
        result = mail_deliver(
            mail_id=queued.pk,
            connection=FailingConnection(smtplib.SMTPDataError(451, b"try later")),
        )
    assert result.status == OutgoingMail.Status.FAILED
    assert result.attempts == len(outbox.RETRY_DELAYS) + 1


def test_mail_not_yet_due_is_not_sent_early(mailoutbox):
    queued = _queue()
    OutgoingMail.objects.filter(pk=queued.pk).update(
        next_attempt_at=timezone.now() + timedelta(minutes=5)
    )
    mail_deliver(mail_id=queued.pk)
    assert mailoutbox == []


def test_failed_mail_can_be_requeued_and_then_sent(mailoutbox, django_capture_on_commit_callbacks):
    queued = _queue()
    OutgoingMail.objects.filter(pk=queued.pk).update(status=OutgoingMail.Status.FAILED, attempts=6)
    with django_capture_on_commit_callbacks(execute=True):
        assert mail_requeue(mail=queued) is True
    queued.refresh_from_db()
    assert queued.status == OutgoingMail.Status.SENT
    assert len(mailoutbox) == 1
    assert mail_requeue(mail=queued) is False  # a sent mail is never sent again this way


def test_sweep_requeues_mails_stuck_in_flight(mailoutbox, django_capture_on_commit_callbacks):
    stuck = _queue()
    long_ago = timezone.now() - timedelta(hours=1)
    OutgoingMail.objects.filter(pk=stuck.pk).update(
        status=OutgoingMail.Status.SENDING, sending_started_at=long_ago, updated_at=long_ago
    )
    recent = _queue(to=["other@parliament.example"])
    OutgoingMail.objects.filter(pk=recent.pk).update(
        status=OutgoingMail.Status.SENDING, sending_started_at=timezone.now()
    )
    result = outbox.mail_sweep_outbox()
    assert result["stuck"] == 1
    stuck.refresh_from_db()
    recent.refresh_from_db()
    assert stuck.status == OutgoingMail.Status.SENT
    assert recent.status == OutgoingMail.Status.SENDING
    assert [m.to for m in mailoutbox] == [["speaker@parliament.example"]]


def test_sweep_queues_due_mails_whose_task_was_lost(mailoutbox):
    lost = _queue()  # queued outside on-commit capture: its task never ran
    OutgoingMail.objects.filter(pk=lost.pk).update(updated_at=timezone.now() - timedelta(minutes=5))
    outbox.mail_sweep_outbox()
    lost.refresh_from_db()
    assert lost.status == OutgoingMail.Status.SENT
    assert len(mailoutbox) == 1


def test_template_mail_is_rendered_in_the_recipients_language(
    mailoutbox, django_capture_on_commit_callbacks, test_templates
):
    with django_capture_on_commit_callbacks(execute=True):
        queued = outbox.mail_queue_template(
            template="tests/test_message",
            context={"name": "Ada"},
            to=["ada@parliament.example"],
            language="fr",
        )
    assert queued.language == "fr"
    assert mailoutbox[0].subject == queued.subject
    assert "Ada" in mailoutbox[0].body
    assert "Union interparlementaire" in mailoutbox[0].body


def test_many_mails_are_written_once_each_and_wait_for_their_batch(mailoutbox):
    messages = [
        {
            "to": [f"reader{n}@parliament.example"],
            "subject": "Issue 1",
            "body_text": "x",
            "idempotency_key": f"issue:1:reader:{n}",
        }
        for n in range(3)
    ]
    first = outbox.mail_queue_many(messages=messages)
    again = outbox.mail_queue_many(messages=messages)
    assert sorted(first) == sorted(again)
    assert OutgoingMail.objects.count() == 3
    assert mailoutbox == []  # no task per mail: the caller delivers the batch
    with pytest.raises(ValueError):
        outbox.mail_queue_many(messages=[{"to": ["a@b.example"], "subject": "s", "body_text": "x"}])


def test_a_batch_is_delivered_over_one_connection_and_only_once(smtp_server):
    messages = [
        {
            "to": [f"reader{n}@parliament.example"],
            "subject": "Issue 1",
            "body_text": "x",
            "idempotency_key": f"issue:1:reader:{n}",
        }
        for n in range(4)
    ]
    messages.append({**messages[0], "to": ["reject@parliament.example"], "idempotency_key": "r"})
    ids = outbox.mail_queue_many(messages=messages)
    assert outbox.mail_deliver_batch(mail_ids=ids) == {"sent": 4, "failed": 1}
    assert outbox.mail_deliver_batch(mail_ids=ids) == {"sent": 4, "failed": 1}  # nothing resent
    assert len(smtp_server.message_ids()) == 4
