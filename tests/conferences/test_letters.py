import shutil
import subprocess

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from centre.models import OutgoingMail
from conferences import letters
from conferences.models import Campaign, Letter, LetterTemplate
from conferences.models.letters import validate_placeholders
from tests.conferences.factories import OpenEventFactory, PersonFactory, letter_templates
from tests.conftest import require
from tests.factories import MemberParliamentFactory, StaffFactory

pytestmark = pytest.mark.django_db


def _pdf_text(content: bytes) -> str:
    require(shutil.which("pdftotext") is not None, "pdftotext (poppler-utils) is not installed")
    text = subprocess.run(
        ["pdftotext", "-", "-"], input=content, capture_output=True, check=True
    ).stdout.decode()
    return " ".join(text.split())  # lines wrap where the layout wants


@pytest.fixture
def campaign():
    event = OpenEventFactory(
        title_en="World e-Parliament Conference 2030", title_fr="Conférence mondiale 2030"
    )
    letter_templates(event)
    for code, language in (("FR", "fr"), ("CL", "es"), ("EG", "ar"), ("KE", "en")):
        PersonFactory(
            parliament=MemberParliamentFactory(code=code, name_fr=f"Parlement {code}"),
            correspondence_language=language,
        )
    MemberParliamentFactory(code="JP")  # no addressee in the registry: skipped
    return Campaign.objects.create(event=event, name="Invitations 2030")


def test_starting_a_campaign_sends_one_letter_per_addressee_in_their_language(
    campaign, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        assert letters.campaign_start(campaign=campaign, by=None) == 4
    assert len(mailoutbox) == 4
    french = next(m for m in mailoutbox if m.subject.startswith("Invitation à la"))
    _filename, pdf, mimetype = french.attachments[0]
    assert mimetype == "application/pdf"
    text = _pdf_text(pdf)
    assert "Madame la Présidente" in text
    assert "Union interparlementaire" in text
    assert "Parlement FR" in text
    unwrapped = text.replace(" ", "")
    assert "/fr/conferences/" in unwrapped and "/register/invitation/" in unwrapped
    assert "Secrétaire général" in text
    assert "1/1" in text.replace(" ", "")  # page numbers
    arabic = next(m for m in mailoutbox if m.subject.startswith("دعوة"))
    assert "السيدة الرئيسة" in _pdf_text(arabic.attachments[0][1])
    assert letters.campaign_progress(campaign) == {"total": 4, "queued": 0, "sent": 4, "failed": 0}


def test_starting_the_same_campaign_twice_sends_nothing_more(
    campaign, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        letters.campaign_start(campaign=campaign, by=None)
    with django_capture_on_commit_callbacks(execute=True):
        assert letters.campaign_start(campaign=campaign, by=None) == 0
    assert len(mailoutbox) == 4
    assert Letter.objects.count() == 4


def test_a_retried_letter_task_sends_nothing_more(
    campaign, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        letters.campaign_start(campaign=campaign, by=None)
    letter = Letter.objects.first()
    with django_capture_on_commit_callbacks(execute=True):
        letters.letter_send(letter_id=letter.pk)
    assert len(mailoutbox) == 4
    assert OutgoingMail.objects.filter(kind="invitation_letter").count() == 4


def test_an_explicit_resend_is_recorded_and_sent(
    campaign, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        letters.campaign_start(campaign=campaign, by=None)
    first = Letter.objects.get(parliament__code="CL")
    staff = StaffFactory()
    with django_capture_on_commit_callbacks(execute=True):
        resend = letters.letter_resend(letter=first, by=staff)
    assert resend.resend_of == first and resend.requested_by == staff
    assert len(mailoutbox) == 5
    assert letters.campaign_progress(campaign)["total"] == 5


def test_campaign_filters_by_region(campaign):
    campaign.regions = ["latin_america_caribbean"]
    MemberParliamentFactory._meta.model.objects.filter(code="CL").update(
        region="latin_america_caribbean"
    )
    assert [p.code for p, _person in letters.campaign_addressees(campaign)] == ["CL"]


def test_unknown_placeholders_are_refused_with_a_clear_message():
    validate_placeholders("Dear {{ addressee }}, {{ registration_link }}")
    with pytest.raises(ValidationError) as error:
        validate_placeholders("Dear {{ adressee }}")
    assert "adressee" in str(error.value)


def test_placeholders_cannot_reach_anything_but_their_values():
    values = {"parliament": "Congreso"}
    assert letters.fill("{{ parliament }} {{ settings.SECRET_KEY }} {% debug %}", values) == (
        "Congreso {{ settings.SECRET_KEY }} {% debug %}"
    )


def test_the_seeded_2021_letter_renders_in_four_languages(seeded):
    from conferences.models import Event

    event = Event.objects.get(slug="world-e-parliament-conference-2021")
    assert set(event.letter_templates.values_list("language", flat=True)) == {
        "en",
        "fr",
        "es",
        "ar",
    }
    campaign = Campaign.objects.create(event=event, name="2021")
    parliament = MemberParliamentFactory._meta.model.objects.get(code="FR")
    text = _pdf_text(
        letters.letter_render_pdf(
            campaign=campaign, parliament=parliament, addressee=None, language="fr"
        )
    )
    assert "Genève, le 23 avril 2021" in text
    assert "neuvième Conférence mondiale sur l'e-Parlement" in text
    assert "4 juin 2021" in text


def test_staff_preview_any_letter_and_follow_progress(campaign, secretariat):
    client = secretariat
    preview = client.get(reverse("admin:conferences_campaign_preview", args=[campaign.pk, "cl"]))
    assert preview["Content-Type"] == "application/pdf"
    assert "Señora Presidenta" in _pdf_text(preview.content)
    assert (
        client.get(
            reverse("admin:conferences_campaign_preview", args=[campaign.pk, "zz"])
        ).status_code
        == 404
    )
    progress = client.get(reverse("admin:conferences_campaign_progress", args=[campaign.pk]))
    assert "No addressee in the registry" in progress.content.decode()
    for name in (
        "admin:conferences_campaign_changelist",
        "admin:conferences_letter_changelist",
        "admin:conferences_lettertemplate_changelist",
        "admin:conferences_reminder_changelist",
    ):
        assert client.get(reverse(name)).status_code == 200
    assert LetterTemplate.objects.count() == 4


def test_staff_create_a_campaign_choosing_regions_and_membership(secretariat):
    client = secretariat
    event = OpenEventFactory()
    response = client.post(
        reverse("admin:conferences_campaign_add"),
        {
            "event": event.pk,
            "name": "Africa and Arab groups",
            "addressee_role": "group_president",
            "regions": ["africa", "arab"],
            "memberships": ["member"],
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    campaign = Campaign.objects.get(name="Africa and Arab groups")
    assert campaign.regions == ["africa", "arab"]
    assert campaign.memberships == ["member"]
    bad = client.post(
        reverse("admin:conferences_campaign_add"),
        {
            "event": event.pk,
            "name": "x",
            "addressee_role": "group_president",
            "regions": ["atlantis"],
        },
    )
    assert bad.status_code == 200
    assert Campaign.objects.count() == 1
