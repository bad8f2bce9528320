"""The editorial workflow of an issue: draft, in review, scheduled, published."""

import datetime
import logging
from functools import partial

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from bulletin.exceptions import BulletinError
from bulletin.models import Bulletin, Issue
from bulletin.models.issues import MAX_STORIES, MIN_STORIES

logger = logging.getLogger(__name__)

PUBLISH_PERMISSION = "bulletin.publish_issue"


def issue_next_proposal(*, bulletin: Bulletin | None = None) -> dict:
    """The number and date the next issue should carry: one more than the highest number,
    and the first date on the bulletin's regular schedule (31 March 2019, then every three
    months) after the latest issue's date, or the first date itself for the first issue."""
    bulletin = bulletin or Bulletin.objects.first()
    last = Issue.objects.aggregate(number=Max("number"), date=Max("publication_date"))
    number = (last["number"] or 0) + 1
    if bulletin is None:
        return {"number": number}
    if last["date"] is None:
        return {"number": number, "publication_date": bulletin.first_issue_date}
    index = 0
    while (date := bulletin.scheduled_date(index)) <= last["date"]:
        index += 1
    return {"number": number, "publication_date": date}


def _check_story_count(issue: Issue) -> None:
    count = issue.stories.count()
    if not MIN_STORIES <= count <= MAX_STORIES:
        raise BulletinError(
            ngettext(
                "An issue carries %(min)d to %(max)d innovation stories; "
                "issue %(number)d has %(count)d.",
                "An issue carries %(min)d to %(max)d innovation stories; "
                "issue %(number)d has %(count)d.",
                count,
            )
            % {"min": MIN_STORIES, "max": MAX_STORIES, "number": issue.number, "count": count}
        )


def _check_may_publish(by) -> None:
    if by is not None and not by.has_perm(PUBLISH_PERMISSION):
        raise BulletinError(_("Only editors with the publish permission may publish an issue."))


def _locked(issue: Issue) -> Issue:
    return Issue.objects.select_for_update().get(pk=issue.pk)


def issue_submit_for_review(*, issue: Issue, by=None) -> Issue:
    """Moves a draft to review. Any editor may; an issue already further along is refused."""
    with transaction.atomic():
        issue = _locked(issue)
        if issue.status != Issue.Status.DRAFT:
            raise BulletinError(_("Only a draft can be submitted for review."))
        issue.status = Issue.Status.IN_REVIEW
        issue.save(update_fields=["status", "updated_at"])
    return issue


def issue_return_to_draft(*, issue: Issue, by=None) -> Issue:
    """Sends an issue in review, or a scheduled one, back to draft. A published issue stays
    published: its readers and subscribers have it already."""
    with transaction.atomic():
        issue = _locked(issue)
        if issue.status == Issue.Status.PUBLISHED:
            raise BulletinError(_("A published issue cannot go back to draft."))
        if issue.status != Issue.Status.DRAFT:
            if issue.status == Issue.Status.SCHEDULED:
                _check_may_publish(by)
            issue.status = Issue.Status.DRAFT
            issue.save(update_fields=["status", "updated_at"])
    return issue


def issue_publish(*, issue: Issue, by, today: datetime.date | None = None) -> Issue:
    """Publishes an issue in review, or schedules it when its publication date is still ahead
    (beat then publishes it on the day, see `issue_publish_due`).

    Refused, with a message saying why, unless `by` holds the publish permission and the issue
    carries three to five stories. Publishing an issue already published changes nothing.
    Once published, the PDF editions are printed and the e-mail edition is sent, after commit.
    """
    _check_may_publish(by)
    today = today or timezone.localdate()
    with transaction.atomic():
        issue = _locked(issue)
        if issue.status == Issue.Status.PUBLISHED:
            return issue
        if issue.status not in (Issue.Status.IN_REVIEW, Issue.Status.SCHEDULED):
            raise BulletinError(_("An issue must be reviewed before it is published."))
        _check_story_count(issue)
        if issue.publication_date > today:
            issue.status = Issue.Status.SCHEDULED
            issue.published_by = by
            issue.save(update_fields=["status", "published_by", "updated_at"])
            return issue
        _mark_published(issue, by=by)
    return issue


def _mark_published(issue: Issue, *, by) -> None:
    issue.status = Issue.Status.PUBLISHED
    issue.published_at = timezone.now()
    if by is not None:
        issue.published_by = by
    issue.save(update_fields=["status", "published_at", "published_by", "updated_at"])
    transaction.on_commit(partial(_after_publication, issue.pk))


def _after_publication(issue_id: int) -> None:
    from bulletin.tasks import issue_dispatch_start_task, issue_editions_refresh_task

    issue_editions_refresh_task.delay(issue_id=issue_id)
    issue_dispatch_start_task.delay(issue_id=issue_id)


def issue_publish_due(*, today: datetime.date | None = None) -> list[int]:
    """Publishes every scheduled issue whose date has come; beat calls it. An issue that no
    longer carries three to five stories stays scheduled and is logged, never half-published.
    Returns the numbers published; running it twice publishes nothing the second time."""
    today = today or timezone.localdate()
    published = []
    due = Issue.objects.filter(status=Issue.Status.SCHEDULED, publication_date__lte=today)
    for issue_id in due.values_list("pk", flat=True):
        with transaction.atomic():
            issue = (
                Issue.objects.select_for_update(skip_locked=True)
                .filter(pk=issue_id, status=Issue.Status.SCHEDULED)
                .first()
            )
            if issue is None:
                continue
            try:
                _check_story_count(issue)
            except BulletinError as error:
                logger.warning("Scheduled issue %s not published: %s", issue.number, error)
                continue
            _mark_published(issue, by=None)
            published.append(issue.number)
    return published
