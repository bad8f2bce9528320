from celery import shared_task

from conferences import services


@shared_task(ignore_result=True)
def registrations_anonymise_past_task() -> None:
    """Anonymises participants of events past the retention period (see the service)."""
    services.registrations_anonymise_past()
