"""Every admin page the secretariat uses answers, for a staff member with two-factor auth."""

import pytest
from django.contrib import admin
from django.urls import reverse

from centre.models import OutgoingMail
from centre.services.outbox import mail_queue
from tests.factories import EventFactory, HubFactory, SessionFactory

pytestmark = pytest.mark.django_db


def _admin_urls():
    for model, _model_admin in admin.site._registry.items():
        info = (model._meta.app_label, model._meta.model_name)
        yield f"admin:{info[0]}_{info[1]}_changelist"
        yield f"admin:{info[0]}_{info[1]}_add"


@pytest.mark.parametrize("name", sorted(_admin_urls()))
def test_admin_pages_answer(secretariat, name):
    SessionFactory(event=EventFactory(hub=HubFactory()))
    response = secretariat.get(reverse(name))
    # The outbox is read-only: adding a mail by hand is refused.
    assert response.status_code in (200, 403), name


def test_admin_change_pages_of_seeded_objects_answer(secretariat, seeded):
    from conferences.models import Event
    from hubs.models import Hub

    for obj in (Hub.objects.first(), Event.objects.first()):
        url = reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])
        assert secretariat.get(url).status_code == 200


def test_outbox_admin_filters_by_status_and_requeues_failed_mail(
    secretariat, django_capture_on_commit_callbacks, mailoutbox
):
    failed = mail_queue(to=["a@parliament.example"], subject="Failed one", body_text="x")
    OutgoingMail.objects.filter(pk=failed.pk).update(status=OutgoingMail.Status.FAILED)
    mail_queue(to=["b@parliament.example"], subject="Queued one", body_text="x")
    changelist = reverse("admin:centre_outgoingmail_changelist")
    content = secretariat.get(changelist, {"status__exact": "failed"}).content.decode()
    assert "Failed one" in content and "Queued one" not in content
    with django_capture_on_commit_callbacks(execute=True):
        response = secretariat.post(
            changelist, {"action": "requeue", "_selected_action": [failed.pk]}
        )
    assert response.status_code == 302
    failed.refresh_from_db()
    assert failed.status == OutgoingMail.Status.SENT
    assert [m.subject for m in mailoutbox] == ["Failed one"]
