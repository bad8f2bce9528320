"""Read-side queries of the bulletin, each carrying what its page needs so that a page's query
count does not grow with its rows."""

from functools import lru_cache

from django.conf import settings
from django.db import connection
from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone, translation

from bulletin.models import (
    Bulletin,
    HubUpdate,
    Issue,
    IssueDispatch,
    ShowcaseVideo,
    Story,
    StoryImage,
    StoryLink,
    Subscriber,
)
from centre.models import MemberParliament

# PostgreSQL's text-search configuration for each portal language; Arabic falls back to
# 'simple' where the server has no Arabic stemmer.
SEARCH_CONFIGS = {"en": "english", "fr": "french", "es": "spanish", "ar": "arabic"}
TRANSLATED_STORY_FIELDS = ("title", "summary", "body")
TRANSLATED_ISSUE_FIELDS = ("title", "introduction")


def bulletin() -> Bulletin | None:
    return Bulletin.objects.first()


def published_issues() -> QuerySet[Issue]:
    return Issue.objects.filter(
        status=Issue.Status.PUBLISHED, publication_date__lte=timezone.localdate()
    )


def latest_published_issue() -> Issue | None:
    return published_issues().first()


def _story_list_prefetch() -> list:
    # Stories name their parliaments and link to them: nothing else of a parliament is read.
    return [
        Prefetch(
            "parliaments", queryset=MemberParliament.objects.only("code", "name").order_by("name")
        )
    ]


def archive_issues() -> QuerySet[Issue]:
    """Published issues, newest first, each with its stories and their parliaments."""
    stories = (
        Story.objects.select_related("hub")
        .prefetch_related(*_story_list_prefetch())
        .order_by("position", "pk")
    )
    return published_issues().prefetch_related(Prefetch("stories", queryset=stories))


def issue_detail(*, number: int) -> Issue | None:
    """A published issue with its stories (hub, parliaments, first image) and hub updates."""
    stories = (
        Story.objects.select_related("hub")
        .prefetch_related(
            *_story_list_prefetch(),
            Prefetch("images", queryset=StoryImage.objects.order_by("position", "pk")),
        )
        .order_by("position", "pk")
    )
    return (
        published_issues()
        .filter(number=number)
        .prefetch_related(
            Prefetch("stories", queryset=stories),
            Prefetch("hub_updates", queryset=HubUpdate.objects.select_related("hub")),
        )
        .first()
    )


def issue_for_edition(*, issue_id: int) -> Issue | None:
    """Any issue with everything its PDF edition prints (the editors may preview drafts)."""
    stories = (
        Story.objects.select_related("hub")
        .prefetch_related(
            *_story_list_prefetch(),
            Prefetch("links", queryset=StoryLink.objects.order_by("position", "pk")),
        )
        .order_by("position", "pk")
    )
    return (
        Issue.objects.filter(pk=issue_id)
        .prefetch_related(
            Prefetch("stories", queryset=stories),
            Prefetch("hub_updates", queryset=HubUpdate.objects.select_related("hub")),
        )
        .first()
    )


def public_stories() -> QuerySet[Story]:
    """Stories of published issues, newest issue first, ready to be listed: a list shows
    summaries, so the bodies (in every language) stay in the database."""
    return (
        Story.objects.filter(
            issue__status=Issue.Status.PUBLISHED,
            issue__publication_date__lte=timezone.localdate(),
        )
        .select_related("issue", "hub")
        .prefetch_related(*_story_list_prefetch())
        .defer("body")
        .order_by("-issue__publication_date", "-issue__number", "position", "pk")
    )


def story_detail(*, slug: str) -> Story | None:
    return (
        public_stories()
        .defer(None)
        .filter(slug=slug)
        .prefetch_related(
            Prefetch("images", queryset=StoryImage.objects.order_by("position", "pk")),
            Prefetch("links", queryset=StoryLink.objects.order_by("position", "pk")),
        )
        .first()
    )


@lru_cache(maxsize=8)
def _has_search_config(name: str) -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_ts_config WHERE cfgname = %s", [name])
        return cursor.fetchone() is not None


def search_config(language: str) -> str:
    config = SEARCH_CONFIGS.get(language, "simple")
    return config if _has_search_config(config) else "simple"


def stories_search(stories: QuerySet[Story], *, text: str, language: str) -> QuerySet[Story]:
    """Stories whose title, summary or body (in the reader's language or in English) match
    `text`: PostgreSQL full-text search with the language's configuration, ranked; a plain
    substring match elsewhere (SQLite)."""
    text = " ".join(text.split())[:200]
    if not text:
        return stories
    languages = [language] if language == "en" else [language, "en"]
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector

        vector = None
        query = None
        for code in languages:
            config = search_config(code)
            for field, weight in zip(TRANSLATED_STORY_FIELDS, "ABC", strict=True):
                part = SearchVector(f"{field}_{code}", weight=weight, config=config)
                vector = part if vector is None else vector + part
            part_query = SearchQuery(text, config=config, search_type="websearch")
            query = part_query if query is None else query | part_query
        return (
            stories.annotate(search_rank=SearchRank(vector, query))
            .filter(search_rank__gt=0)
            .order_by("-search_rank", *stories.query.order_by)
        )
    condition = Q()
    for code in languages:
        for field in TRANSLATED_STORY_FIELDS:
            condition |= Q(**{f"{field}_{code}__icontains": text})
    return stories.filter(condition)


def stories_filtered(
    *,
    parliament: str = "",
    region: str = "",
    area: str = "",
    hub: str = "",
    text: str = "",
    language: str | None = None,
) -> QuerySet[Story]:
    """Public stories narrowed by parliament code, IPU geopolitical group, area, hub slug and
    search text; an empty criterion does not narrow."""
    stories = public_stories()
    if parliament:
        stories = stories.filter(
            pk__in=Story.objects.filter(parliaments__code__iexact=parliament).values("pk")
        )
    if region:
        stories = stories.filter(
            pk__in=Story.objects.filter(parliaments__region=region).values("pk")
        )
    if area:
        stories = stories.filter(area=area)
    if hub:
        stories = stories.filter(hub__slug=hub)
    if text:
        stories = stories_search(
            stories, text=text, language=language or translation.get_language() or "en"
        )
    return stories


def parliament_stories(*, parliament: MemberParliament, limit: int = 20) -> list[Story]:
    """The parliament's latest stories, as its page links to them: title and issue number."""
    return list(
        public_stories()
        .filter(pk__in=Story.objects.filter(parliaments=parliament).values("pk"))
        .select_related(None)
        .select_related("issue")
        .prefetch_related(None)
        .only("slug", "title", "issue__number")[:limit]
    )


def parliaments_with_stories() -> QuerySet[MemberParliament]:
    return (
        MemberParliament.objects.filter(bulletin_stories__in=public_stories().values("pk"))
        .distinct()
        .order_by("name")
    )


def _filled(value) -> bool:
    return bool(value and str(value).strip())


def translation_completeness(issue: Issue) -> dict[str, int]:
    """For each portal language, the share (0-100) of the issue's texts written in it: its
    title and introduction, and each story's title, summary and body. Reads the issue's
    prefetched stories when there are any."""
    result = {}
    stories = list(issue.stories.all())
    for code, _name in settings.LANGUAGES:
        texts = [getattr(issue, f"{field}_{code}") for field in TRANSLATED_ISSUE_FIELDS]
        for story in stories:
            texts += [getattr(story, f"{field}_{code}") for field in TRANSLATED_STORY_FIELDS]
        result[code] = round(100 * sum(map(_filled, texts)) / len(texts)) if texts else 0
    return result


def dispatch_progress(*, issue: Issue) -> dict[str, int] | None:
    """Where the e-mail edition of an issue stands: total subscribers, sent, failed, queued."""
    from centre.models import OutgoingMail

    dispatch = IssueDispatch.objects.filter(issue=issue).first()
    if dispatch is None:
        return None
    counts = dict(
        OutgoingMail.objects.filter(kind=dispatch.mail_kind)
        .values_list("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )
    sent = counts.get(OutgoingMail.Status.SENT, 0)
    failed = counts.get(OutgoingMail.Status.FAILED, 0)
    return {
        "total": dispatch.total,
        "sent": sent,
        "failed": failed,
        "pending": max(dispatch.total - sent - failed, 0),
    }


def confirmed_subscribers() -> QuerySet[Subscriber]:
    return Subscriber.objects.filter(status=Subscriber.Status.CONFIRMED).order_by("pk")


def showcase_library(
    *, event: str = "", theme: str = "", parliament: str = "", language: str = ""
) -> QuerySet[ShowcaseVideo]:
    videos = ShowcaseVideo.objects.filter(status=ShowcaseVideo.Status.ACCEPTED).select_related(
        "parliament", "event", "theme"
    )
    if event:
        videos = videos.filter(event__slug=event)
    if theme:
        videos = videos.filter(theme__code=theme) if event else videos.filter(theme_id=-1)
    if parliament:
        videos = videos.filter(parliament__code__iexact=parliament)
    if language:
        videos = videos.filter(language=language)
    return videos.order_by("-shown_in_plenary", "-created_at", "-pk")


def recorded_plenaries(*, event: str = "", theme: str = "", language: str = ""):
    """Recorded plenary sessions of the conferences, for the video library."""
    from conferences.models import Session

    sessions = (
        Session.objects.filter(is_plenary=True)
        .exclude(recording_url="")
        .select_related("event", "theme")
    )
    if event:
        sessions = sessions.filter(event__slug=event)
    if theme:
        sessions = sessions.filter(theme__code=theme) if event else sessions.none()
    if language:
        # Plenaries are interpreted; a plenary is "in" every language it was interpreted into.
        sessions = sessions.filter(
            Q(interpretation_languages__contains=[language])
            if connection.vendor == "postgresql"
            else Q(interpretation_languages__icontains=f'"{language}"')
        )
    return sessions.order_by("-starts_at", "pk")


def showcase_video(*, pk: int) -> ShowcaseVideo | None:
    return (
        ShowcaseVideo.objects.filter(pk=pk, status=ShowcaseVideo.Status.ACCEPTED)
        .select_related("parliament", "event", "theme")
        .first()
    )
