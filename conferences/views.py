import json

from allauth.account.decorators import verified_email_required
from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from centre.cache import public_page
from conferences import ical, selectors, services
from conferences.forms import IndividualRegistrationForm, ProgrammeFilterForm, RegistrationForm
from conferences.models import Event, Registration, Session
from conferences.services import RegistrationError


@public_page
def event_index(request):
    return render(request, "conferences/event_index.html", {"events": selectors.event_list()})


@public_page
def event_detail(request, slug):
    event = get_object_or_404(selectors.event_detail_queryset(), slug=slug)
    filters = ProgrammeFilterForm(request.GET or None, event=event)
    chosen = filters.cleaned_data if filters.is_valid() else {}
    sessions = selectors.programme_sessions(
        event,
        theme=chosen.get("theme", ""),
        track=chosen.get("track", ""),
        audience=chosen.get("audience", ""),
    )
    return render(
        request,
        "conferences/event_detail.html",
        {
            "event": event,
            "filters": filters,
            "days": selectors.sessions_by_day(event, sessions),
            "filtered": bool(chosen and any(chosen.values())),
            "recordings": selectors.conference_recordings(event),
            "closed_because": event.registration_closed_because(),
        },
    )


def _calendar_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def event_calendar(request, slug):
    event = get_object_or_404(Event, slug=slug)
    return _calendar_response(ical.event_calendar(event), f"{event.slug}.ics")


def session_calendar(request, slug, pk):
    session = get_object_or_404(Session.objects.select_related("event"), event__slug=slug, pk=pk)
    return _calendar_response(
        ical.session_calendar(session), f"{session.event.slug}-{session.pk}.ics"
    )


# --- Registration ---------------------------------------------------------------------------


def _registration_event(slug) -> Event:
    event = get_object_or_404(Event, slug=slug)
    if not event.registration_enabled:
        raise Http404
    return event


def _my_parliament(request, code):
    """The parliament the user is a focal point of; any other answers 404, so that nothing
    about another parliament's delegation leaks."""
    return get_object_or_404(selectors.focal_point_parliaments(request.user), code__iexact=code)


@verified_email_required
def register(request, slug):
    event = _registration_event(slug)
    parliaments = list(selectors.focal_point_parliaments(request.user))
    if len(parliaments) == 1:
        return redirect("conferences:delegation", slug=slug, code=parliaments[0].code.lower())
    return render(
        request,
        "conferences/register.html",
        {
            "event": event,
            "parliaments": parliaments,
            "closed_because": event.registration_closed_because(),
        },
    )


@verified_email_required
def delegation(request, slug, code):
    event = _registration_event(slug)
    parliament = _my_parliament(request, code)
    closed_because = event.registration_closed_because()
    form = None if closed_because else RegistrationForm(request.POST or None, event=event)
    if request.method == "POST":
        if closed_because:
            messages.error(request, RegistrationError(closed_because).message)
            return redirect("conferences:delegation", slug=slug, code=code)
        if form.is_valid():
            try:
                services.registration_add(
                    event=event,
                    delegation=services.delegation_get_or_create(
                        event=event, parliament=parliament, by=request.user
                    ),
                    data=form.registration_data(),
                    sessions=form.cleaned_data["sessions_of_interest"],
                    by=request.user,
                )
            except RegistrationError as error:
                error.show_on(form)
            else:
                messages.success(request, _("The delegate has been added to the delegation."))
                return redirect("conferences:delegation", slug=slug, code=code)
    current = selectors.delegation_for(event, parliament)
    return render(
        request,
        "conferences/delegation.html",
        {
            "event": event,
            "parliament": parliament,
            "delegation": current,
            "registrations": list(current.registrations.all()) if current else [],
            "form": form,
            "closed_because": closed_because,
            "places_left": None
            if event.capacity is None
            else max(event.capacity - services.places_taken(event), 0),
        },
        status=422 if form is not None and form.errors else 200,
    )


def _my_registration(request, slug, code, pk) -> tuple[Event, Registration]:
    event = _registration_event(slug)
    parliament = _my_parliament(request, code)
    registration = get_object_or_404(
        Registration,
        pk=pk,
        event=event,
        delegation__parliament=parliament,
        status__in=[Registration.Status.CONFIRMED, Registration.Status.WAITLISTED],
    )
    return event, registration


@verified_email_required
def registration_edit(request, slug, code, pk):
    event, registration = _my_registration(request, slug, code, pk)
    closed_because = event.registration_closed_because()
    if closed_because:
        messages.error(request, RegistrationError(closed_because).message)
        return redirect("conferences:delegation", slug=slug, code=code)
    form = RegistrationForm(request.POST or None, instance=registration, event=event)
    if request.method == "POST" and form.is_valid():
        try:
            services.registration_update(
                registration=registration,
                data=form.registration_data(),
                sessions=form.cleaned_data["sessions_of_interest"],
                by=request.user,
            )
        except RegistrationError as error:
            error.show_on(form)
        else:
            messages.success(request, _("The delegate's details have been saved."))
            return redirect("conferences:delegation", slug=slug, code=code)
    return render(
        request,
        "conferences/registration_edit.html",
        {"event": event, "registration": registration, "form": form, "code": code},
        status=422 if form.errors else 200,
    )


@require_POST
@verified_email_required
def registration_cancel(request, slug, code, pk):
    _event, registration = _my_registration(request, slug, code, pk)
    try:
        services.registration_cancel(registration=registration, by=request.user)
    except RegistrationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The delegate has been removed from the delegation."))
    return redirect("conferences:delegation", slug=slug, code=code)


@verified_email_required
def individual_register(request, slug):
    event = _registration_event(slug)
    closed_because = event.registration_closed_because()
    form = IndividualRegistrationForm(
        request.POST or None, event=event, initial={"email": request.user.email}
    )
    if request.method == "POST" and not closed_because and form.is_valid():
        try:
            services.registration_add(
                event=event,
                data=form.registration_data(),
                sessions=form.cleaned_data["sessions_of_interest"],
                by=request.user,
            )
        except RegistrationError as error:
            error.show_on(form)
        else:
            messages.success(
                request, _("Thank you. The IPU secretariat will review your registration.")
            )
            return redirect("conferences:my_registrations")
    return render(
        request,
        "conferences/individual_register.html",
        {"event": event, "form": form, "closed_because": closed_because},
        status=422 if form.errors else 200,
    )


@verified_email_required
def claim_invitation(request, slug, token):
    event = _registration_event(slug)
    if request.method == "POST":
        try:
            role = services.focal_point_claim(user=request.user, event=event, token=token)
        except RegistrationError as error:
            messages.error(request, error.message)
            return redirect("conferences:register", slug=slug)
        messages.success(
            request,
            _("You are now the focal point of %(parliament)s.")
            % {"parliament": role.parliament.name},
        )
        return redirect("conferences:delegation", slug=slug, code=role.parliament.code.lower())
    return render(request, "conferences/claim_invitation.html", {"event": event})


# --- The participant's own data -------------------------------------------------------------


@verified_email_required
def my_registrations(request):
    return render(
        request,
        "conferences/my_registrations.html",
        {"registrations": selectors.registrations_of(request.user)},
    )


@verified_email_required
def my_registrations_export(request):
    data = [
        services.registration_personal_data(registration=r)
        for r in selectors.registrations_of(request.user)
    ]
    response = HttpResponse(
        json.dumps(
            {"exported_at": timezone.now().isoformat(), "registrations": data},
            indent=2,
            ensure_ascii=False,
        ),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = 'attachment; filename="my-registrations.json"'
    return response


@verified_email_required
def my_registration_agenda(request, pk):
    registration = get_object_or_404(selectors.registrations_of(request.user), pk=pk)
    return _calendar_response(
        ical.registration_agenda(registration), f"{registration.event.slug}-agenda.ics"
    )


@require_POST
@verified_email_required
def my_registration_delete(request, pk):
    registration = get_object_or_404(selectors.registrations_of(request.user), pk=pk)
    services.registration_anonymise(registration=registration)
    messages.success(request, _("Your data for this registration have been deleted."))
    return redirect("conferences:my_registrations")
