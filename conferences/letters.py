"""Invitation letters: the Secretary General's letter to each parliament, rendered as a PDF in the
addressee's language and sent through the outbox, exactly once per parliament and campaign."""

import base64
from datetime import timedelta
from functools import partial

from django.conf import settings
from django.db import transaction
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from centre.models import MemberParliament, OutgoingMail, Person, User
from centre.pdf import render_pdf
from centre.services.outbox import Attachment, mail_queue
from conferences.models import Campaign, Event, Letter, LetterTemplate
from conferences.models.letters import PLACEHOLDER_PATTERN
from conferences.services import invitation_token


def fill(text: str, values: dict[str, str]) -> str:
    """Replaces `{{ name }}` placeholders; the text is plain, never a Django template, so an
    editor cannot reach anything but these values."""
    return PLACEHOLDER_PATTERN.sub(lambda match: values.get(match.group(1), match.group(0)), text)


def _template_for(event: Event, language: str) -> LetterTemplate:
    templates = {template.language: template for template in event.letter_templates.all()}
    template = (
        templates.get(language) or templates.get("en") or next(iter(templates.values()), None)
    )
    if template is None:
        raise LetterTemplate.DoesNotExist(f"No letter template for {event}")
    return template


def registration_link(*, parliament: MemberParliament, event: Event, language: str) -> str:
    with translation.override(language):
        path = reverse(
            "conferences:claim_invitation",
            kwargs={
                "slug": event.slug,
                "token": invitation_token(parliament=parliament, event=event),
            },
        )
    return settings.SITE_URL + path


def placeholder_values(
    *, event: Event, parliament: MemberParliament, addressee: Person | None, language: str
) -> dict[str, str]:
    with translation.override(language):
        if event.start_date == event.end_date:
            dates = formats.date_format(event.start_date, "DATE_FORMAT")
        else:
            dates = _("%(start)s to %(end)s") % {
                "start": formats.date_format(event.start_date, "DATE_FORMAT"),
                "end": formats.date_format(event.end_date, "DATE_FORMAT"),
            }
        deadline = ""
        if event.registration_deadline:
            local = timezone.localtime(event.registration_deadline, event.tz)
            deadline = formats.date_format(local, "DATE_FORMAT")
        return {
            "parliament": parliament.name,
            "addressee": addressee.full_name if addressee else "",
            "conference": event.title,
            "dates": dates,
            "deadline": deadline,
            "registration_link": registration_link(
                parliament=parliament, event=event, language=language
            ),
            "contact": event.contact_email or "innovation@ipu.org",
        }


def _signature_data_uri(campaign: Campaign) -> str:
    # The PDF may load nothing but static files; the uploaded signature travels inline.
    if not campaign.signature:
        return ""
    with campaign.signature.open("rb") as image:
        content = image.read()
    kind = "png" if content.startswith(b"\x89PNG") else "jpeg"
    return f"data:image/{kind};base64,{base64.b64encode(content).decode()}"


def _compose(
    campaign: Campaign, parliament: MemberParliament, addressee: Person | None, language: str
) -> tuple[LetterTemplate, dict[str, str]]:
    """The template the letter is written from (the addressee's language, else English) and
    the placeholder values in that template's language."""
    template = _template_for(campaign.event, language)
    values = placeholder_values(
        event=campaign.event, parliament=parliament, addressee=addressee, language=template.language
    )
    return template, values


def letter_render_pdf(
    *, campaign: Campaign, parliament: MemberParliament, addressee: Person | None, language: str
) -> bytes:
    """The letter as the addressee will receive it (also used for the admin's preview)."""
    template, values = _compose(campaign, parliament, addressee, language)
    return _render(campaign, parliament, addressee, template, values)


def _render(campaign, parliament, addressee, template: LetterTemplate, values: dict) -> bytes:
    paragraphs = [fill(p.strip(), values) for p in template.body.split("\n\n") if p.strip()]
    return render_pdf(
        template="conferences/pdf/letter.html",
        context={
            "template": template,
            "campaign": campaign,
            "parliament": parliament,
            "addressee": addressee,
            "addressee_line": fill(template.addressee_line, values),
            "salutation": (
                addressee.salutation if addressee and addressee.salutation else template.salutation
            ),
            "paragraphs": paragraphs,
            "closing": fill(template.closing, values),
            "signature": _signature_data_uri(campaign),
        },
        language=template.language,
    )


def campaign_addressees(campaign: Campaign) -> list[tuple[MemberParliament, Person | None]]:
    """The parliaments the campaign writes to, each with the person of the chosen role (the
    first by name when there are several), or None when the registry has nobody yet."""
    parliaments = MemberParliament.objects.filter(is_active=True).order_by("name")
    if campaign.regions:
        parliaments = parliaments.filter(region__in=campaign.regions)
    if campaign.memberships:
        parliaments = parliaments.filter(membership__in=campaign.memberships)
    people = {}
    for person in Person.objects.filter(
        role=campaign.addressee_role, parliament__in=parliaments
    ).order_by("full_name"):
        people.setdefault(person.parliament_id, person)
    return [(parliament, people.get(parliament.pk)) for parliament in parliaments]


def campaign_start(*, campaign: Campaign, by: User | None) -> int:
    """Creates one letter per addressee and queues them. Starting the same campaign again
    creates no second letter for a parliament that has one, and a letter already handed to the
    outbox is never sent again: it only queues what is missing. Parliaments without an
    addressee in the chosen role are skipped. Returns the number of letters created."""
    created = 0
    with transaction.atomic():
        campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
        if campaign.started_at is None:
            campaign.started_at = timezone.now()
            campaign.started_by = by
            campaign.save(update_fields=["started_at", "started_by"])
        existing = set(
            campaign.letters.filter(resend_of=None).values_list("parliament_id", flat=True)
        )
        for parliament, person in campaign_addressees(campaign):
            if person is None or parliament.pk in existing:
                continue
            Letter.objects.create(
                campaign=campaign,
                parliament=parliament,
                addressee=person,
                email=person.email,
                language=person.correspondence_language or parliament.correspondence_language,
                requested_by=by,
            )
            created += 1
        pending = list(campaign.letters.filter(mail__isnull=True).values_list("pk", flat=True))
        transaction.on_commit(partial(_enqueue_letters, pending))
    return created


def _enqueue_letters(letter_ids: list[int]) -> None:
    from conferences.tasks import letter_send_task

    for letter_id in letter_ids:
        letter_send_task.delay(letter_id=letter_id)


def letter_send(*, letter_id: int) -> Letter | None:
    """Renders the letter and hands it to the outbox, once: a letter that already has its
    mail is left alone, so a retried or duplicated task sends nothing more."""
    letter = (
        Letter.objects.select_related("campaign__event", "parliament", "addressee")
        .filter(pk=letter_id)
        .first()
    )
    if letter is None or letter.mail_id:
        return letter
    campaign = letter.campaign
    template, values = _compose(campaign, letter.parliament, letter.addressee, letter.language)
    pdf = _render(campaign, letter.parliament, letter.addressee, template, values)
    with translation.override(template.language):
        filename = _("invitation-letter") + f"-{letter.parliament.code.lower()}.pdf"
    attachments = [Attachment(filename, pdf, "application/pdf")]
    if campaign.programme_note:
        with campaign.programme_note.open("rb") as note:
            attachments.append(Attachment("programme.pdf", note.read(), "application/pdf"))
    with transaction.atomic():
        letter = Letter.objects.select_for_update().get(pk=letter.pk)
        if letter.mail_id:
            return letter
        letter.mail = mail_queue(
            to=[letter.email],
            subject=fill(template.subject, values),
            body_text=fill(template.email_body, values),
            language=template.language,
            attachments=attachments,
            kind="invitation_letter",
            idempotency_key=f"letter:{letter.pk}",
        )
        letter.save(update_fields=["mail"])
    return letter


def letter_resend(*, letter: Letter, by: User) -> Letter:
    """Sends the letter again, explicitly: a new letter recorded as a resend of the first."""
    with transaction.atomic():
        resend = Letter.objects.create(
            campaign=letter.campaign,
            parliament=letter.parliament,
            addressee=letter.addressee,
            email=letter.addressee.email if letter.addressee else letter.email,
            language=letter.language,
            resend_of=letter.resend_of or letter,
            requested_by=by,
        )
        transaction.on_commit(partial(_enqueue_letters, [resend.pk]))
    return resend


def campaign_progress(campaign: Campaign) -> dict[str, int]:
    """Letters of the campaign by delivery state, from one query."""
    counts = campaign.letters.aggregate(
        total=Count("pk"),
        waiting=Count("pk", filter=Q(mail__isnull=True)),
        queued=Count(
            "pk",
            filter=Q(mail__status__in=[OutgoingMail.Status.QUEUED, OutgoingMail.Status.SENDING]),
        ),
        sent=Count("pk", filter=Q(mail__status=OutgoingMail.Status.SENT)),
        failed=Count("pk", filter=Q(mail__status=OutgoingMail.Status.FAILED)),
    )
    counts["queued"] += counts.pop("waiting")
    return counts


def letters_sweep() -> int:
    """Queues again the letters whose task was lost before they reached the outbox (a worker
    killed mid-render). Returns how many were queued."""
    before = timezone.now() - timedelta(seconds=settings.OUTBOX_REQUEUE_AFTER_SECONDS)
    pending = list(
        Letter.objects.filter(mail__isnull=True, created_at__lt=before).values_list("pk", flat=True)
    )
    _enqueue_letters(pending)
    return len(pending)
