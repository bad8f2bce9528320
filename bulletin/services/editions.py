"""The PDF edition of an issue in each language, printed again only when its content changed."""

import hashlib

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation

from bulletin import selectors
from bulletin.models import Issue, IssueEdition
from centre.pdf import render_pdf

EDITION_TEMPLATE = "bulletin/pdf/issue.html"


def _context(issue: Issue) -> dict:
    return {
        "issue": issue,
        "stories": list(issue.stories.all()),
        "hub_updates": list(issue.hub_updates.all()),
        "SITE_URL": settings.SITE_URL,
    }


def issue_edition_hash(*, issue: Issue, language: str) -> str:
    with translation.override(language):
        html = render_to_string(EDITION_TEMPLATE, _context(issue))
    return hashlib.sha256(html.encode()).hexdigest()


def issue_edition_get(*, issue_id: int, language: str) -> IssueEdition | None:
    """The PDF edition of the issue in `language`, printed now if none was printed from the
    issue's current content (its hash differs), else the stored one: an edit to the issue or
    its stories gives a new PDF, an unchanged issue is never printed twice."""
    issue = selectors.issue_for_edition(issue_id=issue_id)
    if issue is None or language not in dict(settings.LANGUAGES):
        return None
    content_hash = issue_edition_hash(issue=issue, language=language)
    edition = IssueEdition.objects.filter(issue=issue, language=language).first()
    if edition is not None and edition.content_hash == content_hash and edition.pdf:
        return edition
    pdf = render_pdf(template=EDITION_TEMPLATE, context=_context(issue), language=language)
    name = f"issue-{issue.number}-{language}-{content_hash[:12]}.pdf"
    with transaction.atomic():
        edition = (
            IssueEdition.objects.select_for_update().filter(issue=issue, language=language).first()
        )
        old_file = edition.pdf.name if edition and edition.pdf else None
        if edition is None:
            edition = IssueEdition(issue=issue, language=language)
        edition.content_hash = content_hash
        edition.pdf.save(name, ContentFile(pdf), save=False)
        edition.save()
    if old_file and old_file != edition.pdf.name:
        edition.pdf.storage.delete(old_file)
    return edition


def issue_editions_refresh(*, issue_id: int) -> list[str]:
    """Prints the editions of the issue whose content changed, in every portal language;
    returns the languages printed anew."""
    printed = []
    for code, _name in settings.LANGUAGES:
        before = IssueEdition.objects.filter(issue_id=issue_id, language=code).first()
        edition = issue_edition_get(issue_id=issue_id, language=code)
        if edition is not None and (before is None or before.content_hash != edition.content_hash):
            printed.append(code)
    return printed
