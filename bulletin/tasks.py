"""Celery tasks of the bulletin: thin callers of the services, taking ids."""

import logging

from celery import shared_task

from bulletin.services import dispatch, editions, issues

logger = logging.getLogger(__name__)


@shared_task(acks_late=True, reject_on_worker_lost=True, ignore_result=True)
def issue_publish_due_task() -> None:
    """Publishes the scheduled issues whose date has come (beat, every few minutes)."""
    published = issues.issue_publish_due()
    if published:
        logger.info("Published bulletin issues %s", published)


@shared_task(acks_late=True, reject_on_worker_lost=True, ignore_result=True)
def issue_dispatch_start_task(*, issue_id: int) -> None:
    """Starts the e-mail edition of a published issue (see `dispatch.issue_dispatch_start`)."""
    dispatch.issue_dispatch_start(issue_id=issue_id)


@shared_task(acks_late=True, reject_on_worker_lost=True, ignore_result=True)
def issue_dispatch_batch_task(*, dispatch_id: int, subscriber_ids: list[int]) -> None:
    """Queues and delivers one batch of the e-mail edition over one SMTP connection."""
    dispatch.issue_dispatch_batch(dispatch_id=dispatch_id, subscriber_ids=subscriber_ids)


@shared_task(acks_late=True, reject_on_worker_lost=True, ignore_result=True)
def issue_editions_refresh_task(*, issue_id: int) -> None:
    """Prints the PDF editions of an issue whose content changed."""
    editions.issue_editions_refresh(issue_id=issue_id)
