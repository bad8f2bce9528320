from celery import shared_task

from conferences import services


@shared_task(ignore_result=True)
def registrations_anonymise_past_task() -> None:
    """Anonymises participants of events past the retention period (see the service)."""
    services.registrations_anonymise_past()


@shared_task(acks_late=True, reject_on_worker_lost=True, ignore_result=True)
def letter_send_task(*, letter_id: int) -> None:
    """Renders one invitation letter and hands it to the outbox (see `letters.letter_send`)."""
    from conferences.letters import letter_send

    letter_send(letter_id=letter_id)


@shared_task(ignore_result=True)
def letters_sweep_task() -> None:
    """Queues letters whose task was lost before they reached the outbox."""
    from conferences.letters import letters_sweep

    letters_sweep()


@shared_task(ignore_result=True)
def reminders_send_due_task() -> None:
    """Sends the registration reminders due now (see `reminders.reminders_send_due`)."""
    from conferences.reminders import reminders_send_due

    reminders_send_due()


@shared_task(acks_late=True, reject_on_worker_lost=True, ignore_result=True)
def registration_notify_task(*, registration_id: int, change: str) -> None:
    """E-mails the participant and the focal point about a registration change."""
    services.registration_notify(registration_id=registration_id, change=change)
