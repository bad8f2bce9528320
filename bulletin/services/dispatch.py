"""The e-mail edition: a published issue goes to each confirmed subscriber at most once, in
their language, through the outbox, in batches that each reuse one SMTP connection."""

import logging
from functools import partial

from django.conf import settings
from django.db import transaction
from django.utils import translation

from bulletin import selectors
from bulletin.models import Issue, IssueDispatch, Subscriber
from centre.services.outbox import mail_deliver_batch, mail_queue_many, mail_render

logger = logging.getLogger(__name__)

BATCH_SIZE = 200
UNSUBSCRIBE_PLACEHOLDER = "__BULLETIN_UNSUBSCRIBE_URL__"


def dispatch_idempotency_key(*, issue_id: int, subscriber_id: int) -> str:
    return f"bulletin-issue:{issue_id}:subscriber:{subscriber_id}"


def issue_dispatch_start(*, issue_id: int) -> IssueDispatch | None:
    """Starts sending a published issue to the subscribers confirmed at that moment.

    Promises at most one mail per (issue, subscriber), however often it is called: the first
    call records the dispatch and its total; later calls queue the batches again, which only
    reaches subscribers whose mail was never written (a lost batch) and sends nothing twice.
    Does nothing for an issue that is not published. Batches start after commit."""
    with transaction.atomic():
        issue = (
            Issue.objects.select_for_update()
            .filter(pk=issue_id, status=Issue.Status.PUBLISHED)
            .first()
        )
        if issue is None:
            return None
        dispatch, created = IssueDispatch.objects.get_or_create(issue=issue)
        subscribers = selectors.confirmed_subscribers().filter(
            confirmed_at__lte=dispatch.started_at
        )
        ids = list(subscribers.values_list("pk", flat=True))
        batches = [ids[start : start + BATCH_SIZE] for start in range(0, len(ids), BATCH_SIZE)]
        if created:
            dispatch.total = len(ids)
            dispatch.batches = len(batches)
            dispatch.save(update_fields=["total", "batches"])
        transaction.on_commit(partial(_enqueue_batches, dispatch.pk, batches))
    return dispatch


def _enqueue_batches(dispatch_id: int, batches: list[list[int]]) -> None:
    from bulletin.tasks import issue_dispatch_batch_task

    for subscriber_ids in batches:
        issue_dispatch_batch_task.delay(dispatch_id=dispatch_id, subscriber_ids=subscriber_ids)


def _render(issue: Issue, language: str):
    return mail_render(
        template="bulletin/email/issue",
        context={
            "issue": issue,
            "stories": list(issue.stories.all()),
            "hub_updates": list(issue.hub_updates.all()),
            "unsubscribe_url": UNSUBSCRIBE_PLACEHOLDER,
            "SITE_URL": settings.SITE_URL,
        },
        language=language,
    )


def _unsubscribe_url(subscriber: Subscriber) -> str:
    with translation.override(subscriber.language):
        return settings.SITE_URL + subscriber.unsubscribe_path()


def issue_dispatch_queue(*, dispatch: IssueDispatch, subscriber_ids: list[int]) -> list[int]:
    """Writes the outbox mails of these subscribers for the dispatch's issue, skipping those
    written already (the idempotency key is unique), and returns the ids of the batch's mails
    still waiting to be sent. The issue is rendered once per language, not per subscriber."""
    issue = selectors.issue_for_edition(issue_id=dispatch.issue_id)
    subscribers = Subscriber.objects.filter(
        pk__in=subscriber_ids, status=Subscriber.Status.CONFIRMED
    ).order_by("pk")
    rendered = {}
    messages = []
    for subscriber in subscribers:
        if subscriber.language not in rendered:
            rendered[subscriber.language] = _render(issue, subscriber.language)
        body = rendered[subscriber.language]
        url = _unsubscribe_url(subscriber)
        messages.append(
            {
                "to": [subscriber.email],
                "subject": body.subject,
                "body_text": body.body_text.replace(UNSUBSCRIBE_PLACEHOLDER, url),
                "body_html": body.body_html.replace(UNSUBSCRIBE_PLACEHOLDER, url),
                "headers": {
                    "List-Unsubscribe": f"<{url}>",
                    "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
                },
                "language": subscriber.language,
                "kind": dispatch.mail_kind,
                "idempotency_key": dispatch_idempotency_key(
                    issue_id=issue.pk, subscriber_id=subscriber.pk
                ),
            }
        )
    return mail_queue_many(messages=messages)


def issue_dispatch_batch(*, dispatch_id: int, subscriber_ids: list[int]) -> dict[str, int]:
    """Queues and delivers one batch of the e-mail edition over a single SMTP connection.

    Safe to run twice: mails are written once per (issue, subscriber) and `mail_deliver` locks
    each one and leaves it alone once sent. A mail whose delivery fails is retried by the
    outbox on its own schedule. Returns how many mails of the batch were sent and failed."""
    dispatch = IssueDispatch.objects.filter(pk=dispatch_id).first()
    if dispatch is None:
        logger.info("Dispatch %s is gone; nothing to send.", dispatch_id)
        return {"sent": 0, "failed": 0}
    mail_ids = issue_dispatch_queue(dispatch=dispatch, subscriber_ids=subscriber_ids)
    if not mail_ids:
        return {"sent": 0, "failed": 0}
    return mail_deliver_batch(mail_ids=mail_ids)
