from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from conferences.models import Event, Session


def event_list() -> QuerySet[Event]:
    return Event.objects.select_related("hub").order_by("-start_date")


def featured_event() -> Event | None:
    """The next World e-Parliament Conference, or the latest one when none is announced."""
    conferences = Event.objects.filter(kind=Event.Kind.CONFERENCE)
    upcoming = conferences.filter(end_date__gte=timezone.localdate()).order_by("start_date")
    return upcoming.first() or conferences.order_by("-start_date").first()


def event_detail_queryset() -> QuerySet[Event]:
    return Event.objects.select_related("hub", "hub__host_parliament").prefetch_related(
        "themes",
        "tracks",
        Prefetch("sessions", queryset=Session.objects.select_related("theme", "track")),
    )
