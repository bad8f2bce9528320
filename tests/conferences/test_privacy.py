"""Erasing a participant's data also erases the copies in the mails sent about them."""

import datetime

import pytest
from celery import current_app
from django.conf import settings
from django.utils import timezone

from centre.models import OutgoingMail
from conferences import services
from tests.conferences.factories import DelegationFactory, delegate_data

pytestmark = pytest.mark.django_db


def _register(delegation, email, name):
    return services.registration_add(
        event=delegation.event,
        delegation=delegation,
        data=delegate_data(email=email, full_name=name),
        by=delegation.focal_point,
    )


@pytest.fixture
def two_delegates(django_capture_on_commit_callbacks):
    delegation = DelegationFactory()
    with django_capture_on_commit_callbacks(execute=True):
        ana = _register(delegation, "ana@congreso.example", "Ana Pérez")
        luis = _register(delegation, "luis@congreso.example", "Luis Soto")
    return delegation, ana, luis


def _mails_mentioning(text):
    return [
        mail
        for mail in OutgoingMail.objects.all()
        if text in " ".join([*mail.to, mail.subject, mail.body_text, mail.body_html])
    ]


def test_deleting_my_data_erases_the_mails_about_me_and_only_those(two_delegates):
    _delegation, ana, _luis = two_delegates
    # Ana's confirmation and the focal point's notice about her; the same for Luis.
    assert len(_mails_mentioning("Ana Pérez")) == 2
    assert OutgoingMail.objects.filter(attachments__isnull=False).count() == 2

    services.registration_anonymise(registration=ana)

    assert _mails_mentioning("Ana Pérez") == []
    assert _mails_mentioning("ana@congreso.example") == []
    assert len(_mails_mentioning("Luis Soto")) == 2
    erased = OutgoingMail.objects.filter(subject="—")
    assert erased.count() == 2
    assert not erased.filter(attachments__isnull=False).exists()
    assert OutgoingMail.objects.filter(attachments__isnull=False).count() == 1


def test_a_mail_still_queued_is_withdrawn_not_sent_blank(two_delegates):
    _delegation, ana, _luis = two_delegates
    OutgoingMail.objects.update(status=OutgoingMail.Status.QUEUED)
    services.registration_anonymise(registration=ana)
    withdrawn = OutgoingMail.objects.filter(subject="—")
    assert {mail.status for mail in withdrawn} == {OutgoingMail.Status.FAILED}
    assert OutgoingMail.objects.exclude(subject="—").filter(status="queued").count() == 2


def test_the_daily_task_erases_the_mails_of_past_events_too(two_delegates):
    delegation, _ana, _luis = two_delegates
    event = delegation.event
    ended = timezone.localdate() - datetime.timedelta(
        days=settings.PERSONAL_DATA_RETENTION_DAYS + 1
    )
    event.start_date = event.end_date = ended
    event.save()
    assert services.registrations_anonymise_past() == 2
    assert _mails_mentioning("Ana Pérez") == [] and _mails_mentioning("Luis Soto") == []


def test_the_daily_task_is_scheduled_and_registered():
    entry = settings.CELERY_BEAT_SCHEDULE["anonymise-past-registrations"]
    assert entry["schedule"] == 24 * 3600
    assert entry["task"] in current_app.tasks
