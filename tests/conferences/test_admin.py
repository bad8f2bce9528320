import io
import shutil
import subprocess

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from conferences.models import Registration
from tests.conferences.factories import DelegationFactory, OpenEventFactory, RegistrationFactory
from tests.conftest import require
from tests.factories import MemberParliamentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def event_with_people():
    event = OpenEventFactory(capacity=50)
    chile = DelegationFactory(
        event=event, parliament=MemberParliamentFactory(code="CL", region="latin_america_caribbean")
    )
    zambia = DelegationFactory(
        event=event, parliament=MemberParliamentFactory(code="ZM", region="africa")
    )
    RegistrationFactory(
        delegation=chile, full_name="Ana Pérez", gender="female", is_head_of_delegation=True
    )
    RegistrationFactory(delegation=chile, full_name="Luis Soto", gender="male", category="staff")
    RegistrationFactory(delegation=zambia, full_name='=HYPERLINK("x")', gender="male")
    RegistrationFactory(delegation=zambia, full_name="Mwansa Banda", gender="male")
    return event


def _pdf_text(content: bytes) -> str:
    require(shutil.which("pdftotext") is not None, "pdftotext (poppler-utils) is not installed")
    return subprocess.run(
        ["pdftotext", "-", "-"], input=content, capture_output=True, check=True
    ).stdout.decode()


def test_registrations_export_to_csv_without_formula_injection(secretariat, event_with_people):
    response = secretariat.post(
        reverse("admin:conferences_registration_changelist"),
        {
            "action": "export_csv",
            "_selected_action": list(Registration.objects.values_list("pk", flat=True)),
        },
    )
    content = response.content.decode("utf-8-sig")
    assert response["Content-Type"].startswith("text/csv")
    assert "Ana Pérez" in content and "Mwansa Banda" in content
    assert "'=HYPERLINK" in content


def test_registrations_export_to_xlsx(secretariat, event_with_people):
    response = secretariat.post(
        reverse("admin:conferences_registration_changelist"),
        {
            "action": "export_xlsx",
            "_selected_action": list(Registration.objects.values_list("pk", flat=True)),
        },
    )
    sheet = load_workbook(io.BytesIO(response.content)).active
    names = [row[3] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert sorted(names)[1:] == sorted(["Ana Pérez", "Luis Soto", "Mwansa Banda"])


def test_registrations_filter_by_region(secretariat, event_with_people):
    content = secretariat.get(
        reverse("admin:conferences_registration_changelist"), {"region": "africa"}
    ).content.decode()
    assert "Mwansa Banda" in content and "Ana Pérez" not in content


def test_participants_list_and_badges_are_real_pdfs(secretariat, event_with_people):
    participants = secretariat.get(
        reverse("admin:conferences_event_participants_pdf", args=[event_with_people.pk])
    )
    text = _pdf_text(participants.content)
    assert "List of participants" in text and "Ana Pérez" in text and "Parliament of CL" in text
    badges = secretariat.get(
        reverse("admin:conferences_event_badges_pdf", args=[event_with_people.pk])
    )
    text = _pdf_text(badges.content)
    assert "Mwansa Banda" in text and "Parliamentary staff" in text


def test_dashboard_shows_capacity_regions_and_gender_balance(secretariat, event_with_people):
    response = secretariat.get(
        reverse("admin:conferences_event_dashboard", args=[event_with_people.pk])
    )
    assert response.status_code == 200
    dashboard = response.context["dashboard"]
    assert (dashboard.confirmed, dashboard.capacity, dashboard.parliaments) == (4, 50, 2)
    assert dashboard.share_of_women == 25.0
    zambia = next(row for row in dashboard.delegations if row["parliament"] == "Parliament of ZM")
    assert zambia["single_sex"] is True
    content = response.content.decode()
    assert '<svg role="img"' in content and "<table>" in content


def test_secretariat_approves_individual_participants(
    secretariat, django_capture_on_commit_callbacks, mailoutbox
):
    event = OpenEventFactory()
    observer = RegistrationFactory(delegation=None, event=event, status=Registration.Status.PENDING)
    with django_capture_on_commit_callbacks(execute=True):
        secretariat.post(
            reverse("admin:conferences_registration_changelist"),
            {"action": "approve", "_selected_action": [observer.pk]},
        )
    observer.refresh_from_db()
    assert observer.status == Registration.Status.CONFIRMED
    assert [m.to for m in mailoutbox] == [[observer.email]]


def test_other_staff_pages_answer(secretariat, event_with_people):
    for name in (
        "admin:conferences_delegation_changelist",
        "admin:conferences_speaker_changelist",
        "admin:conferences_registration_changelist",
        "admin:conferences_event_changelist",
    ):
        assert secretariat.get(reverse(name)).status_code == 200


def test_non_staff_cannot_download_the_participants_list(client, event_with_people):
    from tests.factories import UserFactory

    client.force_login(UserFactory())
    response = client.get(
        reverse("admin:conferences_event_participants_pdf", args=[event_with_people.pk])
    )
    assert response.status_code == 302
