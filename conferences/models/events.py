import zoneinfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def validate_time_zone(value):
    if value not in zoneinfo.available_timezones():
        raise ValidationError(_("%(value)s is not a known time zone."), params={"value": value})


def default_reminder_days():
    return [21, 7, 1]


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
    registration_enabled = models.BooleanField(
        _("online registration"),
        default=False,
        help_text=_("Parliaments register their delegation on the portal."),
    )
    delegates_need_approval = models.BooleanField(
        _("delegates need approval"),
        default=False,
        help_text=_(
            "Each delegate a parliament registers waits for the secretariat's approval before "
            "taking a place. Individual participants always do."
        ),
    )
    joining_instructions = models.TextField(
        _("how to join online"),
        blank=True,
        help_text=_("Sent to registered participants of online and hybrid events."),
    )
    reminder_days = models.JSONField(
        _("reminders before the deadline (days)"),
        default=default_reminder_days,
        blank=True,
        help_text=_("Days before the registration deadline on which reminders go out."),
    )
    delegate_reminder_days = models.PositiveSmallIntegerField(
        _("reminder to delegates (days before the event)"), default=3
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

    def registration_closed_because(self, now=None) -> str | None:
        """Why registration is closed at `now`: "closed" (not offered), "not_open" (before it
        opens) or "deadline" (after it); None while it is open."""
        now = now or timezone.now()
        if not self.registration_enabled:
            return "closed"
        if self.registration_opens_at and now < self.registration_opens_at:
            return "not_open"
        if self.registration_deadline and now > self.registration_deadline:
            return "deadline"
        return None

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


class Speaker(models.Model):
    affects_public_pages = True

    full_name = models.CharField(_("full name"), max_length=200)
    title = models.CharField(_("title or function"), max_length=300, blank=True)
    parliament = models.ForeignKey(
        "centre.MemberParliament",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="speakers",
        verbose_name=_("parliament"),
    )
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    sessions = models.ManyToManyField(
        Session, related_name="speakers", blank=True, verbose_name=_("sessions")
    )

    class Meta:
        verbose_name = _("speaker")
        verbose_name_plural = _("speakers")
        ordering = ["full_name"]

    def __str__(self):
        return self.full_name


class Delegation(models.Model):
    """A parliament's delegation to one event, managed by its focal point until the deadline."""

    event = models.ForeignKey(
        Event, on_delete=models.PROTECT, related_name="delegations", verbose_name=_("event")
    )
    parliament = models.ForeignKey(
        "centre.MemberParliament",
        on_delete=models.PROTECT,
        related_name="delegations",
        verbose_name=_("parliament"),
    )
    focal_point = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="delegations",
        verbose_name=_("focal point"),
    )
    consent_at = models.DateTimeField(_("consent given at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("delegation")
        verbose_name_plural = _("delegations")
        ordering = ["event", "parliament__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "parliament"], name="one_delegation_per_parliament_and_event"
            )
        ]

    def __str__(self):
        return f"{self.parliament} – {self.event}"


class Registration(models.Model):
    """One person at an event: a delegate of a parliament's delegation, or an individual
    observer (partner organisations, others) whom the secretariat approves. Both count against
    the event's capacity once confirmed."""

    class Category(models.TextChoices):
        SPEAKER = "speaker", _("Speaker or President of parliament")
        MP = "mp", _("Member of parliament")
        SECRETARY_GENERAL = "secretary_general", _("Secretary General")
        STAFF = "staff", _("Parliamentary staff")
        OTHER = "other", _("Other")

    class Gender(models.TextChoices):
        FEMALE = "female", _("Female")
        MALE = "male", _("Male")
        OTHER = "other", _("Other")
        UNDISCLOSED = "undisclosed", _("Prefer not to say")

    class Attendance(models.TextChoices):
        IN_PERSON = "in_person", _("In person")
        ONLINE = "online", _("Online")

    class Status(models.TextChoices):
        PENDING = "pending", _("Awaiting approval")
        CONFIRMED = "confirmed", _("Confirmed")
        WAITLISTED = "waitlisted", _("On the waiting list")
        DECLINED = "declined", _("Declined")
        CANCELLED = "cancelled", _("Cancelled")

    event = models.ForeignKey(
        Event, on_delete=models.PROTECT, related_name="registrations", verbose_name=_("event")
    )
    delegation = models.ForeignKey(
        Delegation,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="registrations",
        verbose_name=_("delegation"),
    )
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=Status.choices,
        default=Status.CONFIRMED,
        db_index=True,
    )
    full_name = models.CharField(_("full name"), max_length=200)
    title = models.CharField(_("title or function"), max_length=200)
    organisation = models.CharField(
        _("organisation"),
        max_length=200,
        blank=True,
        help_text=_("For individual participants: the organisation they represent."),
    )
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    gender = models.CharField(_("gender"), max_length=12, choices=Gender.choices)
    email = models.EmailField(_("e-mail address"))
    attendance = models.CharField(
        _("attendance"), max_length=10, choices=Attendance.choices, default=Attendance.IN_PERSON
    )
    working_language = models.CharField(
        _("working language"), max_length=5, choices=settings.LANGUAGES, default="en"
    )
    accessibility_needs = models.TextField(_("accessibility needs"), blank=True)
    sessions_of_interest = models.ManyToManyField(
        Session,
        blank=True,
        related_name="interested_registrations",
        verbose_name=_("sessions of interest"),
    )
    is_head_of_delegation = models.BooleanField(_("head of delegation"), default=False)
    consent_at = models.DateTimeField(_("consent given at"))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="registrations",
        verbose_name=_("registered by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    anonymised_at = models.DateTimeField(_("anonymised at"), null=True, blank=True)

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["event", "created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "email"],
                condition=~models.Q(status__in=["cancelled", "declined"]),
                name="one_active_registration_per_email_and_event",
            ),
            models.UniqueConstraint(
                fields=["delegation"],
                condition=models.Q(is_head_of_delegation=True)
                & ~models.Q(status__in=["cancelled", "declined"]),
                name="one_head_per_delegation",
            ),
        ]

    def __str__(self):
        return f"{self.full_name} – {self.event}"

    @property
    def is_active(self) -> bool:
        return self.status not in (self.Status.CANCELLED, self.Status.DECLINED)
