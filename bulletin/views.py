from django.contrib import messages
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods
from django_ratelimit.decorators import ratelimit

from bulletin import selectors
from bulletin.exceptions import BulletinError
from bulletin.forms import StoryFilterForm, StorySubmissionForm, SubscribeForm
from bulletin.models import Area
from bulletin.services import editions, intake, subscriptions
from centre.cache import public_page
from centre.models import GeopoliticalGroup, MemberParliament

ISSUES_PER_PAGE = 12
STORIES_PER_PAGE = 20
PUBLIC_FORM_RATE = "10/h"


def _too_many(request, template: str, context: dict):
    context["rate_limited"] = True
    return render(request, template, context, status=429)


@public_page
def issue_archive(request):
    page = Paginator(selectors.archive_issues(), ISSUES_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "bulletin/issue_archive.html",
        {
            "bulletin": selectors.bulletin(),
            "page": page,
            "issues": page.object_list,
            "areas": Area.choices,
            "filter_form": StoryFilterForm(),
        },
    )


@public_page
def issue_detail(request, number):
    issue = selectors.issue_detail(number=number)
    if issue is None:
        raise Http404(_("No published issue has this number."))
    return render(
        request,
        "bulletin/issue_detail.html",
        {
            "issue": issue,
            "stories": issue.stories.all(),
            "hub_updates": issue.hub_updates.all(),
        },
    )


def issue_pdf(request, number):
    """The PDF edition in the reader's language, printed again if the issue changed since."""
    issue = selectors.published_issues().filter(number=number).first()
    if issue is None:
        raise Http404(_("No published issue has this number."))
    language = translation.get_language()
    edition = editions.issue_edition_get(issue_id=issue.pk, language=language)
    if edition is None:
        raise Http404(_("This edition is not available."))
    response = FileResponse(
        edition.pdf.open("rb"),
        content_type="application/pdf",
        as_attachment=True,
        filename=f"innovation-bulletin-{issue.number}-{language}.pdf",
    )
    response["Cache-Control"] = "public, max-age=300"
    return response


def _story_list(request, *, preset: dict, heading: str = "", description: str = ""):
    form = StoryFilterForm(request.GET or None)
    criteria = {**(form.criteria() if form.is_bound else {}), **preset}
    stories = selectors.stories_filtered(
        parliament=criteria.get("parliament", ""),
        region=criteria.get("region", ""),
        area=criteria.get("area", ""),
        hub=criteria.get("hub", ""),
        text=criteria.get("q", ""),
        language=translation.get_language(),
    )
    page = Paginator(stories, STORIES_PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "bulletin/story_list.html",
        {
            "form": form if form.is_bound else StoryFilterForm(initial=preset),
            "page": page,
            "stories": page.object_list,
            "criteria": criteria,
            "heading": heading or _("Innovation stories"),
            "description": description,
            "query": query.urlencode(),
            "preset": preset,
        },
    )


@public_page
def story_list(request):
    return _story_list(request, preset={})


@public_page
def stories_by_area(request, area):
    labels = dict(Area.choices)
    if area not in labels:
        raise Http404(_("No such area of work."))
    return _story_list(
        request,
        preset={"area": area},
        heading=_("Stories on %(area)s") % {"area": labels[area]},
    )


@public_page
def stories_by_region(request, region):
    labels = dict(GeopoliticalGroup.choices)
    if region not in labels:
        raise Http404(_("No such region."))
    return _story_list(
        request,
        preset={"region": region},
        heading=_("Stories from the %(region)s") % {"region": labels[region]},
    )


@public_page
def stories_by_parliament(request, code):
    parliament = MemberParliament.objects.filter(code__iexact=code).first()
    if parliament is None:
        raise Http404(_("No such parliament."))
    return _story_list(
        request,
        preset={"parliament": parliament.code},
        heading=_("Stories from %(parliament)s") % {"parliament": parliament.name},
    )


@public_page
def stories_by_hub(request, slug):
    from hubs.models import Hub

    hub = Hub.objects.filter(slug=slug).first()
    if hub is None:
        raise Http404(_("No such hub."))
    return _story_list(
        request,
        preset={"hub": hub.slug},
        heading=_("Stories from the %(hub)s") % {"hub": hub.name},
    )


@public_page
def story_detail(request, slug):
    story = selectors.story_detail(slug=slug)
    if story is None:
        raise Http404(_("No published story has this address."))
    return render(
        request,
        "bulletin/story_detail.html",
        {
            "story": story,
            "images": story.images.all(),
            "links": story.links.all(),
            "parliaments": story.parliaments.all(),
        },
    )


@ratelimit(key="ip", rate=PUBLIC_FORM_RATE, method="POST", block=False)
@require_http_methods(["GET", "POST"])
def subscribe(request):
    template = "bulletin/subscribe.html"
    if request.method == "POST":
        form = SubscribeForm(request.POST)
        if getattr(request, "limited", False):
            return _too_many(request, template, {"form": form})
        if form.is_valid():
            subscriptions.subscription_request(
                email=form.cleaned_data["email"], language=form.cleaned_data["language"]
            )
            return redirect("bulletin:subscribe_sent")
    else:
        form = SubscribeForm(initial={"language": translation.get_language()})
    return render(request, template, {"form": form})


def _ask_confirmation(request, *, heading, text, button, no_csrf=False):
    """The page a link from an e-mail opens: it asks before acting, because mail scanners
    follow links; the button POSTs back to the same address."""
    return render(
        request,
        "bulletin/confirm_action.html",
        {"heading": heading, "text": text, "button": button, "no_csrf": no_csrf},
    )


def subscribe_sent(request):
    return render(request, "bulletin/subscribe_sent.html")


@require_http_methods(["GET", "POST"])
def subscribe_confirm(request, token):
    if request.method == "GET":
        return _ask_confirmation(
            request,
            heading=_("Confirm your subscription"),
            text=_("Confirm that you want to receive the Innovation Bulletin by e-mail."),
            button=_("Confirm my subscription"),
        )
    try:
        subscriptions.subscription_confirm(token=token)
    except BulletinError as error:
        return render(request, "bulletin/message.html", {"heading": error.message}, status=400)
    return render(
        request,
        "bulletin/message.html",
        {
            "heading": _("You are subscribed"),
            "text": _("Each new issue of the Innovation Bulletin will reach you by e-mail."),
        },
    )


@csrf_exempt  # RFC 8058: the mail provider POSTs without cookies or a CSRF token.
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    """GET asks (link scanners follow links); POST unsubscribes, with or without cookies."""
    if request.method == "GET":
        return _ask_confirmation(
            request,
            heading=_("Unsubscribe"),
            text=_("Stop receiving the Innovation Bulletin by e-mail."),
            button=_("Unsubscribe"),
            no_csrf=True,
        )
    subscriptions.subscription_unsubscribe(token=token)
    return render(
        request,
        "bulletin/message.html",
        {
            "heading": _("You are unsubscribed"),
            "text": _("You will receive no more e-mails of the Innovation Bulletin."),
        },
    )


@ratelimit(key="ip", rate=PUBLIC_FORM_RATE, method="POST", block=False)
@require_http_methods(["GET", "POST"])
def report(request):
    template = "bulletin/report.html"
    if request.method == "POST":
        form = StorySubmissionForm(request.POST)
        if getattr(request, "limited", False):
            return _too_many(request, template, {"form": form})
        if form.is_valid():
            intake.submission_create(language=translation.get_language(), **form.cleaned_data)
            return render(
                request,
                "bulletin/message.html",
                {
                    "heading": _("Thank you"),
                    "text": _(
                        "We have sent you an e-mail: follow its link to confirm your address, "
                        "and the editors will read your innovation."
                    ),
                },
            )
    else:
        form = StorySubmissionForm()
    return render(request, template, {"form": form})


@require_http_methods(["GET", "POST"])
def report_verify(request, token):
    if request.method == "GET":
        return _ask_confirmation(
            request,
            heading=_("Confirm your e-mail address"),
            text=_("Confirm your address so that the editors can read your innovation."),
            button=_("Confirm my address"),
        )
    try:
        intake.submission_verify(token=token)
    except BulletinError as error:
        return render(request, "bulletin/message.html", {"heading": error.message}, status=400)
    messages.success(request, _("Your address is confirmed. The editors will be in touch."))
    return redirect(reverse("bulletin:archive"))
