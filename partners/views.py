from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django_ratelimit.decorators import ratelimit

from centre.cache import public_page
from centre.models import ParliamentRole
from hubs.models import Hub
from hubs.services import HubError
from partners import selectors, services
from partners.charts import funding_charts
from partners.forms import (
    HubProposalForm,
    JoinHubForm,
    NetworkNominationForm,
    NomineeFormSet,
    StaffTimeForm,
)
from partners.models import PartnershipTier

# Public forms: enough for a secretariat filling in several at once, not for a robot.
FORM_RATE = "20/h"


@public_page
def partner_index(request):
    tiers = list(selectors.tier_list())
    partnerships = selectors.partnerships_by_tier()
    return render(
        request,
        "partners/partner_index.html",
        {
            "tiers": [(tier, partnerships.get(tier.code, [])) for tier in tiers],
            "core": PartnershipTier.Code.CORE,
            "steering_committee": selectors.steering_committee(),
            "projects": selectors.project_list(),
            "budget": selectors.current_budget(),
        },
    )


@public_page
def funding(request):
    budget = selectors.current_budget()
    summary = selectors.funding_summary(budget) if budget else None
    return render(
        request,
        "partners/funding.html",
        {
            "budget": budget,
            "funding": summary,
            "charts": funding_charts(summary) if summary else None,
        },
    )


@never_cache
def take_part(request):
    return render(
        request,
        "partners/take_part.html",
        {"my_requests": selectors.requests_of(request.user)},
    )


def _contact(request, form) -> services.Contact:
    email = form.cleaned_data["contact_email"]
    return services.Contact(
        parliament=form.cleaned_data["parliament"],
        name=form.cleaned_data["contact_name"],
        email=email,
        user=request.user if request.user.is_authenticated else None,
        verified=services.contact_is_verified(user=request.user, email=email),
        language=translation.get_language() or "en",
    )


def _initial(request) -> dict:
    if not request.user.is_authenticated:
        return {}
    role = (
        ParliamentRole.objects.filter(
            user=request.user,
            role=ParliamentRole.Role.FOCAL_POINT,
            confirmed_at__isnull=False,
        )
        .order_by("pk")
        .first()
    )
    initial = {
        "contact_email": request.user.email,
        "contact_name": request.user.get_full_name(),
    }
    if role:
        initial["parliament"] = role.parliament_id
    return initial


def _sent(request, sent_request):
    if sent_request.status == sent_request.Status.UNVERIFIED:
        messages.success(
            request,
            _(
                "Thank you. We have sent you an e-mail: open the link in it to confirm your "
                "address, and your request goes to review."
            ),
        )
    else:
        messages.success(
            request, _("Thank you. Your request has been received; you can follow it here.")
        )
    return redirect("partners:take_part")


def _limited(request, template, context):
    messages.error(
        request, _("Too many forms have been sent from your connection. Try again in an hour.")
    )
    return render(request, template, context, status=429)


@never_cache
@ratelimit(key="ip", rate=FORM_RATE, method="POST", block=False)
def join_hub(request):
    initial = _initial(request)
    hub = Hub.objects.filter(is_active=True, slug=request.GET.get("hub", "")).first()
    if hub:
        initial["hub"] = hub.slug
    form = JoinHubForm(request.POST or None, initial=initial)
    template, context = "partners/take_part_form.html", {"form": form, "kind": "join"}
    if request.method == "POST":
        if getattr(request, "limited", False):
            return _limited(request, template, context)
        if form.is_valid():
            try:
                sent = services.join_hub_submit(
                    contact=_contact(request, form),
                    hub=form.cleaned_data["hub"],
                    message=form.cleaned_data["message"],
                )
            except HubError as error:
                error.show_on(form)
            else:
                return _sent(request, sent)
    return render(request, template, context, status=400 if form.errors else 200)


@never_cache
@ratelimit(key="ip", rate=FORM_RATE, method="POST", block=False)
def propose_hub(request):
    form = HubProposalForm(request.POST or None, initial=_initial(request))
    template, context = "partners/take_part_form.html", {"form": form, "kind": "hub"}
    if request.method == "POST":
        if getattr(request, "limited", False):
            return _limited(request, template, context)
        if form.is_valid():
            sent = services.hub_proposal_send(contact=_contact(request, form), **form.proposal())
            return _sent(request, sent)
    return render(request, template, context, status=400 if form.errors else 200)


@never_cache
@ratelimit(key="ip", rate=FORM_RATE, method="POST", block=False)
def offer_staff_time(request):
    form = StaffTimeForm(request.POST or None, initial=_initial(request))
    template, context = "partners/take_part_form.html", {"form": form, "kind": "staff"}
    if request.method == "POST":
        if getattr(request, "limited", False):
            return _limited(request, template, context)
        if form.is_valid():
            sent = services.staff_time_offer_submit(
                contact=_contact(request, form),
                project=form.cleaned_data["project"],
                staff_description=form.cleaned_data["staff_description"],
                days=form.cleaned_data["days"],
                period=form.cleaned_data["period"],
            )
            return _sent(request, sent)
    return render(request, template, context, status=400 if form.errors else 200)


@never_cache
@ratelimit(key="ip", rate=FORM_RATE, method="POST", block=False)
def nominate(request):
    form = NetworkNominationForm(request.POST or None, initial=_initial(request))
    nominees = NomineeFormSet(request.POST or None, prefix="nominees")
    template = "partners/take_part_form.html"
    context = {"form": form, "formset": nominees, "kind": "network"}
    if request.method == "POST":
        if getattr(request, "limited", False):
            return _limited(request, template, context)
        if form.is_valid() and nominees.is_valid():
            try:
                sent = services.network_nomination_submit(
                    contact=_contact(request, form), nominees=nominees.nominees()
                )
            except services.ParticipationError as error:
                form.add_error(None, error.message)
            else:
                return _sent(request, sent)
    invalid = bool(form.errors or (nominees.is_bound and not nominees.is_valid()))
    return render(request, template, context, status=400 if invalid else 200)


@never_cache
def confirm_request(request, token):
    if request.method != "POST":
        # Mail scanners open links: only the sender's own click confirms the address.
        return render(request, "partners/request_confirm.html", {"token": token})
    try:
        confirmed = services.participation_request_confirm(token=token)
    except services.ParticipationError as error:
        return render(request, "partners/link_error.html", {"message": error.message}, status=400)
    return redirect("partners:request_status", token=services.request_status_token(confirmed))


@never_cache
def request_status(request, token):
    try:
        found = services.participation_request_from_status_token(token=token)
    except services.ParticipationError as error:
        return render(request, "partners/link_error.html", {"message": error.message}, status=400)
    return render(request, "partners/request_status.html", {"sent_request": found})


@never_cache
def confirm_nominee(request, token):
    if request.method != "POST":
        # Mail scanners open links: only the nominee's own click on the button gives consent.
        return render(request, "partners/nominee_confirm.html", {"token": token})
    try:
        nominee = services.nominee_confirm(token=token)
    except services.ParticipationError as error:
        return render(request, "partners/link_error.html", {"message": error.message}, status=400)
    return render(request, "partners/nominee_confirmed.html", {"nominee": nominee})
