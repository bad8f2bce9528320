"""The e-mail edition: each confirmed subscriber gets a published issue once, in their
language, with one-click unsubscribe headers, in batches over one SMTP connection each."""

import email.policy

import pytest
from django.core.mail.backends.smtp import EmailBackend

from bulletin.models import Subscriber
from bulletin.selectors import dispatch_progress
from bulletin.services import dispatch
from centre.models import OutgoingMail
from tests.bulletin.factories import SubscriberFactory, published_issue

pytestmark = pytest.mark.django_db


def start(issue, callbacks_fixture):
    with callbacks_fixture(execute=True):
        return dispatch.issue_dispatch_start(issue_id=issue.pk)


def test_published_issue_reaches_each_confirmed_subscriber_once_in_their_language(
    mailoutbox, django_capture_on_commit_callbacks, settings
):
    settings.SITE_URL = "http://testserver.invalid"
    issue = published_issue(stories=3, title_en="Open data", title_fr="Données ouvertes")
    english = SubscriberFactory(language="en")
    french = SubscriberFactory(language="fr")
    SubscriberFactory(status=Subscriber.Status.PENDING, confirmed_at=None)
    SubscriberFactory(status=Subscriber.Status.UNSUBSCRIBED)

    start(issue, django_capture_on_commit_callbacks)

    assert sorted(m.to[0] for m in mailoutbox) == sorted([english.email, french.email])
    by_address = {m.to[0]: m for m in mailoutbox}
    assert "Open data" in by_address[english.email].subject
    assert "Données ouvertes" in by_address[french.email].subject
    message = by_address[french.email]
    assert message.alternatives and message.alternatives[0][1] == "text/html"
    assert message.extra_headers["List-Unsubscribe"] == (
        f"<http://testserver.invalid/fr/bulletin/unsubscribe/{french.token}/>"
    )
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert french.token in message.body
    assert french.token in message.alternatives[0][0]


def test_triggering_the_dispatch_twice_sends_each_subscriber_one_mail(
    mailoutbox, django_capture_on_commit_callbacks
):
    issue = published_issue(stories=3)
    SubscriberFactory.create_batch(5)
    start(issue, django_capture_on_commit_callbacks)
    start(issue, django_capture_on_commit_callbacks)
    assert len(mailoutbox) == 5
    assert OutgoingMail.objects.filter(kind=f"bulletin-issue-{issue.pk}").count() == 5


def test_a_batch_run_twice_sends_nothing_the_second_time(mailoutbox):
    issue = published_issue(stories=3)
    subscribers = SubscriberFactory.create_batch(3)
    record = dispatch.IssueDispatch.objects.create(issue=issue, total=3, batches=1)
    ids = [s.pk for s in subscribers]
    assert dispatch.issue_dispatch_batch(dispatch_id=record.pk, subscriber_ids=ids)["sent"] == 3
    assert dispatch.issue_dispatch_batch(dispatch_id=record.pk, subscriber_ids=ids)["sent"] == 0
    assert len(mailoutbox) == 3


def test_subscribers_are_split_into_batches(monkeypatch, django_capture_on_commit_callbacks):
    monkeypatch.setattr(dispatch, "BATCH_SIZE", 2)
    queued = []
    monkeypatch.setattr(
        dispatch, "_enqueue_batches", lambda dispatch_id, batches: queued.extend(batches)
    )
    issue = published_issue(stories=3)
    SubscriberFactory.create_batch(5)
    record = start(issue, django_capture_on_commit_callbacks)
    assert [len(batch) for batch in queued] == [2, 2, 1]
    assert (record.total, record.batches) == (5, 3)


def test_draft_issue_is_never_sent(mailoutbox):
    from tests.bulletin.factories import IssueFactory

    SubscriberFactory()
    assert dispatch.issue_dispatch_start(issue_id=IssueFactory().pk) is None
    assert mailoutbox == []


def test_staff_see_the_progress_of_the_dispatch(django_capture_on_commit_callbacks, settings):
    issue = published_issue(stories=3)
    SubscriberFactory.create_batch(3)
    SubscriberFactory(email="reject@parliament.example")
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    start(issue, django_capture_on_commit_callbacks)
    progress = dispatch_progress(issue=issue)
    assert progress == {"total": 4, "sent": 4, "failed": 0, "pending": 0}


@pytest.mark.integration
def test_each_batch_reuses_one_smtp_connection(
    smtp_server, monkeypatch, django_capture_on_commit_callbacks
):
    opened = []
    original_open = EmailBackend.open

    def counting_open(self):
        created = original_open(self)
        if created:
            opened.append(self)
        return created

    monkeypatch.setattr(EmailBackend, "open", counting_open)
    monkeypatch.setattr(dispatch, "BATCH_SIZE", 10)
    issue = published_issue(stories=3)
    SubscriberFactory.create_batch(25)
    start(issue, django_capture_on_commit_callbacks)

    assert len(smtp_server.messages) == 25
    assert len(opened) == 3  # 10 + 10 + 5
    message = smtp_server.messages[0]
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    parsed = message.as_string(policy=email.policy.default)
    assert "text/html" in parsed and "text/plain" in parsed


@pytest.mark.integration
def test_rejected_address_is_failed_and_the_rest_of_the_batch_still_goes(
    smtp_server, django_capture_on_commit_callbacks
):
    issue = published_issue(stories=3)
    SubscriberFactory(email="reject@parliament.example")
    SubscriberFactory.create_batch(3)
    start(issue, django_capture_on_commit_callbacks)
    progress = dispatch_progress(issue=issue)
    assert progress["sent"] == 3
    assert progress["failed"] == 1
    assert len(smtp_server.messages) == 3
