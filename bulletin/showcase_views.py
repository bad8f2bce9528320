from csp.decorators import csp_replace
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from django_ratelimit.decorators import ratelimit

from bulletin import selectors
from bulletin.embeds import EMBED_ORIGINS, embed_url
from bulletin.exceptions import BulletinError
from bulletin.forms import ShowcaseVideoForm
from bulletin.models.showcase import VIDEO_LANGUAGES
from bulletin.services import showcase
from centre.cache import public_page
from centre.models import MemberParliament

VIDEOS_PER_PAGE = 24
# The library's players are loaded only after a click, from these origins alone.
PLAYER_CSP = {"frame-src": EMBED_ORIGINS}


def _filters(request) -> dict:
    return {
        name: request.GET.get(name, "")[:80].strip()
        for name in ("event", "theme", "parliament", "language")
    }


@csp_replace(PLAYER_CSP)
@public_page
def library(request):
    from conferences.models import Event, Theme

    filters = _filters(request)
    videos = selectors.showcase_library(**filters)
    plenaries = (
        selectors.recorded_plenaries(
            event=filters["event"], theme=filters["theme"], language=filters["language"]
        )
        if not filters["parliament"]
        else []
    )
    page = Paginator(videos, VIDEOS_PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "bulletin/showcase/library.html",
        {
            "page": page,
            "videos": [
                (video, embed_url(video.url), video.file.url if video.file else "")
                for video in page.object_list
            ],
            "plenaries": [(session, embed_url(session.recording_url)) for session in plenaries],
            "filters": filters,
            "events": Event.objects.filter(kind=Event.Kind.CONFERENCE).order_by("-start_date"),
            "themes": Theme.objects.filter(event__slug=filters["event"]).order_by("code")
            if filters["event"]
            else [],
            "parliaments": MemberParliament.objects.filter(showcase_videos__status="accepted")
            .distinct()
            .order_by("name"),
            "video_languages": VIDEO_LANGUAGES,
            "query": query.urlencode(),
        },
    )


@csp_replace(PLAYER_CSP)
@public_page
def video_detail(request, pk):
    video = selectors.showcase_video(pk=pk)
    if video is None:
        raise Http404(_("No such video in the library."))
    return render(
        request,
        "bulletin/showcase/video_detail.html",
        {"video": video, "embed": embed_url(video.url)},
    )


@login_required
@ratelimit(key="user", rate="20/h", method="POST", block=False)
@require_http_methods(["GET", "POST"])
def propose(request):
    parliaments = showcase.showcase_parliaments_of(request.user)
    template = "bulletin/showcase/propose.html"
    if not parliaments.exists():
        return render(request, template, {"not_allowed": True}, status=403)
    if request.method == "POST":
        form = ShowcaseVideoForm(request.POST, request.FILES, parliaments=parliaments)
        if getattr(request, "limited", False):
            return render(request, template, {"form": form, "rate_limited": True}, status=429)
        if form.is_valid():
            data = dict(form.cleaned_data)
            parliament = data.pop("parliament")
            try:
                showcase.video_propose(user=request.user, parliament=parliament, **data)
            except BulletinError as error:
                form.add_error(None, error.message)
            else:
                messages.success(
                    request,
                    _("Thank you: the secretariat will review your video before it is published."),
                )
                return redirect("showcase:library")
    else:
        form = ShowcaseVideoForm(parliaments=parliaments)
    return render(request, template, {"form": form})
