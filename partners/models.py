from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from centre.models import MemberParliament
from hubs.models import ParticipationRequest


class PartnershipTier(models.Model):
    """One of the four ways of partnering with the Centre (core, financial, support, project)."""

    affects_public_pages = True

    class Code(models.TextChoices):
        CORE = "core", _("Core partner")
        FINANCIAL = "financial", _("Financial partner")
        SUPPORT = "support", _("Support partner")
        PROJECT = "project", _("Project partner")

    code = models.CharField(_("code"), max_length=10, choices=Code.choices, unique=True)
    name = models.CharField(_("name"), max_length=100)
    description = models.TextField(_("what the partner does"))
    governance_role = models.TextField(_("role in governance"), blank=True)
    requested_annual_contribution_chf = models.DecimalField(
        _("requested annual contribution (CHF)"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("partnership tier")
        verbose_name_plural = _("partnership tiers")
        ordering = ["order"]

    def __str__(self):
        return self.name


class Budget(models.Model):
    """The budget of the IPU-coordinated activities for a period; hubs budget separately."""

    affects_public_pages = True

    start_year = models.PositiveSmallIntegerField(_("first year"))
    end_year = models.PositiveSmallIntegerField(_("last year"))
    amount_chf = models.DecimalField(_("amount (CHF)"), max_digits=14, decimal_places=2)
    scope = models.TextField(_("what it covers"), blank=True)

    class Meta:
        verbose_name = _("budget")
        verbose_name_plural = _("budgets")
        ordering = ["-start_year"]
        constraints = [
            models.UniqueConstraint(
                fields=["start_year", "end_year"], name="one_budget_per_period"
            ),
            models.CheckConstraint(
                condition=models.Q(end_year__gte=models.F("start_year")),
                name="budget_period_in_order",
            ),
        ]

    def __str__(self):
        return f"{self.start_year}–{self.end_year}"

    @property
    def years(self) -> list[int]:
        return list(range(self.start_year, self.end_year + 1))


class Project(models.Model):
    """One of the Centre's projects (a practical guide, an advisory service, ...)."""

    affects_public_pages = True

    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_active = models.BooleanField(_("current"), default=True)

    class Meta:
        verbose_name = _("project")
        verbose_name_plural = _("projects")
        ordering = ["order", "title"]

    def __str__(self):
        return self.title


class Partner(models.Model):
    """A parliament or an organisation that partners with the Centre."""

    affects_public_pages = True

    class Kind(models.TextChoices):
        PARLIAMENT = "parliament", _("Parliament")
        ORGANISATION = "organisation", _("Organisation")

    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    parliament = models.OneToOneField(
        MemberParliament,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="partner",
        verbose_name=_("parliament"),
    )
    name = models.CharField(
        _("name"), max_length=200, blank=True, help_text=_("For organisations.")
    )
    website = models.URLField(_("website"), blank=True)

    class Meta:
        verbose_name = _("partner")
        verbose_name_plural = _("partners")
        ordering = ["name", "parliament__name"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(kind="parliament", parliament__isnull=False)
                    | (models.Q(kind="organisation", parliament__isnull=True) & ~models.Q(name=""))
                ),
                name="partner_is_a_parliament_or_a_named_organisation",
            )
        ]

    def __str__(self):
        return self.display_name

    @property
    def display_name(self) -> str:
        if self.parliament_id:
            return self.parliament.name
        return self.name


class Partnership(models.Model):
    """A partner's financial, support or project partnership over a period. Core partnership
    is never typed: it follows from hosting a hub or giving core funding."""

    affects_public_pages = True

    partner = models.ForeignKey(
        Partner, on_delete=models.CASCADE, related_name="partnerships", verbose_name=_("partner")
    )
    tier = models.CharField(_("tier"), max_length=10, choices=PartnershipTier.Code.choices)
    project = models.ForeignKey(
        Project,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="partnerships",
        verbose_name=_("project"),
        help_text=_("For project partners."),
    )
    start_year = models.PositiveSmallIntegerField(_("first year"))
    end_year = models.PositiveSmallIntegerField(_("last year"))
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("partnership")
        verbose_name_plural = _("partnerships")
        ordering = ["tier", "start_year"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(tier="core"), name="core_partnership_is_derived"
            ),
            models.CheckConstraint(
                condition=models.Q(tier="project", project__isnull=False)
                | (~models.Q(tier="project") & models.Q(project__isnull=True)),
                name="project_partnership_names_its_project",
            ),
            models.CheckConstraint(
                condition=models.Q(end_year__gte=models.F("start_year")),
                name="partnership_period_in_order",
            ),
        ]

    def __str__(self):
        return f"{self.partner} – {self.get_tier_display()} ({self.start_year}–{self.end_year})"


class Contribution(models.Model):
    """Money a partner pledged for one year and how much of it arrived, in CHF. A multi-year
    pledge is one row per year; a contribution in another currency keeps its original amount
    beside the CHF value."""

    affects_public_pages = True

    partner = models.ForeignKey(
        Partner, on_delete=models.PROTECT, related_name="contributions", verbose_name=_("partner")
    )
    year = models.PositiveSmallIntegerField(_("year"), db_index=True)
    is_core_funding = models.BooleanField(
        _("core funding"),
        default=False,
        help_text=_("Core funding makes the partner a core partner (Steering Committee)."),
    )
    pledged_chf = models.DecimalField(_("pledged (CHF)"), max_digits=12, decimal_places=2)
    received_chf = models.DecimalField(
        _("received (CHF)"), max_digits=12, decimal_places=2, default=0
    )
    currency = models.CharField(
        _("currency"), max_length=3, default="CHF", help_text=_("ISO 4217 code, e.g. EUR.")
    )
    pledged_in_currency = models.DecimalField(
        _("pledged (in its currency)"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    pledge_reference = models.CharField(
        _("pledge reference"),
        max_length=100,
        blank=True,
        help_text=_("The same reference on each year of a multi-year pledge."),
    )
    pledged_on = models.DateField(_("pledged on"), null=True, blank=True)
    received_on = models.DateField(_("last received on"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("contribution")
        verbose_name_plural = _("contributions")
        ordering = ["year", "partner"]
        constraints = [
            models.UniqueConstraint(
                fields=["partner", "year", "is_core_funding", "pledge_reference"],
                name="one_contribution_per_partner_year_and_pledge",
            ),
            models.CheckConstraint(
                condition=models.Q(pledged_chf__gte=0) & models.Q(received_chf__gte=0),
                name="contribution_amounts_not_negative",
            ),
            models.CheckConstraint(
                condition=models.Q(currency="CHF") | models.Q(pledged_in_currency__isnull=False),
                name="foreign_contribution_keeps_its_amount",
            ),
        ]

    def __str__(self):
        return f"{self.partner} – {self.year}"

    @property
    def outstanding_chf(self):
        return max(self.pledged_chf - self.received_chf, 0)


class InKindContribution(models.Model):
    """Support in kind, e.g. a staff member seconded for a number of days, with its value."""

    affects_public_pages = True

    partner = models.ForeignKey(
        Partner,
        on_delete=models.PROTECT,
        related_name="in_kind_contributions",
        verbose_name=_("partner"),
    )
    year = models.PositiveSmallIntegerField(_("year"), db_index=True)
    description = models.CharField(_("what"), max_length=300)
    person = models.CharField(_("who"), max_length=200, blank=True)
    days = models.PositiveIntegerField(_("days"), null=True, blank=True)
    value_chf = models.DecimalField(
        _("value (CHF)"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    project = models.ForeignKey(
        Project,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="in_kind_contributions",
        verbose_name=_("project"),
    )

    class Meta:
        verbose_name = _("in-kind contribution")
        verbose_name_plural = _("in-kind contributions")
        ordering = ["year", "partner"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(value_chf__isnull=True) | models.Q(value_chf__gte=0),
                name="in_kind_value_not_negative",
            )
        ]

    def __str__(self):
        return f"{self.partner} – {self.description}"


class NetworkNomination(ParticipationRequest):
    """A parliament nominates staff to the Centre's communication network."""

    class Meta(ParticipationRequest.Meta):
        verbose_name = _("nomination to the network")
        verbose_name_plural = _("nominations to the network")

    def __str__(self):
        return f"{self.parliament} – {self.created_at:%Y-%m-%d}"

    def get_absolute_url(self):
        return reverse("partners:take_part")


class Nominee(models.Model):
    """One staff member nominated to the network; they confirm, and so consent, by e-mail."""

    nomination = models.ForeignKey(
        NetworkNomination,
        on_delete=models.CASCADE,
        related_name="nominees",
        verbose_name=_("nomination"),
    )
    full_name = models.CharField(_("name"), max_length=200)
    title = models.CharField(_("title or function"), max_length=200)
    email = models.EmailField(_("e-mail address"))
    consented_at = models.DateTimeField(
        _("consent given at"),
        null=True,
        blank=True,
        help_text=_("When the nominee confirmed by e-mail that they agree to join."),
    )

    class Meta:
        verbose_name = _("nominee")
        verbose_name_plural = _("nominees")
        ordering = ["nomination", "full_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["nomination", "email"], name="one_nominee_per_nomination_and_email"
            )
        ]

    def __str__(self):
        return f"{self.full_name} <{self.email}>"


class StaffTimeOffer(ParticipationRequest):
    """A parliament offers staff time to the Centre's projects (a support partnership)."""

    project = models.ForeignKey(
        Project,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="staff_offers",
        verbose_name=_("project"),
    )
    staff_description = models.TextField(_("who, and what they could do"))
    days = models.PositiveIntegerField(_("days offered"))
    period = models.CharField(_("when"), max_length=200, blank=True)

    class Meta(ParticipationRequest.Meta):
        verbose_name = _("offer of staff time")
        verbose_name_plural = _("offers of staff time")
        constraints = [
            models.CheckConstraint(condition=models.Q(days__gt=0), name="staff_offer_has_days")
        ]

    def __str__(self):
        return f"{self.parliament} – {self.days}"
