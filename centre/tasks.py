from celery import shared_task

from centre.services import outbox


@shared_task(acks_late=True, reject_on_worker_lost=True, ignore_result=True)
def mail_deliver_task(*, mail_id: int) -> None:
    """Delivers one outbox mail (see `outbox.mail_deliver`)."""
    outbox.mail_deliver(mail_id=mail_id)


@shared_task(ignore_result=True)
def mail_sweep_outbox() -> None:
    """Requeues outbox mails whose task was lost (see `outbox.mail_sweep_outbox`)."""
    outbox.mail_sweep_outbox()
