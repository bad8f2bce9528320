import secrets

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


def new_token() -> str:
    return secrets.token_urlsafe(32)


class Subscriber(models.Model):
    """A reader who asked for the e-mail edition. Confirmed only by the link mailed to the
    address (double opt-in); the same token unsubscribes in one click."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Awaiting confirmation")
        CONFIRMED = "confirmed", _("Confirmed")
        UNSUBSCRIBED = "unsubscribed", _("Unsubscribed")

    email = models.EmailField(_("e-mail address"))
    language = models.CharField(
        _("preferred language"), max_length=5, choices=settings.LANGUAGES, default="en"
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    token = models.CharField(_("token"), max_length=64, unique=True, default=new_token)
    confirmation_sent_at = models.DateTimeField(_("confirmation sent at"), null=True, blank=True)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    unsubscribed_at = models.DateTimeField(_("unsubscribed at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("subscriber")
        verbose_name_plural = _("subscribers")
        ordering = ["email"]
        constraints = [
            models.UniqueConstraint(Lower("email"), name="bulletin_one_subscriber_per_email"),
            models.CheckConstraint(
                condition=~models.Q(status="confirmed") | models.Q(confirmed_at__isnull=False),
                name="bulletin_confirmed_subscriber_has_confirmed_at",
            ),
        ]

    def __str__(self):
        return self.email

    def unsubscribe_path(self) -> str:
        return reverse("bulletin:unsubscribe", kwargs={"token": self.token})

    def confirm_path(self) -> str:
        return reverse("bulletin:subscribe_confirm", kwargs={"token": self.token})


class IssueDispatch(models.Model):
    """The sending of one issue to the confirmed subscribers. One per issue: starting it twice
    finds this row and sends nothing more; each mail's idempotency key is (issue, subscriber)."""

    issue = models.OneToOneField(
        "bulletin.Issue",
        on_delete=models.CASCADE,
        related_name="dispatch",
        verbose_name=_("issue"),
    )
    total = models.PositiveIntegerField(_("subscribers"), default=0)
    batches = models.PositiveIntegerField(_("batches"), default=0)
    started_at = models.DateTimeField(_("started at"), auto_now_add=True)

    class Meta:
        verbose_name = _("e-mail edition")
        verbose_name_plural = _("e-mail editions")
        ordering = ["-started_at"]

    def __str__(self):
        return str(self.issue)

    @property
    def mail_kind(self) -> str:
        return f"bulletin-issue-{self.issue_id}"
