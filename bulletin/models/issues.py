import calendar
import datetime

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from centre.richtext import RichTextField
from centre.uploads import validate_image

# An issue carries three to five innovation stories (the founding letter of the Centre).
MIN_STORIES = 3
MAX_STORIES = 5


class Area(models.TextChoices):
    """The area of parliamentary work an innovation belongs to."""

    LEGISLATIVE_PROCESS = "legislative_process", _("Legislative process")
    OVERSIGHT = "oversight", _("Oversight")
    CITIZEN_PARTICIPATION = "citizen_participation", _("Citizen participation")
    ICT_GOVERNANCE = "ict_governance", _("ICT strategy and governance")
    OPEN_DATA = "open_data", _("Open data")
    ARTIFICIAL_INTELLIGENCE = "artificial_intelligence", _("Artificial intelligence")
    CYBERSECURITY = "cybersecurity", _("Cybersecurity")
    REMOTE_WORKING = "remote_working", _("Remote and hybrid working")
    COMMUNICATION = "communication", _("Communication and social media")
    LIBRARY_RESEARCH = "library_research", _("Library and research services")
    ADMINISTRATION = "administration", _("Parliamentary administration")
    OTHER = "other", _("Other")


def add_months(date: datetime.date, months: int) -> datetime.date:
    """`date` moved by whole months; a date at the end of its month stays at the end of the
    month (31 March + 3 months is 30 June)."""
    index = date.year * 12 + date.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    last = calendar.monthrange(year, month)[1]
    at_month_end = date.day == calendar.monthrange(date.year, date.month)[1]
    return datetime.date(year, month, last if at_month_end else min(date.day, last))


class Bulletin(models.Model):
    """The quarterly Innovation Bulletin as a publication: its schedule and its readers."""

    affects_public_pages = True

    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    first_issue_date = models.DateField(_("first issue published on"))
    months_between_issues = models.PositiveSmallIntegerField(_("months between issues"), default=3)

    class Meta:
        verbose_name = _("bulletin")
        verbose_name_plural = _("bulletin")

    def __str__(self):
        return self.name

    def scheduled_date(self, index: int) -> datetime.date:
        """The date of the issue `index` places after the first on the regular schedule."""
        return add_months(self.first_issue_date, index * self.months_between_issues)


class Issue(models.Model):
    affects_public_pages = True

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        IN_REVIEW = "in_review", _("In review")
        SCHEDULED = "scheduled", _("Scheduled")
        PUBLISHED = "published", _("Published")

    number = models.PositiveIntegerField(_("number"), unique=True)
    title = models.CharField(_("title"), max_length=200)
    introduction = RichTextField(_("editorial introduction"), blank=True)
    publication_date = models.DateField(_("publication date"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    published_by = models.ForeignKey(
        "centre.User",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("published by"),
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("issue")
        verbose_name_plural = _("issues")
        ordering = ["-number"]
        permissions = [("publish_issue", _("Can schedule and publish an issue"))]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=["draft", "in_review", "scheduled", "published"]),
                name="bulletin_issue_status_known",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="published") | models.Q(published_at__isnull=False),
                name="bulletin_published_issue_has_published_at",
            ),
        ]

    def __str__(self):
        return f"{self.number}. {self.title}"

    def get_absolute_url(self):
        return reverse("bulletin:issue", kwargs={"number": self.number})

    def is_published(self, today: datetime.date) -> bool:
        return self.status == self.Status.PUBLISHED and self.publication_date <= today


class HubUpdate(models.Model):
    """News from one hub in an issue."""

    affects_public_pages = True

    issue = models.ForeignKey(
        Issue, on_delete=models.CASCADE, related_name="hub_updates", verbose_name=_("issue")
    )
    hub = models.ForeignKey(
        "hubs.Hub", on_delete=models.PROTECT, related_name="bulletin_updates", verbose_name=_("hub")
    )
    body = RichTextField(_("update"))
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("update from a hub")
        verbose_name_plural = _("updates from the hubs")
        ordering = ["issue", "position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["issue", "hub"], name="bulletin_one_update_per_hub")
        ]

    def __str__(self):
        return f"{self.hub} – {self.issue}"


class Story(models.Model):
    """One innovation a parliament introduced, told in an issue."""

    affects_public_pages = True

    issue = models.ForeignKey(
        Issue,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="stories",
        verbose_name=_("issue"),
        help_text=_("Empty while the story waits for an issue."),
    )
    position = models.PositiveSmallIntegerField(_("position in the issue"), default=0)
    slug = models.SlugField(_("slug"), max_length=120, unique=True, allow_unicode=False)
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary"), max_length=600)
    body = RichTextField(_("body"))
    area = models.CharField(_("area of work"), max_length=30, choices=Area.choices, db_index=True)
    hub = models.ForeignKey(
        "hubs.Hub",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="bulletin_stories",
        verbose_name=_("hub"),
    )
    parliaments = models.ManyToManyField(
        "centre.MemberParliament",
        related_name="bulletin_stories",
        verbose_name=_("parliaments"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("story")
        verbose_name_plural = _("stories")
        ordering = ["issue", "position", "pk"]
        indexes = [models.Index(fields=["issue", "position"], name="bulletin_story_in_issue")]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("bulletin:story", kwargs={"slug": self.slug})


class StoryImage(models.Model):
    affects_public_pages = True

    story = models.ForeignKey(
        Story, on_delete=models.CASCADE, related_name="images", verbose_name=_("story")
    )
    image = models.FileField(_("image"), upload_to="bulletin/stories/", validators=[validate_image])
    alt_text = models.CharField(
        _("alternative text"),
        max_length=300,
        help_text=_("What the image shows, for readers who cannot see it."),
    )
    caption = models.CharField(_("caption"), max_length=300, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("image")
        verbose_name_plural = _("images")
        ordering = ["story", "position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(alt_text=""), name="bulletin_story_image_has_alt_text"
            )
        ]

    def __str__(self):
        return self.alt_text


class StoryLink(models.Model):
    affects_public_pages = True

    story = models.ForeignKey(
        Story, on_delete=models.CASCADE, related_name="links", verbose_name=_("story")
    )
    url = models.URLField(_("address"), max_length=500)
    label = models.CharField(_("label"), max_length=200)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("link")
        verbose_name_plural = _("links")
        ordering = ["story", "position", "pk"]

    def __str__(self):
        return self.label


class IssueEdition(models.Model):
    """The PDF edition of an issue in one language, kept until the issue's content changes:
    `content_hash` is the hash of the HTML it was printed from."""

    issue = models.ForeignKey(
        Issue, on_delete=models.CASCADE, related_name="editions", verbose_name=_("issue")
    )
    language = models.CharField(_("language"), max_length=5)
    content_hash = models.CharField(_("content hash"), max_length=64)
    pdf = models.FileField(_("PDF"), upload_to="bulletin/editions/")
    created_at = models.DateTimeField(_("created at"), auto_now=True)

    class Meta:
        verbose_name = _("PDF edition")
        verbose_name_plural = _("PDF editions")
        ordering = ["issue", "language"]
        constraints = [
            models.UniqueConstraint(
                fields=["issue", "language"], name="bulletin_one_edition_per_language"
            )
        ]

    def __str__(self):
        return f"{self.issue} ({self.language})"
