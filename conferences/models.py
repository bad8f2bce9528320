import zoneinfo

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def validate_time_zone(value):
    if value not in zoneinfo.available_timezones():
        raise ValidationError(_("%(value)s is not a known time zone."), params={"value": value})


class Event(models.Model):
    """A World e-Parliament Conference edition, an interactive session at an IPU Assembly, or a
    hub meeting. Its dates and times belong to its own time zone."""

    affects_public_pages = True

    class Kind(models.TextChoices):
        CONFERENCE = "conference", _("World e-Parliament Conference")
        ASSEMBLY_SESSION = "assembly_session", _("Interactive session at an IPU Assembly")
        HUB_MEETING = "hub_meeting", _("Hub meeting")

    class Format(models.TextChoices):
        IN_PERSON = "in_person", _("In person")
        ONLINE = "online", _("Online")
        HYBRID = "hybrid", _("Hybrid")

    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200)
    edition = models.PositiveSmallIntegerField(_("edition"), null=True, blank=True)
    summary = models.TextField(_("summary"), blank=True)
    start_date = models.DateField(_("first day"))
    end_date = models.DateField(_("last day"))
    time_zone = models.CharField(
        _("time zone"), max_length=64, default="Europe/Zurich", validators=[validate_time_zone]
    )
    format = models.CharField(_("format"), max_length=10, choices=Format.choices)
    city = models.CharField(_("city"), max_length=100, blank=True)
    venue = models.CharField(_("venue"), max_length=200, blank=True)
    room = models.CharField(_("room"), max_length=200, blank=True)
    daily_start_time = models.TimeField(_("sessions start each day at"), null=True, blank=True)
    daily_end_time = models.TimeField(_("sessions end each day at"), null=True, blank=True)
    interpretation_languages = models.JSONField(
        _("interpretation languages"),
        default=list,
        blank=True,
        help_text=_("Language codes, e.g. en, fr."),
    )
    expected_participants = models.PositiveIntegerField(
        _("expected participants"), null=True, blank=True
    )
    capacity = models.PositiveIntegerField(
        _("capacity"), null=True, blank=True, help_text=_("Empty for no limit.")
    )
    registration_opens_at = models.DateTimeField(_("registration opens"), null=True, blank=True)
    registration_deadline = models.DateTimeField(_("registration deadline"), null=True, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    hashtag = models.CharField(_("hashtag"), max_length=50, blank=True)
    organiser = models.CharField(_("organiser"), max_length=200, blank=True)
    hub = models.ForeignKey(
        "hubs.Hub",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="events",
        verbose_name=_("hub"),
    )

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["-start_date"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__gte=models.F("start_date")),
                name="event_dates_in_order",
            )
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("conferences:detail", kwargs={"slug": self.slug})

    @property
    def tz(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.time_zone)

    def is_upcoming(self, today=None) -> bool:
        today = today or timezone.localdate(timezone=self.tz)
        return self.end_date >= today


class Theme(models.Model):
    affects_public_pages = True

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="themes", verbose_name=_("event")
    )
    code = models.CharField(_("code"), max_length=5, help_text=_("e.g. a, b, c"))
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("theme")
        verbose_name_plural = _("themes")
        ordering = ["event", "code"]
        constraints = [
            models.UniqueConstraint(fields=["event", "code"], name="one_theme_code_per_event")
        ]

    def __str__(self):
        return f"{self.code}) {self.title}"


class Track(models.Model):
    """An axis of the programme, e.g. thought leadership, peer exchange, co-creation."""

    affects_public_pages = True

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="tracks", verbose_name=_("event")
    )
    number = models.PositiveSmallIntegerField(_("number"))
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("track")
        verbose_name_plural = _("tracks")
        ordering = ["event", "number"]
        constraints = [
            models.UniqueConstraint(fields=["event", "number"], name="one_track_number_per_event")
        ]

    def __str__(self):
        return self.name


class Audience(models.TextChoices):
    MPS = "mps", _("Members of parliament")
    SECRETARIES_GENERAL = "secretaries_general", _("Secretaries General")
    ICT_STAFF = "ict_staff", _("ICT staff")
    COMMUNICATION_STAFF = "communication_staff", _("Communication staff")
    RESEARCH_STAFF = "research_staff", _("Research and library staff")
    PARLIAMENTARY_STAFF = "parliamentary_staff", _("Parliamentary staff")
    PARTNERS = "partners", _("Partner organisations")


class Session(models.Model):
    affects_public_pages = True

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="sessions", verbose_name=_("event")
    )
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    theme = models.ForeignKey(
        Theme,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="sessions",
        verbose_name=_("theme"),
    )
    track = models.ForeignKey(
        Track,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="sessions",
        verbose_name=_("track"),
    )
    audiences = models.JSONField(
        _("intended audience"),
        default=list,
        blank=True,
        help_text=_("Codes from the audience list."),
    )
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    room = models.CharField(_("room"), max_length=200, blank=True)
    stream_url = models.URLField(_("stream link"), blank=True)
    interpretation_languages = models.JSONField(
        _("interpretation languages"), default=list, blank=True
    )
    is_plenary = models.BooleanField(_("plenary"), default=False)
    recording_url = models.URLField(_("recording"), blank=True)
    discussion_questions = models.TextField(
        _("discussion questions"), blank=True, help_text=_("One question a line.")
    )

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="session_ends_after_start",
            )
        ]

    def __str__(self):
        return self.title

    @property
    def question_list(self) -> list[str]:
        return [line.strip() for line in self.discussion_questions.splitlines() if line.strip()]
