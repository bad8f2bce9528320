"""Read-side queries of the hubs: each returns what its page needs in a fixed number of
queries, whatever the number of hubs, resources, updates or participants."""

from itertools import groupby

from django.conf import settings
from django.db.models import Exists, OuterRef, Prefetch, QuerySet

from centre.models import GeopoliticalGroup, MemberParliament, ParliamentRole
from hubs.models import Hub, HubChange, HubJoinRequest, HubMembership, HubResource, HubUpdate

# What a card of a hub shows; a hub's description and rules are for its own page.
CARD_FIELDS = [
    "slug",
    "kind",
    "name",  # modeltranslation reads every language's column of a translated field
    "region",
    "summary",
    "host_parliament__code",
    "host_parliament__name",
]


def hub_list(*, kind: str | None = None, region: str | None = None) -> QuerySet[Hub]:
    """Active hubs with their host parliament; `region` is the English name of the region,
    the stable key the filter links carry in every language."""
    hubs = Hub.objects.filter(is_active=True).select_related("host_parliament").only(*CARD_FIELDS)
    if kind:
        hubs = hubs.filter(kind=kind)
    if region:
        hubs = hubs.filter(region_en=region)
    return hubs


def hub_regions() -> list[tuple[str, str]]:
    """The regions of the active hubs as (key, label in the reader's language)."""
    regions: dict[str, str] = {}
    for hub in (
        Hub.objects.filter(is_active=True)
        .exclude(region_en="")
        .only("region_en", *[f"region_{code}" for code in ("fr", "es", "ar")])
    ):
        regions.setdefault(hub.region_en, hub.region)
    return sorted(regions.items(), key=lambda item: item[1].casefold())


def hub_detail_queryset() -> QuerySet[Hub]:
    from conferences.models import Event
    from conferences.selectors import CARD_FIELDS as EVENT_CARD_FIELDS

    return (
        Hub.objects.filter(is_active=True)
        .select_related("host_parliament")
        .prefetch_related(
            Prefetch(
                "events",
                queryset=Event.objects.only("hub", *EVENT_CARD_FIELDS).order_by("-start_date"),
            ),
            Prefetch("resources", queryset=HubResource.objects.order_by("order", "-created_at")),
            Prefetch("updates", queryset=HubUpdate.objects.order_by("-published_at", "-pk")),
            Prefetch(
                "memberships",
                queryset=HubMembership.objects.select_related("parliament")
                .filter(parliament__is_active=True)
                # A membership is not translated itself, so its queries name each language's
                # column of the parliament's name: modeltranslation would not expand them.
                .only(
                    "hub",
                    "parliament__code",
                    "parliament__region",
                    *(f"parliament__name_{code}" for code, _name in settings.LANGUAGES),
                ),
            ),
        )
    )


def participants_by_region(hub: Hub) -> list[tuple[str, list[MemberParliament]]]:
    """The hub's participating parliaments (prefetched) by IPU geopolitical group:
    (group label, parliaments)."""
    labels = dict(GeopoliticalGroup.choices)
    order = {code: index for index, code in enumerate(GeopoliticalGroup.values)}
    parliaments = sorted(
        (membership.parliament for membership in hub.memberships.all()),
        key=lambda p: (order.get(p.region, 99), p.name.casefold()),
    )
    return [
        (labels.get(region, region), list(members))
        for region, members in groupby(parliaments, key=lambda p: p.region)
    ]


def hubs_editable_by(user) -> QuerySet[Hub]:
    """The hubs whose workspace `user` may open: those hosted by a parliament for which the
    user holds a confirmed hub-editor role. Every workspace view looks hubs up here only."""
    if not user.is_authenticated:
        return Hub.objects.none()
    parliaments = ParliamentRole.objects.filter(
        user=user, role=ParliamentRole.Role.HUB_EDITOR, confirmed_at__isnull=False
    ).values("parliament")
    return Hub.objects.filter(host_parliament__in=parliaments).select_related("host_parliament")


def hub_workspace_overview(hub: Hub) -> dict:
    """What the workspace's front page lists, each in one query."""
    return {
        "resources": list(hub.resources.order_by("order", "-created_at")),
        "updates": list(hub.updates.select_related("author").order_by("-published_at")),
        "join_requests": list(
            hub.join_requests.filter(status=HubJoinRequest.Status.PENDING).select_related(
                "parliament"
            )
        ),
        "changes": list(hub.changes.select_related("by")[:10]),
    }


def hub_change_list(hub: Hub) -> QuerySet[HubChange]:
    return hub.changes.select_related("by")


def join_requests_of(user) -> QuerySet[HubJoinRequest]:
    return HubJoinRequest.objects.filter(requester=user).select_related("hub", "parliament")


def with_hub_participation(parliaments: QuerySet) -> QuerySet:
    """Flags each parliament that takes part in a hub, so that a parliament page asks for the
    hubs only when there are some."""
    return parliaments.annotate(
        takes_part_in_hubs=Exists(HubMembership.objects.filter(parliament=OuterRef("pk")))
    )
