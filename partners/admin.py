from django.contrib import admin, messages
from django.db.models import F, Q, Sum
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin, TranslationTabularInline

from hubs.admin import REQUEST_FIELDS, ParticipationRequestAdmin, csv_export_action
from partners.forms import MultiYearPledgeForm
from partners.models import (
    Budget,
    Contribution,
    InKindContribution,
    NetworkNomination,
    Nominee,
    Partner,
    Partnership,
    PartnershipTier,
    Project,
    StaffTimeOffer,
)
from partners.selectors import current_budget
from partners.services import contribution_pledge


def _years() -> list[int]:
    """The budget's years and every other year a partnership or a contribution covers."""
    budget = current_budget()
    years = set(budget.years if budget else [])
    years.update(Contribution.objects.values_list("year", flat=True).distinct())
    for start, end in Partnership.objects.values_list("start_year", "end_year").distinct():
        years.update(range(start, end + 1))
    return sorted(years)


def core_partner_q(prefix: str = "") -> Q:
    """Core partners, derived: they host an active hub or gave core funding."""
    return Q(**{f"{prefix}parliament__hosted_hubs__is_active": True}) | Q(
        **{f"{prefix}contributions__is_core_funding": True}
    )


class TierFilter(admin.SimpleListFilter):
    title = _("tier")
    parameter_name = "tier"

    def lookups(self, request, model_admin):
        return PartnershipTier.Code.choices

    def queryset(self, request, queryset):
        if self.value() == PartnershipTier.Code.CORE:
            return queryset.filter(core_partner_q()).distinct()
        if self.value() in PartnershipTier.Code.values:
            return queryset.filter(partnerships__tier=self.value()).distinct()
        return queryset


class PartnerYearFilter(admin.SimpleListFilter):
    title = _("year")
    parameter_name = "year"

    def lookups(self, request, model_admin):
        return [(str(year), str(year)) for year in _years()]

    def queryset(self, request, queryset):
        if not (self.value() or "").isdigit():
            return queryset
        year = int(self.value())
        return queryset.filter(
            Q(partnerships__start_year__lte=year, partnerships__end_year__gte=year)
            | Q(contributions__year=year)
            | Q(in_kind_contributions__year=year)
        ).distinct()


class OutstandingFilter(admin.SimpleListFilter):
    title = _("received")
    parameter_name = "outstanding"

    def lookups(self, request, model_admin):
        return [("yes", _("Pledged but not (fully) received")), ("no", _("Fully received"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(received_chf__lt=F("pledged_chf"))
        if self.value() == "no":
            return queryset.filter(received_chf__gte=F("pledged_chf"))
        return queryset


class WithTotals:
    """Shows the totals of the filtered rows under the change list."""

    change_list_template = "partners/admin/change_list_with_totals.html"
    total_fields: list[tuple[str, str]] = []

    def changelist_view(self, request, extra_context=None):
        response = super().changelist_view(request, extra_context)
        changelist = getattr(response, "context_data", {}).get("cl")
        if changelist is not None:
            sums = changelist.queryset.aggregate(
                **{name: Sum(name) for name, _label in self.total_fields}
            )
            response.context_data["totals"] = [
                (label, sums[name] or 0) for name, label in self.total_fields
            ]
        return response


@admin.register(PartnershipTier)
class PartnershipTierAdmin(TabbedTranslationAdmin):
    list_display = ["name", "code", "requested_annual_contribution_chf", "order"]


@admin.register(Budget)
class BudgetAdmin(TabbedTranslationAdmin):
    list_display = ["__str__", "amount_chf"]


class PartnershipInline(admin.TabularInline):
    model = Partnership
    extra = 0


class ContributionInline(admin.TabularInline):
    model = Contribution
    extra = 0


class InKindInline(TranslationTabularInline):
    model = InKindContribution
    extra = 0


@admin.register(Partner)
class PartnerAdmin(admin.ModelAdmin):
    list_display = ["__str__", "kind", "is_core", "tiers", "requested_vs_pledged"]
    list_filter = ["kind", TierFilter, PartnerYearFilter, "parliament__region"]
    search_fields = ["name", "parliament__name", "parliament__code"]
    list_select_related = ["parliament"]
    autocomplete_fields = ["parliament"]
    inlines = [PartnershipInline, ContributionInline, InKindInline]
    actions = [
        csv_export_action(
            ["kind", "display_name", "parliament__code", "parliament__region", "website"],
            "partners",
        )
    ]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .prefetch_related("partnerships", "contributions", "parliament__hosted_hubs")
        )

    @admin.display(description=_("core partner"), boolean=True)
    def is_core(self, partner):
        hosts = partner.parliament_id and any(
            hub.is_active for hub in partner.parliament.hosted_hubs.all()
        )
        return bool(hosts or any(c.is_core_funding for c in partner.contributions.all()))

    @admin.display(description=_("tiers"))
    def tiers(self, partner):
        return ", ".join(sorted({p.get_tier_display() for p in partner.partnerships.all()}))

    @admin.display(description=_("pledged a year / requested (CHF)"))
    def requested_vs_pledged(self, partner):
        if not any(p.tier == PartnershipTier.Code.FINANCIAL for p in partner.partnerships.all()):
            return "–"
        requested = (
            PartnershipTier.objects.filter(code=PartnershipTier.Code.FINANCIAL)
            .values_list("requested_annual_contribution_chf", flat=True)
            .first()
        )
        by_year: dict[int, int] = {}
        for contribution in partner.contributions.all():
            if not contribution.is_core_funding:
                by_year[contribution.year] = by_year.get(contribution.year, 0) + int(
                    contribution.pledged_chf
                )
        pledged = " · ".join(f"{year}: {amount:,}" for year, amount in sorted(by_year.items()))
        return f"{pledged or 0} / {int(requested or 0):,}"


@admin.register(Partnership)
class PartnershipAdmin(admin.ModelAdmin):
    list_display = ["partner", "tier", "project", "start_year", "end_year"]
    list_filter = ["tier", "start_year", "project", "partner__parliament__region"]
    search_fields = ["partner__name", "partner__parliament__name"]
    list_select_related = ["partner__parliament", "project"]
    autocomplete_fields = ["partner"]
    actions = [
        csv_export_action(
            ["partner__display_name", "tier_display", "project", "start_year", "end_year"],
            "partnerships",
        )
    ]


@admin.register(Contribution)
class ContributionAdmin(WithTotals, admin.ModelAdmin):
    list_display = [
        "partner",
        "year",
        "is_core_funding",
        "pledged_chf",
        "received_chf",
        "outstanding_chf",
        "currency",
        "pledged_in_currency",
        "pledge_reference",
    ]
    list_filter = [
        OutstandingFilter,
        "year",
        "is_core_funding",
        "currency",
        "partner__parliament__region",
    ]
    search_fields = ["partner__name", "partner__parliament__name", "pledge_reference"]
    list_select_related = ["partner__parliament"]
    autocomplete_fields = ["partner"]
    total_fields = [("pledged_chf", _("pledged (CHF)")), ("received_chf", _("received (CHF)"))]
    actions = [
        csv_export_action(
            [
                "year",
                "partner__display_name",
                "is_core_funding",
                "pledged_chf",
                "received_chf",
                "outstanding_chf",
                "currency",
                "pledged_in_currency",
                "pledge_reference",
                "pledged_on",
                "received_on",
            ],
            "contributions",
        )
    ]

    @admin.display(description=_("outstanding (CHF)"))
    def outstanding_chf(self, contribution):
        return contribution.outstanding_chf

    def get_urls(self):
        return [
            path(
                "pledge/",
                self.admin_site.admin_view(self.multi_year_pledge),
                name="partners_contribution_pledge",
            ),
            *super().get_urls(),
        ]

    def multi_year_pledge(self, request):
        """Records a multi-year pledge as one contribution a year (see contribution_pledge)."""
        if not self.has_add_permission(request):
            return redirect("admin:partners_contribution_changelist")
        form = MultiYearPledgeForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            rows = contribution_pledge(**form.cleaned_data)
            self.message_user(
                request,
                _("The pledge has been recorded for %(count)d years.") % {"count": len(rows)},
                messages.SUCCESS,
            )
            return redirect("admin:partners_contribution_changelist")
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "form": form,
            "title": _("Record a multi-year pledge"),
        }
        return TemplateResponse(request, "partners/admin/pledge_form.html", context)


@admin.register(InKindContribution)
class InKindContributionAdmin(WithTotals, TabbedTranslationAdmin):
    list_display = ["partner", "year", "description", "person", "days", "value_chf", "project"]
    list_filter = ["year", "project", "partner__parliament__region"]
    search_fields = ["description", "person", "partner__name", "partner__parliament__name"]
    list_select_related = ["partner__parliament", "project"]
    autocomplete_fields = ["partner"]
    total_fields = [("days", _("days")), ("value_chf", _("value (CHF)"))]
    actions = [
        csv_export_action(
            ["year", "partner__display_name", "description", "person", "days", "value_chf"],
            "in-kind-contributions",
        )
    ]


@admin.register(Project)
class ProjectAdmin(TabbedTranslationAdmin):
    list_display = ["title", "is_active", "order"]
    list_filter = ["is_active"]
    search_fields = ["title"]
    prepopulated_fields = {"slug": ["title_en"]}


class NomineeInline(admin.TabularInline):
    model = Nominee
    extra = 0
    readonly_fields = ["consented_at"]


@admin.register(NetworkNomination)
class NetworkNominationAdmin(ParticipationRequestAdmin):
    list_display = ["parliament", "contact_name", "nominee_count", "status", "created_at"]
    inlines = [NomineeInline]
    search_fields = [
        *ParticipationRequestAdmin.search_fields,
        "nominees__full_name",
        "nominees__email",
    ]
    actions = ["accept", "decline", csv_export_action(REQUEST_FIELDS, "network-nominations")]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("nominees")

    @admin.display(description=_("nominees"))
    def nominee_count(self, nomination):
        nominees = nomination.nominees.all()
        return f"{sum(1 for n in nominees if n.consented_at)} / {len(nominees)}"


@admin.register(Nominee)
class NomineeAdmin(admin.ModelAdmin):
    list_display = ["full_name", "title", "email", "nomination", "consented_at"]
    list_filter = ["consented_at", "nomination__parliament__region"]
    search_fields = ["full_name", "email", "nomination__parliament__name"]
    list_select_related = ["nomination__parliament"]
    readonly_fields = ["consented_at"]
    actions = [
        csv_export_action(
            ["full_name", "title", "email", "nomination__parliament__name", "consented_at"],
            "network-nominees",
        )
    ]


@admin.register(StaffTimeOffer)
class StaffTimeOfferAdmin(ParticipationRequestAdmin):
    list_display = ["parliament", "project", "days", "period", "status", "created_at"]
    list_filter = [*ParticipationRequestAdmin.list_filter, "project"]
    list_select_related = ["parliament", "project"]
    actions = [
        "accept",
        "decline",
        csv_export_action(
            [*REQUEST_FIELDS, "project", "staff_description", "days", "period"], "staff-time-offers"
        ),
    ]
