from django.db import models
from django.utils.translation import gettext_lazy as _


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
