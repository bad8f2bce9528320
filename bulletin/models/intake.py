from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from bulletin.models.issues import Area
from bulletin.models.subscriptions import new_token


class StorySubmission(models.Model):
    """An innovation a parliament reports through the public form, for the editors to triage."""

    class Status(models.TextChoices):
        UNVERIFIED = "unverified", _("E-mail not yet verified")
        NEW = "new", _("To triage")
        ACCEPTED = "accepted", _("Turned into a draft story")
        DECLINED = "declined", _("Declined")

    status = models.CharField(
        _("status"),
        max_length=12,
        choices=Status.choices,
        default=Status.UNVERIFIED,
        db_index=True,
    )
    name = models.CharField(_("your name"), max_length=200)
    email = models.EmailField(_("your e-mail address"))
    language = models.CharField(
        _("language"), max_length=5, choices=settings.LANGUAGES, default="en"
    )
    title = models.CharField(_("title of the innovation"), max_length=200)
    parliament = models.ForeignKey(
        "centre.MemberParliament",
        on_delete=models.PROTECT,
        related_name="bulletin_submissions",
        verbose_name=_("parliament"),
    )
    area = models.CharField(_("topic"), max_length=30, choices=Area.choices)
    summary = models.TextField(_("summary"), max_length=3000)
    key_takeaways = models.TextField(_("key takeaways"), max_length=3000)
    links = models.TextField(_("links"), blank=True, help_text=_("One address a line."))
    consent = models.BooleanField(_("consent to publish"))
    token = models.CharField(_("token"), max_length=64, unique=True, default=new_token)
    verified_at = models.DateTimeField(_("e-mail verified at"), null=True, blank=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    story = models.OneToOneField(
        "bulletin.Story",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="submission",
        verbose_name=_("draft story"),
    )
    created_at = models.DateTimeField(_("received at"), auto_now_add=True)

    class Meta:
        verbose_name = _("reported innovation")
        verbose_name_plural = _("reported innovations")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(consent=True),
                name="bulletin_submission_has_consent",
                violation_error_message=_("We need your consent to publish the innovation."),
            )
        ]

    def __str__(self):
        return self.title

    @property
    def link_list(self) -> list[str]:
        return [line.strip() for line in self.links.splitlines() if line.strip()]
