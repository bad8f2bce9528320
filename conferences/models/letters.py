import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from centre.uploads import validate_document, validate_image
from conferences.models.events import Event, Registration

PLACEHOLDERS = {
    "parliament": _("the parliament's name"),
    "addressee": _("the addressee's name"),
    "conference": _("the event's title"),
    "dates": _("the event's dates"),
    "deadline": _("the registration deadline"),
    "registration_link": _("the parliament's personal registration link"),
    "contact": _("the contact address"),
}
PLACEHOLDER_PATTERN = re.compile(r"\{\{\s*([a-z_]+)\s*\}\}")


def validate_placeholders(text: str) -> None:
    unknown = sorted(
        {name for name in PLACEHOLDER_PATTERN.findall(text) if name not in PLACEHOLDERS}
    )
    if unknown:
        raise ValidationError(
            _("Unknown placeholder(s): %(names)s. Available: %(available)s."),
            params={
                "names": ", ".join(unknown),
                "available": ", ".join(f"{{{{ {name} }}}}" for name in PLACEHOLDERS),
            },
        )


class LetterTemplate(models.Model):
    """The Secretary General's invitation letter for one event in one language. Staff edit it;
    `{{ placeholders }}` are filled for each parliament."""

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="letter_templates", verbose_name=_("event")
    )
    language = models.CharField(_("language"), max_length=5, choices=settings.LANGUAGES)
    subject = models.CharField(
        _("e-mail subject"), max_length=300, validators=[validate_placeholders]
    )
    place_and_date = models.CharField(
        _("place and date"), max_length=200, help_text=_('e.g. "Geneva, 23 April 2021"')
    )
    addressee_line = models.CharField(
        _("addressee line"),
        max_length=300,
        blank=True,
        validators=[validate_placeholders],
        help_text=_('e.g. "To the IPU groups"'),
    )
    salutation = models.CharField(
        _("default salutation"),
        max_length=200,
        help_text=_("Used when the addressee has no salutation of their own."),
    )
    body = models.TextField(
        _("body"),
        validators=[validate_placeholders],
        help_text=_(
            "Paragraphs separated by an empty line. Placeholders: {{ parliament }}, "
            "{{ addressee }}, {{ conference }}, {{ dates }}, {{ deadline }}, "
            "{{ registration_link }}, {{ contact }}."
        ),
    )
    closing = models.TextField(_("closing"), blank=True, validators=[validate_placeholders])
    signatory_name = models.CharField(_("signatory"), max_length=200, default="Martin Chungong")
    signatory_title = models.CharField(_("signatory's title"), max_length=200)
    email_body = models.TextField(
        _("e-mail text"),
        validators=[validate_placeholders],
        help_text=_("The short e-mail that carries the letter as a PDF attachment."),
    )

    class Meta:
        verbose_name = _("letter template")
        verbose_name_plural = _("letter templates")
        ordering = ["event", "language"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "language"], name="one_letter_template_per_language"
            )
        ]

    def __str__(self):
        return f"{self.event} ({self.get_language_display()})"


class Campaign(models.Model):
    """Invitation letters for one event to a chosen set of parliaments."""

    class AddresseeRole(models.TextChoices):
        GROUP_PRESIDENT = "group_president", _("Presidents of the IPU groups")
        SPEAKER = "speaker", _("Speakers or Presidents")
        SECRETARY_GENERAL = "secretary_general", _("Secretaries General")

    event = models.ForeignKey(
        Event, on_delete=models.PROTECT, related_name="campaigns", verbose_name=_("event")
    )
    name = models.CharField(_("name"), max_length=200)
    addressee_role = models.CharField(
        _("addressees"),
        max_length=20,
        choices=AddresseeRole.choices,
        default=AddresseeRole.GROUP_PRESIDENT,
    )
    regions = models.JSONField(
        _("regions"), default=list, blank=True, help_text=_("Empty for every region.")
    )
    memberships = models.JSONField(
        _("membership"),
        default=list,
        blank=True,
        help_text=_("Empty for Members and Associate Members."),
    )
    signature = models.ImageField(
        _("signature image"),
        upload_to="letters/signatures/",
        blank=True,
        validators=[validate_image],
    )
    programme_note = models.FileField(
        _("programme note (PDF)"),
        upload_to="letters/programmes/",
        blank=True,
        validators=[validate_document],
    )
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("started by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("letter campaign")
        verbose_name_plural = _("letter campaigns")
        ordering = ["-created_at"]

    def __str__(self):
        return self.name


class Letter(models.Model):
    """One invitation letter to one parliament; its delivery is the outbox mail it points at."""

    campaign = models.ForeignKey(
        Campaign, on_delete=models.CASCADE, related_name="letters", verbose_name=_("campaign")
    )
    parliament = models.ForeignKey(
        "centre.MemberParliament",
        on_delete=models.PROTECT,
        related_name="letters",
        verbose_name=_("parliament"),
    )
    addressee = models.ForeignKey(
        "centre.Person",
        on_delete=models.SET_NULL,
        null=True,
        related_name="letters",
        verbose_name=_("addressee"),
    )
    email = models.EmailField(_("sent to"))
    language = models.CharField(_("language"), max_length=5, choices=settings.LANGUAGES)
    mail = models.OneToOneField(
        "centre.OutgoingMail",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="letter",
        verbose_name=_("e-mail"),
    )
    resend_of = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="resends",
        verbose_name=_("resend of"),
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("requested by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("letter")
        verbose_name_plural = _("letters")
        ordering = ["campaign", "parliament__name", "created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "parliament"],
                condition=models.Q(resend_of__isnull=True),
                name="one_letter_per_parliament_and_campaign",
            )
        ]

    def __str__(self):
        return f"{self.campaign} → {self.parliament}"


class Reminder(models.Model):
    """A reminder that went (or is going) out: the unique constraints make every reminder
    happen once, however many beat runs overlap."""

    class Kind(models.TextChoices):
        NOT_REGISTERED = "not_registered", _("Invited parliament has not registered")
        INCOMPLETE = "incomplete", _("Delegation incomplete")
        BEFORE_EVENT = "before_event", _("Delegate, before the event")

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="reminders", verbose_name=_("event")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    days_before = models.PositiveSmallIntegerField(_("days before"))
    parliament = models.ForeignKey(
        "centre.MemberParliament",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="reminders",
        verbose_name=_("parliament"),
    )
    registration = models.ForeignKey(
        Registration,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="reminders",
        verbose_name=_("registration"),
    )
    mail = models.OneToOneField(
        "centre.OutgoingMail",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reminder",
        verbose_name=_("e-mail"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "parliament", "kind", "days_before"],
                condition=models.Q(parliament__isnull=False),
                name="one_parliament_reminder",
            ),
            models.UniqueConstraint(
                fields=["event", "registration", "kind"],
                condition=models.Q(registration__isnull=False),
                name="one_delegate_reminder",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} – {self.event}"
