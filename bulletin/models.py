import datetime

from django.db import models
from django.utils.translation import gettext_lazy as _


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


class Issue(models.Model):
    affects_public_pages = True

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        IN_REVIEW = "in_review", _("In review")
        SCHEDULED = "scheduled", _("Scheduled")
        PUBLISHED = "published", _("Published")

    number = models.PositiveIntegerField(_("number"), unique=True)
    title = models.CharField(_("title"), max_length=200)
    introduction = models.TextField(_("editorial introduction"), blank=True)
    publication_date = models.DateField(_("publication date"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT, db_index=True
    )

    class Meta:
        verbose_name = _("issue")
        verbose_name_plural = _("issues")
        ordering = ["-number"]

    def __str__(self):
        return f"{self.number}. {self.title}"

    def is_published(self, today: datetime.date) -> bool:
        return self.status == self.Status.PUBLISHED and self.publication_date <= today
