"""Read-side queries of the shared core, each carrying what its page needs in a fixed number
of queries."""

from itertools import groupby

from django.conf import settings
from django.db.models import Prefetch, QuerySet

from centre.models import Chamber, GeopoliticalGroup, MemberParliament

LIST_FIELDS = [
    "code",
    "membership",
    "region",
    *(f"name_{code}" for code, _name in settings.LANGUAGES),
]


def parliament_list() -> QuerySet[MemberParliament]:
    # A list shows names and links only: loading every column of ~190 rows costs a third of
    # the page.
    return (
        MemberParliament.objects.filter(is_active=True)
        .only(*LIST_FIELDS)
        .order_by("region", "name")
    )


def parliaments_by_region() -> list[tuple[str, str, list[MemberParliament]]]:
    """Active parliaments grouped by IPU geopolitical group: (code, label, parliaments)."""
    labels = dict(GeopoliticalGroup.choices)
    order = {code: index for index, code in enumerate(GeopoliticalGroup.values)}
    parliaments = sorted(parliament_list(), key=lambda p: (order[p.region], p.name.casefold()))
    return [
        (region, labels[region], list(members))
        for region, members in groupby(parliaments, key=lambda p: p.region)
    ]


def parliament_detail_queryset() -> QuerySet[MemberParliament]:
    return MemberParliament.objects.prefetch_related(
        Prefetch("chambers", queryset=Chamber.objects.order_by("kind")),
        "hosted_hubs",
    )
