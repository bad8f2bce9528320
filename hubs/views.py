from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from centre.cache import public_page
from hubs import selectors, services
from hubs.forms import (
    EditorInviteForm,
    HubPageForm,
    HubResourceForm,
    HubUpdateForm,
    JoinDecisionForm,
)
from hubs.models import Hub, HubChange


@public_page
def hub_index(request):
    kind = request.GET.get("kind")
    if kind not in Hub.Kind.values:
        kind = None
    regions = selectors.hub_regions()
    region = request.GET.get("region")
    if region not in dict(regions):
        region = None
    return render(
        request,
        "hubs/hub_index.html",
        {
            "hubs": selectors.hub_list(kind=kind, region=region),
            "kind": kind,
            "kinds": Hub.Kind.choices,
            "region": region,
            "regions": regions,
        },
    )


@public_page
def hub_detail(request, slug):
    hub = get_object_or_404(selectors.hub_detail_queryset(), slug=slug)
    return render(
        request,
        "hubs/hub_detail.html",
        {"hub": hub, "participants": selectors.participants_by_region(hub)},
    )


def hub_workspace_view(view):
    """Every workspace view goes through here: the hub is looked up among the hubs the user
    edits only, so another hub's workspace answers 404, exactly like a hub that does not
    exist. Anonymous readers are sent to sign in first."""

    @wraps(view)
    @login_required
    @never_cache
    def wrapper(request, slug, *args, **kwargs):
        hub = get_object_or_404(selectors.hubs_editable_by(request.user), slug=slug)
        return view(request, hub, *args, **kwargs)

    return wrapper


def _language() -> str:
    return translation.get_language() or "en"


@hub_workspace_view
def workspace(request, hub):
    return render(
        request,
        "hubs/workspace/index.html",
        {
            "hub": hub,
            **selectors.hub_workspace_overview(hub),
            "invite_form": EditorInviteForm(),
            "decision_form": JoinDecisionForm(),
        },
    )


@hub_workspace_view
def workspace_page(request, hub):
    language = _language()
    form = HubPageForm(request.POST or None, hub=hub, language=language)
    if request.method == "POST" and form.is_valid():
        change = services.hub_page_update(hub=hub, by=request.user, values=form.page_values())
        if change is None:
            messages.info(request, _("Nothing was changed."))
        else:
            messages.success(request, _("The hub page has been saved."))
        return redirect("hubs:workspace", slug=hub.slug)
    return render(
        request,
        "hubs/workspace/page_form.html",
        {"hub": hub, "form": form, "language_name": translation.get_language_info(language)},
    )


@hub_workspace_view
def workspace_history(request, hub):
    return render(
        request,
        "hubs/workspace/history.html",
        {"hub": hub, "changes": selectors.hub_change_list(hub)[:200]},
    )


@hub_workspace_view
@require_POST
def workspace_restore(request, hub, pk):
    change = get_object_or_404(HubChange, hub=hub, pk=pk)
    try:
        services.hub_page_restore(hub=hub, change=change, by=request.user)
    except services.HubError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The earlier text has been restored."))
    return redirect("hubs:workspace_history", slug=hub.slug)


def _edit(request, hub, *, form_class, instance, save, template, success, extra=None):
    form = form_class(request.POST or None, request.FILES or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        item = form.save(commit=False)
        item.hub = hub
        if extra is not None:
            extra(item)
        save(item, by=request.user)
        messages.success(request, success)
        return redirect("hubs:workspace", slug=hub.slug)
    return render(request, template, {"hub": hub, "form": form, "item": instance})


@hub_workspace_view
def workspace_resource(request, hub, pk=None):
    resource = get_object_or_404(hub.resources, pk=pk) if pk else None
    return _edit(
        request,
        hub,
        form_class=HubResourceForm,
        instance=resource,
        save=lambda item, by: services.hub_resource_save(resource=item, by=by),
        template="hubs/workspace/resource_form.html",
        success=_("The resource has been saved."),
    )


@hub_workspace_view
def workspace_update(request, hub, pk=None):
    update = get_object_or_404(hub.updates, pk=pk) if pk else None
    language = _language()

    def set_language(item):
        if item.pk is None:
            item.language = language

    return _edit(
        request,
        hub,
        form_class=HubUpdateForm,
        instance=update,
        save=lambda item, by: services.hub_update_save(update=item, by=by),
        template="hubs/workspace/update_form.html",
        success=_("The update has been saved.") if update else _("The update has been published."),
        extra=set_language,
    )


@hub_workspace_view
@require_POST
def workspace_resource_delete(request, hub, pk):
    resource = get_object_or_404(hub.resources, pk=pk)
    services.hub_resource_delete(resource=resource, by=request.user)
    messages.success(request, _("The resource has been deleted."))
    return redirect("hubs:workspace", slug=hub.slug)


@hub_workspace_view
@require_POST
def workspace_update_delete(request, hub, pk):
    update = get_object_or_404(hub.updates, pk=pk)
    services.hub_update_delete(update=update, by=request.user)
    messages.success(request, _("The update has been deleted."))
    return redirect("hubs:workspace", slug=hub.slug)


@hub_workspace_view
@require_POST
def workspace_join_decide(request, hub, pk):
    if not hub.join_requests.filter(pk=pk).exists():
        raise Http404
    form = JoinDecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose whether to accept or decline the request."))
        return redirect("hubs:workspace", slug=hub.slug)
    accept = form.cleaned_data["decision"] == "accept"
    try:
        services.hub_join_request_decide(
            hub=hub,
            join_request_id=pk,
            accept=accept,
            by=request.user,
            note=form.cleaned_data["note"],
        )
    except services.HubError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("The parliament has been accepted and told by e-mail.")
            if accept
            else _("The request has been declined and the parliament told by e-mail."),
        )
    return redirect("hubs:workspace", slug=hub.slug)


@hub_workspace_view
def workspace_invite(request, hub):
    form = EditorInviteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.hub_editor_invite(
                hub=hub, by=request.user, email=form.cleaned_data["email"], language=_language()
            )
        except services.HubError as error:
            error.show_on(form)
        else:
            messages.success(request, _("Your colleague has been invited by e-mail."))
            return redirect("hubs:workspace", slug=hub.slug)
    return render(request, "hubs/workspace/invite_form.html", {"hub": hub, "form": form})


@login_required
@never_cache
def editor_invitation(request, token):
    if request.method != "POST":
        return render(request, "hubs/editor_invitation.html", {"token": token})
    try:
        hub = services.hub_editor_invitation_accept(token=token, user=request.user)
    except services.HubError as error:
        messages.error(request, error.message)
        return render(request, "hubs/editor_invitation.html", {"token": token}, status=400)
    messages.success(request, _("You are now an editor of this hub."))
    return redirect("hubs:workspace", slug=hub.slug)
