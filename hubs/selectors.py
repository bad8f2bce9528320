from django.db.models import QuerySet

from hubs.models import Hub


def hub_list(*, kind: str | None = None) -> QuerySet[Hub]:
    hubs = Hub.objects.filter(is_active=True).select_related("host_parliament")
    if kind:
        hubs = hubs.filter(kind=kind)
    return hubs


def hub_detail_queryset() -> QuerySet[Hub]:
    return (
        Hub.objects.filter(is_active=True)
        .select_related("host_parliament")
        .prefetch_related("events")
    )
