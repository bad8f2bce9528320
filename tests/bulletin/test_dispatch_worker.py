"""The e-mail edition through a real Celery worker, Redis and an SMTP server on loopback: a
dispatch started twice reaches every subscriber once."""

import time

import pytest

from bulletin.services import dispatch
from centre.models import OutgoingMail
from tests.bulletin.factories import SubscriberFactory, published_issue
from tests.conftest import CeleryWorker

pytestmark = [pytest.mark.integration, pytest.mark.real_worker, pytest.mark.slow]
SUBSCRIBERS = 450


def test_dispatch_started_twice_reaches_each_subscriber_once(real_services, smtp_server):
    issue = published_issue(stories=3)
    subscribers = SubscriberFactory.create_batch(SUBSCRIBERS)
    worker = CeleryWorker(smtp_server.port)
    worker.start()
    try:
        dispatch.issue_dispatch_start(issue_id=issue.pk)
        dispatch.issue_dispatch_start(issue_id=issue.pk)  # a double click, or a retried task
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline:
            if (
                len(smtp_server.messages) >= SUBSCRIBERS
                and not OutgoingMail.objects.filter(
                    status__in=[OutgoingMail.Status.QUEUED, OutgoingMail.Status.SENDING]
                ).exists()
            ):
                break
            time.sleep(0.5)
        time.sleep(2)  # anything sent twice would arrive now
    finally:
        worker.stop()
    received = [message["To"] for message in smtp_server.messages]
    assert sorted(received) == sorted(s.email for s in subscribers)
    assert len(set(smtp_server.message_ids())) == SUBSCRIBERS
    assert all(
        message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        for message in smtp_server.messages
    )
