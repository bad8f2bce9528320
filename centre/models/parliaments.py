from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField


class GeopoliticalGroup(models.TextChoices):
    AFRICA = "africa", _("Africa Group")
    ARAB = "arab", _("Arab Group")
    ASIA_PACIFIC = "asia_pacific", _("Asia-Pacific Group")
    EURASIA = "eurasia", _("Eurasia Group")
    LATIN_AMERICA_CARIBBEAN = (
        "latin_america_caribbean",
        _("Group of Latin America and the Caribbean"),
    )
    TWELVE_PLUS = "twelve_plus", _("Twelve Plus Group")


class MemberParliament(models.Model):
    """A Member or Associate Member of the IPU, as listed in the versioned registry file."""

    affects_public_pages = True

    class Membership(models.TextChoices):
        MEMBER = "member", _("Member")
        ASSOCIATE = "associate", _("Associate Member")

    class Structure(models.TextChoices):
        UNICAMERAL = "unicameral", _("Unicameral")
        BICAMERAL = "bicameral", _("Bicameral")

    code = models.CharField(
        _("code"),
        max_length=20,
        unique=True,
        help_text=_("ISO 3166-1 alpha-2 code for Members; a short code for Associate Members."),
    )
    membership = models.CharField(
        _("membership"), max_length=10, choices=Membership.choices, default=Membership.MEMBER
    )
    country = CountryField(_("country"), blank=True)
    name = models.CharField(_("name"), max_length=200)
    structure = models.CharField(_("structure"), max_length=10, choices=Structure.choices)
    region = models.CharField(
        _("IPU geopolitical group"), max_length=30, choices=GeopoliticalGroup.choices
    )
    also_in_groups = models.JSONField(
        _("also in the groups"),
        default=list,
        blank=True,
        help_text=_("Other geopolitical groups the parliament belongs to."),
    )
    languages = models.JSONField(
        _("official languages"),
        default=list,
        blank=True,
        help_text=_("ISO 639 codes of the country's official languages."),
    )
    correspondence_language = models.CharField(
        _("correspondence language"),
        max_length=5,
        choices=settings.LANGUAGES,
        default="en",
        help_text=_("The IPU working language letters to this parliament are written in."),
    )
    website = models.URLField(_("website"), blank=True)
    is_active = models.BooleanField(
        _("current member"),
        default=True,
        help_text=_("Cleared when a parliament leaves the registry; its history is kept."),
    )

    class Meta:
        verbose_name = _("member parliament")
        verbose_name_plural = _("member parliaments")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(membership="member") | ~models.Q(country=""),
                name="member_parliament_has_country",
            )
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("parliament_detail", kwargs={"code": self.code.lower()})


class Chamber(models.Model):
    affects_public_pages = True

    class Kind(models.TextChoices):
        SINGLE = "single", _("Single chamber")
        LOWER = "lower", _("Lower chamber")
        UPPER = "upper", _("Upper chamber")

    parliament = models.ForeignKey(
        MemberParliament,
        on_delete=models.CASCADE,
        related_name="chambers",
        verbose_name=_("parliament"),
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=200)

    class Meta:
        verbose_name = _("chamber")
        verbose_name_plural = _("chambers")
        ordering = ["parliament", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["parliament", "kind"], name="one_chamber_per_kind")
        ]

    def __str__(self):
        return self.name


class Person(models.Model):
    """Someone the secretariat corresponds with at a parliament: a Speaker, a Secretary General,
    the president of the IPU group, a staff focal point."""

    class Role(models.TextChoices):
        SPEAKER = "speaker", _("Speaker or President")
        SECRETARY_GENERAL = "secretary_general", _("Secretary General")
        GROUP_PRESIDENT = "group_president", _("President of the IPU group")
        FOCAL_POINT = "focal_point", _("Staff focal point")
        STAFF = "staff", _("Parliamentary staff")

    parliament = models.ForeignKey(
        MemberParliament,
        on_delete=models.CASCADE,
        related_name="people",
        verbose_name=_("parliament"),
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    full_name = models.CharField(_("full name"), max_length=200)
    title = models.CharField(_("title or function"), max_length=200, blank=True)
    salutation = models.CharField(
        _("salutation"),
        max_length=200,
        blank=True,
        help_text=_('How letters address this person, e.g. "Madame la Présidente,".'),
    )
    email = models.EmailField(_("e-mail address"))
    correspondence_language = models.CharField(
        _("correspondence language"), max_length=5, choices=settings.LANGUAGES, default="en"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="parliament_records",
        verbose_name=_("portal account"),
    )

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["parliament", "role", "full_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["parliament", "role", "email"], name="one_person_per_role_and_email"
            )
        ]

    def __str__(self):
        return f"{self.full_name} ({self.get_role_display()})"


class ParliamentRole(models.Model):
    """What a portal user may do on behalf of a parliament."""

    class Role(models.TextChoices):
        FOCAL_POINT = "focal_point", _("Delegation focal point")
        HUB_EDITOR = "hub_editor", _("Hub editor")
        NETWORK_MEMBER = "network_member", _("Network member")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="parliament_roles",
        verbose_name=_("user"),
    )
    parliament = models.ForeignKey(
        MemberParliament,
        on_delete=models.CASCADE,
        related_name="user_roles",
        verbose_name=_("parliament"),
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    confirmed_at = models.DateTimeField(
        _("confirmed at"),
        null=True,
        blank=True,
        help_text=_("Empty until the secretariat, or an invitation link, confirms the role."),
    )
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("granted by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("parliament role")
        verbose_name_plural = _("parliament roles")
        ordering = ["parliament", "role", "user"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "parliament", "role"], name="one_role_per_user_and_parliament"
            )
        ]

    def __str__(self):
        return f"{self.user} – {self.get_role_display()} – {self.parliament}"

    @property
    def is_confirmed(self) -> bool:
        return self.confirmed_at is not None
