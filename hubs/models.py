from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from centre.models import MemberParliament
from centre.richtext import RichTextField
from centre.uploads import validate_document, validate_image

# The hub page's texts an editor may change, and so the texts a revision keeps.
PAGE_FIELDS = ("summary", "description", "participation_rule")


class Hub(models.Model):
    """A regional or thematic hub of the Centre, run like a franchise by its host parliament."""

    affects_public_pages = True

    class Kind(models.TextChoices):
        REGIONAL = "regional", _("Regional hub")
        THEMATIC = "thematic", _("Thematic hub")

    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    region = models.CharField(
        _("region"), max_length=100, blank=True, help_text=_("For regional hubs.")
    )
    host_parliament = models.ForeignKey(
        MemberParliament,
        on_delete=models.PROTECT,
        related_name="hosted_hubs",
        verbose_name=_("host parliament"),
    )
    summary = models.TextField(_("purpose"), help_text=_("What the hub does, in two sentences."))
    description = RichTextField(_("description"), blank=True)
    participation_rule = models.TextField(_("who may participate"))
    is_active = models.BooleanField(_("active"), default=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    participants = models.ManyToManyField(
        MemberParliament,
        through="HubMembership",
        related_name="hubs",
        verbose_name=_("participating parliaments"),
        blank=True,
    )

    class Meta:
        verbose_name = _("hub")
        verbose_name_plural = _("hubs")
        ordering = ["order", "name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("hubs:detail", kwargs={"slug": self.slug})

    def get_workspace_url(self):
        return reverse("hubs:workspace", kwargs={"slug": self.slug})


class HubMembership(models.Model):
    """A parliament taking part in a hub (the host takes part by hosting, not by membership)."""

    affects_public_pages = True

    hub = models.ForeignKey(
        Hub, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("hub")
    )
    parliament = models.ForeignKey(
        MemberParliament,
        on_delete=models.CASCADE,
        related_name="hub_memberships",
        verbose_name=_("parliament"),
    )
    joined_on = models.DateField(_("joined on"), auto_now_add=True)

    class Meta:
        verbose_name = _("participating parliament")
        verbose_name_plural = _("participating parliaments")
        ordering = ["hub", "parliament__name"]
        constraints = [
            models.UniqueConstraint(fields=["hub", "parliament"], name="one_membership_per_hub")
        ]

    def __str__(self):
        return f"{self.parliament} – {self.hub}"


class HubResource(models.Model):
    """A tool, a piece of software, a document or a link the hub shares."""

    affects_public_pages = True

    class Kind(models.TextChoices):
        TOOL = "tool", _("Tool")
        SOFTWARE = "software", _("Software")
        DOCUMENT = "document", _("Document")
        LINK = "link", _("Link")

    hub = models.ForeignKey(
        Hub, on_delete=models.CASCADE, related_name="resources", verbose_name=_("hub")
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    url = models.URLField(_("address (URL)"), blank=True)
    file = models.FileField(
        _("file"), upload_to="hubs/resources/%Y/", blank=True, validators=[validate_document]
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("hub resource")
        verbose_name_plural = _("hub resources")
        ordering = ["hub", "order", "-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(url="") | ~models.Q(file=""),
                name="hub_resource_has_url_or_file",
            )
        ]

    def __str__(self):
        return self.title

    @property
    def href(self) -> str:
        return self.file.url if self.file else self.url


class HubUpdate(models.Model):
    """A news post on a hub's page. It is written in one language (`language`) and shown in
    every language, falling back to the one it was written in."""

    affects_public_pages = True

    hub = models.ForeignKey(
        Hub, on_delete=models.CASCADE, related_name="updates", verbose_name=_("hub")
    )
    language = models.CharField(
        _("written in"), max_length=5, choices=settings.LANGUAGES, default="en"
    )
    title = models.CharField(_("title"), max_length=200)
    body = RichTextField(_("text"))
    image = models.ImageField(
        _("image"), upload_to="hubs/updates/%Y/", blank=True, validators=[validate_image]
    )
    image_alt = models.CharField(
        _("image description (alt text)"),
        max_length=300,
        blank=True,
        help_text=_("What the image shows, for readers who cannot see it."),
    )
    image_caption = models.CharField(_("caption"), max_length=300, blank=True)
    image_credit = models.CharField(_("image credit"), max_length=200, blank=True)
    published_at = models.DateTimeField(_("published at"), db_index=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("author"),
    )

    class Meta:
        verbose_name = _("hub update")
        verbose_name_plural = _("hub updates")
        ordering = ["-published_at", "-pk"]

    def __str__(self):
        return self.title

    def text_language(self) -> str:
        """The language the title is shown in: the reader's when translated, else the
        language it was written in (so that templates can set `lang` on it)."""
        current = translation.get_language() or settings.LANGUAGE_CODE
        if getattr(self, f"title_{current}", ""):
            return current
        return self.language


class HubChange(models.Model):
    """A record of one change in a hub's workspace: who, when and what. Changes to the page
    text keep the text before and after, so that an earlier version can be restored."""

    class Action(models.TextChoices):
        PAGE_EDITED = "page_edited", _("Page text edited")
        PAGE_RESTORED = "page_restored", _("Earlier page text restored")
        RESOURCE_ADDED = "resource_added", _("Resource added")
        RESOURCE_CHANGED = "resource_changed", _("Resource changed")
        RESOURCE_DELETED = "resource_deleted", _("Resource deleted")
        UPDATE_ADDED = "update_added", _("Update published")
        UPDATE_CHANGED = "update_changed", _("Update changed")
        UPDATE_DELETED = "update_deleted", _("Update deleted")
        JOIN_ACCEPTED = "join_accepted", _("Request to join accepted")
        JOIN_DECLINED = "join_declined", _("Request to join declined")
        EDITOR_INVITED = "editor_invited", _("Colleague invited as editor")
        EDITOR_JOINED = "editor_joined", _("Colleague became editor")

    hub = models.ForeignKey(
        Hub, on_delete=models.CASCADE, related_name="changes", verbose_name=_("hub")
    )
    action = models.CharField(_("action"), max_length=20, choices=Action.choices)
    summary = models.CharField(_("what"), max_length=300, blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("by"),
    )
    at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    before = models.JSONField(_("page text before"), null=True, blank=True)
    after = models.JSONField(_("page text after"), null=True, blank=True)

    class Meta:
        verbose_name = _("hub change")
        verbose_name_plural = _("hub changes")
        ordering = ["-at", "-pk"]

    def __str__(self):
        return f"{self.hub} – {self.get_action_display()} – {self.at:%Y-%m-%d %H:%M}"

    @property
    def can_restore(self) -> bool:
        return self.before is not None


class ParticipationRequest(models.Model):
    """What every way of taking part shares: who asked, for which parliament, whether their
    e-mail address is verified, and where the request stands."""

    class Status(models.TextChoices):
        UNVERIFIED = "unverified", _("Waiting for e-mail confirmation")
        PENDING = "pending", _("Received, under review")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")

    parliament = models.ForeignKey(
        MemberParliament, on_delete=models.CASCADE, related_name="+", verbose_name=_("parliament")
    )
    requester = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("requested by (account)"),
    )
    contact_name = models.CharField(_("your name"), max_length=200)
    contact_email = models.EmailField(_("your e-mail address"))
    language = models.CharField(
        _("language"), max_length=5, choices=settings.LANGUAGES, default="en"
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    email_verified_at = models.DateTimeField(_("e-mail verified at"), null=True, blank=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decision_note = models.TextField(_("note on the decision"), blank=True)
    created_at = models.DateTimeField(_("sent at"), auto_now_add=True, db_index=True)

    class Meta:
        abstract = True
        ordering = ["-created_at", "-pk"]

    @property
    def kind_label(self) -> str:
        return self._meta.verbose_name


class HubJoinRequest(ParticipationRequest):
    """A parliament asks to take part in a hub; the host's editors accept or decline."""

    hub = models.ForeignKey(
        Hub, on_delete=models.CASCADE, related_name="join_requests", verbose_name=_("hub")
    )
    message = models.TextField(_("message to the host parliament"), blank=True)

    class Meta(ParticipationRequest.Meta):
        verbose_name = _("request to join a hub")
        verbose_name_plural = _("requests to join a hub")
        constraints = [
            models.UniqueConstraint(
                fields=["hub", "parliament"],
                condition=models.Q(status__in=["unverified", "pending"]),
                name="one_open_join_request_per_hub",
            )
        ]

    def __str__(self):
        return f"{self.parliament} → {self.hub}"


class HubProposal(ParticipationRequest):
    """A parliament proposes to create and host a new hub; the secretariat reviews it."""

    name = models.CharField(_("name of the hub"), max_length=200)
    kind = models.CharField(_("kind"), max_length=10, choices=Hub.Kind.choices)
    region = models.CharField(_("region"), max_length=100, blank=True)
    purpose = models.TextField(_("what the hub would do"))
    participation_rule = models.TextField(_("who could participate"))

    class Meta(ParticipationRequest.Meta):
        verbose_name = _("proposal for a new hub")
        verbose_name_plural = _("proposals for new hubs")

    def __str__(self):
        return f"{self.name} ({self.parliament})"
