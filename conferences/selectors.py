from collections import OrderedDict

from django.db.models import Case, F, Prefetch, Q, QuerySet, Value, When
from django.utils import timezone

from centre.models import MemberParliament, ParliamentRole, User
from conferences.models import Delegation, Event, Registration, Session

# What a card of an event shows (its title, kind, dates, format and city); the rest of its ~60
# columns stay in the database.
CARD_FIELDS = ["slug", "kind", "title", "start_date", "end_date", "format", "city"]


def event_list() -> QuerySet[Event]:
    return Event.objects.only(*CARD_FIELDS).order_by("-start_date")


def featured_event() -> Event | None:
    """The next World e-Parliament Conference, or the latest one when none is announced."""
    upcoming = Q(end_date__gte=timezone.localdate())
    return (
        Event.objects.filter(kind=Event.Kind.CONFERENCE)
        .only(*CARD_FIELDS)
        .order_by(
            Case(When(upcoming, then=Value(0)), default=Value(1)),
            Case(When(upcoming, then=F("start_date"))).asc(),
            "-start_date",
        )
        .first()
    )


def event_detail_queryset() -> QuerySet[Event]:
    return Event.objects.select_related("hub", "hub__host_parliament").prefetch_related(
        "themes", "tracks"
    )


def programme_sessions(
    event: Event, *, theme: str = "", track: str = "", audience: str = ""
) -> list[Session]:
    sessions = (
        event.sessions.select_related("theme", "track")
        .prefetch_related("speakers__parliament")
        .order_by("starts_at", "pk")
    )
    if theme:
        sessions = sessions.filter(theme__code=theme)
    if track:
        sessions = sessions.filter(track__number=track)
    sessions = list(sessions)
    if audience:
        # The audience list is JSON; filtering in Python works the same on SQLite and PostgreSQL.
        sessions = [session for session in sessions if audience in session.audiences]
    return sessions


def conference_recordings(event: Event) -> QuerySet[Session]:
    """The conference's video library: its live-streamed plenaries, once recorded. The whole
    programme's, whatever filter the reader chose for the sessions."""
    return (
        event.sessions.filter(is_plenary=True)
        .exclude(recording_url="")
        .only("title", "recording_url", "starts_at", "event_id")
        .order_by("starts_at", "pk")
    )


def sessions_by_day(event: Event, sessions: list[Session]) -> "OrderedDict":
    days = OrderedDict()
    for session in sessions:
        day = timezone.localtime(session.starts_at, event.tz).date()
        days.setdefault(day, []).append(session)
    return days


def focal_point_parliaments(user: User) -> QuerySet[MemberParliament]:
    """The parliaments the user is a confirmed delegation focal point of."""
    if not user.is_authenticated:
        return MemberParliament.objects.none()
    return MemberParliament.objects.filter(
        user_roles__user=user,
        user_roles__role=ParliamentRole.Role.FOCAL_POINT,
        user_roles__confirmed_at__isnull=False,
        is_active=True,
    ).order_by("name")


def delegation_for(event: Event, parliament: MemberParliament) -> Delegation | None:
    return (
        Delegation.objects.filter(event=event, parliament=parliament)
        .prefetch_related(
            Prefetch(
                "registrations",
                queryset=Registration.objects.exclude(status=Registration.Status.CANCELLED)
                .prefetch_related("sessions_of_interest")
                .order_by("-is_head_of_delegation", "created_at"),
            )
        )
        .first()
    )


def registrations_of(user: User) -> QuerySet[Registration]:
    """The registrations carrying one of the user's verified e-mail addresses."""
    from allauth.account.models import EmailAddress

    emails = EmailAddress.objects.filter(user=user, verified=True).values_list("email", flat=True)
    # Whatever the case it was typed in, by the person, a focal point or the secretariat.
    mine = Q(pk__in=[])
    for email in emails:
        mine |= Q(email__iexact=email)
    return (
        Registration.objects.filter(mine, anonymised_at__isnull=True)
        .select_related("event", "delegation__parliament")
        .prefetch_related("sessions_of_interest")
        .order_by("-event__start_date")
    )
