"""Innovations that parliaments report through the public form, and their triage."""

from django.db import transaction
from django.utils import timezone, translation
from django.utils.html import escape, linebreaks
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from bulletin.exceptions import BulletinError
from bulletin.models import Story, StoryLink, StorySubmission
from bulletin.services.subscriptions import absolute_url
from centre.services.outbox import mail_queue_template


def _verify_path(submission: StorySubmission) -> str:
    from django.urls import reverse

    with translation.override(submission.language):
        return reverse("bulletin:report_verify", kwargs={"token": submission.token})


def submission_create(*, language: str, **fields) -> StorySubmission:
    """Records a reported innovation, unverified, and mails its sender a link that verifies
    the address; editors see it only once verified."""
    with transaction.atomic():
        submission = StorySubmission.objects.create(language=language, **fields)
        mail_queue_template(
            template="bulletin/email/report_verify",
            context={
                "submission": submission,
                "verify_url": absolute_url(_verify_path(submission)),
            },
            to=[submission.email],
            language=language,
            kind="bulletin-report",
            idempotency_key=f"bulletin-report-verify:{submission.pk}",
        )
    return submission


def submission_verify(*, token: str) -> StorySubmission:
    """Marks the sender's address verified and puts the innovation in the editors' queue.
    Verifying twice is harmless; an unknown link is refused."""
    with transaction.atomic():
        submission = StorySubmission.objects.select_for_update().filter(token=token).first()
        if submission is None:
            raise BulletinError(_("This verification link is not valid."))
        if submission.status == StorySubmission.Status.UNVERIFIED:
            submission.status = StorySubmission.Status.NEW
            submission.verified_at = timezone.now()
            submission.save(update_fields=["status", "verified_at"])
    return submission


def _unique_slug(title: str) -> str:
    base = slugify(title)[:100] or "story"
    slug, n = base, 1
    while Story.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


def _tell_outcome(submission: StorySubmission) -> None:
    mail_queue_template(
        template="bulletin/email/report_outcome",
        context={"submission": submission},
        to=[submission.email],
        language=submission.language,
        kind="bulletin-report",
        idempotency_key=f"bulletin-report-outcome:{submission.pk}",
    )


def submission_accept(*, submission: StorySubmission, by) -> Story:
    """Turns a verified innovation into a draft story (waiting for an issue) with its title,
    summary, key takeaways, links, parliament and area, and tells the sender. Accepting twice
    returns the same story; a declined or unverified one is refused."""
    with transaction.atomic():
        submission = StorySubmission.objects.select_for_update().get(pk=submission.pk)
        if submission.status == StorySubmission.Status.ACCEPTED and submission.story_id:
            return submission.story
        if submission.status != StorySubmission.Status.NEW:
            raise BulletinError(
                _("Only a verified innovation that is still to triage can be accepted.")
            )
        language = submission.language
        body = linebreaks(escape(submission.summary)) + linebreaks(escape(submission.key_takeaways))
        story = Story(slug=_unique_slug(submission.title), area=submission.area)
        for field, value in (
            ("title", submission.title),
            ("summary", submission.summary[:600]),
            ("body", body),
        ):
            setattr(story, f"{field}_{language}", value)
            if language != "en" and not getattr(story, f"{field}_en"):
                # English is the fallback every page reads; the editors translate it.
                setattr(story, f"{field}_en", value)
        story.save()
        story.parliaments.add(submission.parliament)
        StoryLink.objects.bulk_create(
            StoryLink(story=story, url=url, label=url[:200], label_en=url[:200], position=n)
            for n, url in enumerate(submission.link_list)
        )
        submission.status = StorySubmission.Status.ACCEPTED
        submission.story = story
        submission.decided_at = timezone.now()
        submission.decided_by = by
        submission.save(update_fields=["status", "story", "decided_at", "decided_by"])
        _tell_outcome(submission)
    return story


def submission_decline(*, submission: StorySubmission, by) -> StorySubmission:
    """Declines a reported innovation and tells the sender; declining twice sends one mail."""
    with transaction.atomic():
        submission = StorySubmission.objects.select_for_update().get(pk=submission.pk)
        if submission.status == StorySubmission.Status.DECLINED:
            return submission
        if submission.status != StorySubmission.Status.NEW:
            raise BulletinError(
                _("Only a verified innovation that is still to triage can be declined.")
            )
        submission.status = StorySubmission.Status.DECLINED
        submission.decided_at = timezone.now()
        submission.decided_by = by
        submission.save(update_fields=["status", "decided_at", "decided_by"])
        _tell_outcome(submission)
    return submission
