"""Delivery through a real SMTP server on loopback and, with Redis and PostgreSQL, a real
Celery worker process."""

import time

import pytest

from centre.models import OutgoingMail
from centre.services.outbox import mail_deliver, mail_queue
from tests.conftest import CeleryWorker


def _queue(to="delegate@parliament.example", **extra):
    return mail_queue(
        to=[to], subject="Invitation", body_text="Dear delegate,", language="en", **extra
    )


@pytest.mark.django_db
@pytest.mark.integration
def test_mail_reaches_the_smtp_server_with_its_stable_message_id(smtp_server):
    queued = _queue()
    mail_deliver(mail_id=queued.pk)
    queued.refresh_from_db()
    assert queued.status == OutgoingMail.Status.SENT
    assert smtp_server.message_ids() == [queued.message_id]


@pytest.mark.django_db
@pytest.mark.integration
def test_recipient_rejected_with_550_is_failed_and_not_retried(smtp_server):
    queued = _queue(to="reject@parliament.example")
    result = mail_deliver(mail_id=queued.pk)
    assert result.status == OutgoingMail.Status.FAILED
    assert "550" in result.last_error
    assert result.next_attempt_at is None
    assert smtp_server.messages == []


@pytest.mark.django_db
@pytest.mark.integration
def test_mail_waits_while_the_smtp_server_is_down_and_goes_once_it_is_back(smtp_server):
    smtp_server.stop()
    queued = _queue()
    result = mail_deliver(mail_id=queued.pk)
    assert result.status == OutgoingMail.Status.QUEUED
    assert "ConnectionRefusedError" in result.last_error

    smtp_server.start()  # the same port, the same recorded messages
    OutgoingMail.objects.filter(pk=queued.pk).update(next_attempt_at=None)  # the delay has passed
    result = mail_deliver(mail_id=queued.pk)
    assert result.status == OutgoingMail.Status.SENT
    assert smtp_server.message_ids() == [queued.message_id]


@pytest.fixture
def celery_worker_process(smtp_server, real_services):
    worker = CeleryWorker(smtp_server.port)
    worker.start()
    yield worker
    worker.stop()


@pytest.mark.integration
@pytest.mark.real_worker
def test_real_worker_delivers_every_queued_mail_once(celery_worker_process, smtp_server):
    queued = [_queue(to=f"delegate{n}@parliament.example") for n in range(20)]
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if OutgoingMail.objects.filter(status=OutgoingMail.Status.SENT).count() == len(queued):
            break
        time.sleep(0.25)
    assert OutgoingMail.objects.filter(status=OutgoingMail.Status.SENT).count() == len(queued)
    received = smtp_server.message_ids()
    assert sorted(received) == sorted(mail.message_id for mail in queued)
    assert len(set(received)) == len(received)
