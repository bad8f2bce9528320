"""Read-side queries of partners and funding. Core partnership is derived here, never stored:
a core partner hosts an active hub or gives core funding, and sits on the Steering Committee."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import DecimalField, Exists, F, OuterRef, Prefetch, QuerySet, Sum, Value
from django.db.models.functions import Coalesce

from centre.models import MemberParliament
from hubs.models import Hub, HubJoinRequest, HubProposal
from partners.models import (
    Budget,
    Contribution,
    InKindContribution,
    NetworkNomination,
    Partner,
    Partnership,
    PartnershipTier,
    Project,
    StaffTimeOffer,
)

ZERO = Decimal("0")


def tier_list() -> QuerySet[PartnershipTier]:
    return PartnershipTier.objects.all()


def current_budget() -> Budget | None:
    return Budget.objects.order_by("-start_year").first()


@dataclass
class SteeringMember:
    """A core partner: a host parliament (with the hubs it hosts) or a core funder."""

    name: str
    parliament: MemberParliament | None = None
    hubs: list[Hub] = field(default_factory=list)
    core_funding: bool = False


def steering_committee() -> list[SteeringMember]:
    """The core partners, derived from the data: the host parliaments of the active hubs and
    the partners who gave core funding. Two queries, whatever their number."""
    members: dict[str, SteeringMember] = {}
    for hub in Hub.objects.filter(is_active=True).select_related("host_parliament"):
        host = hub.host_parliament
        member = members.setdefault(f"p{host.pk}", SteeringMember(name=host.name, parliament=host))
        member.hubs.append(hub)
    funders = Partner.objects.filter(contributions__is_core_funding=True).select_related(
        "parliament"
    )
    for partner in funders.distinct():
        key = f"p{partner.parliament_id}" if partner.parliament_id else f"o{partner.pk}"
        member = members.setdefault(
            key, SteeringMember(name=partner.display_name, parliament=partner.parliament)
        )
        member.core_funding = True
    return sorted(members.values(), key=lambda m: m.name.casefold())


def partnerships_by_tier() -> dict[str, list[Partnership]]:
    """Current and past financial, support and project partnerships, by tier code."""
    grouped: dict[str, list[Partnership]] = {code: [] for code in PartnershipTier.Code.values}
    partnerships = Partnership.objects.select_related("partner__parliament", "project").order_by(
        "tier", "-start_year", "partner__name"
    )
    for partnership in partnerships:
        grouped[partnership.tier].append(partnership)
    return grouped


def project_list() -> QuerySet[Project]:
    """Active projects with their project partners."""
    return Project.objects.filter(is_active=True).prefetch_related(
        Prefetch(
            "partnerships",
            queryset=Partnership.objects.filter(tier=PartnershipTier.Code.PROJECT).select_related(
                "partner__parliament"
            ),
        )
    )


def _money(expression):
    return Coalesce(Sum(expression), Value(ZERO), output_field=DecimalField(max_digits=14))


@dataclass
class FundingRow:
    label: str
    pledged: Decimal
    received: Decimal

    @property
    def outstanding(self) -> Decimal:
        return max(self.pledged - self.received, ZERO)


@dataclass
class Funding:
    budget: Budget
    by_year: list[FundingRow]
    by_tier: list[FundingRow]
    total: FundingRow
    in_kind: list[InKindContribution]
    in_kind_total: Decimal
    requested_per_year: Decimal | None
    financial_partners: list[dict]


def funding_summary(budget: Budget) -> Funding:
    """Pledged and received contributions over the budget's years, by year and by tier (core
    funding or financial), the in-kind contributions, and each financial partner's yearly
    pledge beside the requested contribution. A fixed number of queries."""
    years = budget.years
    # One aggregate per partner, year and kind of funding gives every total of the page.
    sums = list(
        Contribution.objects.filter(year__in=years)
        .values("partner", "year", "is_core_funding")
        .annotate(pledged=_money("pledged_chf"), received=_money("received_chf"))
        .order_by()
    )

    def row(label: str, rows: list[dict]) -> FundingRow:
        return FundingRow(
            label,
            sum((r["pledged"] for r in rows), ZERO),
            sum((r["received"] for r in rows), ZERO),
        )

    by_year = [row(str(year), [r for r in sums if r["year"] == year]) for year in years]
    tiers = {tier.code: tier for tier in tier_list()}
    by_tier = [
        row(
            tiers[code].name if code in tiers else code,
            [r for r in sums if r["is_core_funding"] == core],
        )
        for code, core in (
            (PartnershipTier.Code.CORE, True),
            (PartnershipTier.Code.FINANCIAL, False),
        )
    ]
    total = row("total", sums)
    in_kind = list(
        InKindContribution.objects.filter(year__in=years)
        .select_related("partner__parliament", "project")
        .order_by("year", "partner__name")
    )
    financial = tiers.get(PartnershipTier.Code.FINANCIAL)
    requested = financial.requested_annual_contribution_chf if financial else None
    pledges: dict[int, dict[int, Decimal]] = {}
    for r in sums:
        if not r["is_core_funding"]:
            partner_years = pledges.setdefault(r["partner"], {})
            partner_years[r["year"]] = partner_years.get(r["year"], ZERO) + r["pledged"]
    partners = Partner.objects.filter(pk__in=pledges).select_related("parliament")
    financial_partners = sorted(
        (
            {
                "partner": partner,
                "years": [(year, pledges[partner.pk].get(year, ZERO)) for year in years],
            }
            for partner in partners
        ),
        key=lambda row: row["partner"].display_name.casefold(),
    )
    return Funding(
        budget=budget,
        by_year=by_year,
        by_tier=by_tier,
        total=total,
        in_kind=in_kind,
        in_kind_total=sum((item.value_chf or ZERO for item in in_kind), ZERO),
        requested_per_year=requested,
        financial_partners=financial_partners,
    )


def pledged_not_received() -> QuerySet[Contribution]:
    """Contributions of which part of the pledge has not arrived, oldest year first."""
    return (
        Contribution.objects.filter(received_chf__lt=F("pledged_chf"))
        .select_related("partner__parliament")
        .annotate(outstanding=F("pledged_chf") - F("received_chf"))
        .order_by("year", "partner__name")
    )


def parliament_partnerships(parliament: MemberParliament) -> dict:
    """The parliament's partnerships, and whether it is a core partner (it hosts an active
    hub, or gave core funding). Reads the flags and prefetches of
    `centre.selectors.parliament_detail_queryset` when present, so that a parliament with no
    partnership costs no query."""
    hosts = any(hub.is_active for hub in parliament.hosted_hubs.all())
    funds = getattr(parliament, "gives_core_funding", None)
    if funds is None:
        funds = Contribution.objects.filter(
            partner__parliament=parliament, is_core_funding=True
        ).exists()
    partnerships = []
    if getattr(parliament, "has_partnerships", True):
        partnerships = list(
            Partnership.objects.filter(partner__parliament=parliament)
            .select_related("project")
            .order_by("-start_year")
        )
    return {"core": hosts or funds, "partnerships": partnerships}


def requests_of(user) -> list:
    """Every request the user sent, of every kind, newest first."""
    if not user.is_authenticated:
        return []
    requests = [
        *HubJoinRequest.objects.filter(requester=user).select_related("hub", "parliament"),
        *HubProposal.objects.filter(requester=user).select_related("parliament"),
        *NetworkNomination.objects.filter(requester=user)
        .select_related("parliament")
        .prefetch_related("nominees"),
        *StaffTimeOffer.objects.filter(requester=user).select_related("parliament", "project"),
    ]
    return sorted(requests, key=lambda r: r.created_at, reverse=True)


def with_partnership_flags(parliaments: QuerySet) -> QuerySet:
    """Flags each parliament that is a partner or gives core funding, so that a parliament
    page asks for the partnerships only when there are some."""
    return parliaments.annotate(
        has_partnerships=Exists(Partnership.objects.filter(partner__parliament=OuterRef("pk"))),
        gives_core_funding=Exists(
            Contribution.objects.filter(partner__parliament=OuterRef("pk"), is_core_funding=True)
        ),
    )
