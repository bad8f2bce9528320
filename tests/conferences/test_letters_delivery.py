"""A campaign of 180 letters through a real Celery worker, Redis and an SMTP server on loopback:
every letter arrives once, even when the worker is killed mid-campaign or the SMTP server is
down for a while."""

import time

import pytest

from centre.models import MemberParliament, OutgoingMail
from centre.services.outbox import mail_sweep_outbox
from conferences import letters
from conferences.models import Campaign, Letter
from tests.conferences.factories import OpenEventFactory, PersonFactory, letter_templates
from tests.conftest import CeleryWorker

pytestmark = [pytest.mark.integration, pytest.mark.real_worker, pytest.mark.slow]
# Short enough for a test, long enough for a letter to render and go out.
SWEEP = {"OUTBOX_STUCK_AFTER_SECONDS": 20, "OUTBOX_REQUEUE_AFTER_SECONDS": 5}


@pytest.fixture
def campaign_of_180(real_services, settings):
    from django.core.management import call_command

    call_command("load_parliaments", stdout=open("/dev/null", "w"))  # noqa: SIM115
    settings.OUTBOX_STUCK_AFTER_SECONDS = SWEEP["OUTBOX_STUCK_AFTER_SECONDS"]
    settings.OUTBOX_REQUEUE_AFTER_SECONDS = SWEEP["OUTBOX_REQUEUE_AFTER_SECONDS"]
    event = OpenEventFactory()
    letter_templates(event)
    members = MemberParliament.objects.filter(membership="member").order_by("code")
    assert members.count() == 180
    for parliament in members:
        PersonFactory(
            parliament=parliament,
            email=f"president-{parliament.code.lower()}@parliament.example",
            correspondence_language=parliament.correspondence_language,
        )
    return Campaign.objects.create(event=event, name="180 letters", memberships=["member"])


def _expected_ids():
    return set(
        OutgoingMail.objects.filter(kind="invitation_letter").values_list("message_id", flat=True)
    )


def _wait_for_all(campaign, smtp_server, timeout=240, sweep=True):
    """Waits until every letter is sent, running the sweeps as beat would."""
    deadline = time.monotonic() + timeout
    last_sweep = 0.0
    while time.monotonic() < deadline:
        progress = letters.campaign_progress(campaign)
        if progress["sent"] == progress["total"] == 180:
            return progress
        if sweep and time.monotonic() - last_sweep > 3:
            letters.letters_sweep()
            mail_sweep_outbox()
            last_sweep = time.monotonic()
        time.sleep(0.5)
    return letters.campaign_progress(campaign)


def test_180_letters_reach_the_smtp_server_each_once(campaign_of_180, smtp_server):
    worker = CeleryWorker(smtp_server.port, **SWEEP)
    worker.start()
    try:
        started = time.monotonic()
        letters.campaign_start(campaign=campaign_of_180, by=None)
        progress = _wait_for_all(campaign_of_180, smtp_server, sweep=False)
        elapsed = time.monotonic() - started
    finally:
        worker.stop()
    assert progress == {"total": 180, "queued": 0, "sent": 180, "failed": 0}
    received = smtp_server.message_ids()
    assert len(received) == 180
    assert set(received) == _expected_ids()
    print(f"\n180 letters rendered and delivered in {elapsed:.1f} s")


def test_killing_the_worker_mid_campaign_loses_no_letter(campaign_of_180, smtp_server):
    worker = CeleryWorker(smtp_server.port, **SWEEP)
    worker.start()
    kills = 0
    try:
        letters.campaign_start(campaign=campaign_of_180, by=None)
        for _kill in range(3):
            sent_before = letters.campaign_progress(campaign_of_180)["sent"]
            deadline = time.monotonic() + 60
            while (
                letters.campaign_progress(campaign_of_180)["sent"] < sent_before + 20
                and time.monotonic() < deadline
            ):
                time.sleep(0.1)
            worker.kill()
            kills += 1
            worker.start()
        progress = _wait_for_all(campaign_of_180, smtp_server)
    finally:
        worker.stop()
    assert progress["sent"] == 180, progress
    received = smtp_server.message_ids()
    assert set(received) == _expected_ids()
    # A duplicate can only be a letter that was in flight when its worker was killed.
    duplicates = len(received) - len(set(received))
    assert duplicates <= kills * worker.concurrency, duplicates
    assert Letter.objects.filter(mail__isnull=True).count() == 0


def test_letters_wait_while_the_smtp_server_is_down_and_a_550_is_not_retried(
    campaign_of_180, smtp_server
):
    rejected = MemberParliament.objects.get(code="FR").people.get()
    rejected.email = "reject-president@parliament.example"
    rejected.save()
    smtp_server.stop()
    worker = CeleryWorker(smtp_server.port, **SWEEP)
    worker.start()
    try:
        letters.campaign_start(campaign=campaign_of_180, by=None)
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            waiting = OutgoingMail.objects.filter(
                kind="invitation_letter", status=OutgoingMail.Status.QUEUED, attempts__gte=1
            ).count()
            if waiting >= 20:
                break
            time.sleep(0.5)
        assert waiting >= 20, "the mails should be waiting for the SMTP server"
        assert OutgoingMail.objects.filter(status=OutgoingMail.Status.SENT).count() == 0
        smtp_server.start()
        deadline = time.monotonic() + 240
        while time.monotonic() < deadline:
            done = OutgoingMail.objects.filter(
                kind="invitation_letter",
                status__in=[OutgoingMail.Status.SENT, OutgoingMail.Status.FAILED],
            ).count()
            if done == 180:
                break
            mail_sweep_outbox()
            letters.letters_sweep()
            time.sleep(1)
    finally:
        worker.stop()
    failed = OutgoingMail.objects.get(kind="invitation_letter", status=OutgoingMail.Status.FAILED)
    assert failed.to == ["reject-president@parliament.example"]
    assert "550" in failed.last_error
    assert (
        OutgoingMail.objects.filter(
            kind="invitation_letter", status=OutgoingMail.Status.SENT
        ).count()
        == 179
    )
    received = smtp_server.message_ids()
    assert len(received) == len(set(received)) == 179
