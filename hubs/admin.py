import csv

from django.contrib import admin, messages
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.admin import TabbedTranslationAdmin

from hubs.models import (
    Hub,
    HubChange,
    HubJoinRequest,
    HubMembership,
    HubProposal,
    HubResource,
    HubUpdate,
)
from hubs.services import HubError, participation_request_decide


def csv_export_action(fields: list[str], filename: str):
    """An admin action that writes the selected rows as CSV; `fields` may follow relations
    with "__" and use get_FOO_display through "FOO_display"."""

    @admin.action(description=_("Export the selected rows as CSV"))
    def export(modeladmin, request, queryset):
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        stamp = timezone.now().strftime("%Y%m%d")
        response["Content-Disposition"] = f'attachment; filename="{filename}-{stamp}.csv"'
        response.write("\ufeff")  # so that spreadsheet programs read UTF-8
        writer = csv.writer(response)
        writer.writerow(fields)
        for row in queryset:
            writer.writerow([_value(row, name) for name in fields])
        return response

    return export


def _value(row, name: str):
    value = row
    for part in name.split("__"):
        if value is None:
            return ""
        if part.endswith("_display"):
            value = getattr(value, f"get_{part}")()
        else:
            value = getattr(value, part)
    return "" if value is None else str(value)


REQUEST_FIELDS = [
    "created_at",
    "parliament__name",
    "parliament__region",
    "contact_name",
    "contact_email",
    "language",
    "status_display",
    "email_verified_at",
    "decided_at",
    "decided_by",
    "decision_note",
]


class ParticipationRequestAdmin(admin.ModelAdmin):
    """What the secretariat sees of every way of taking part: filters, search, CSV export
    and, for what the secretariat decides, accept and decline actions."""

    list_filter = ["status", "parliament__region", "language", "created_at"]
    search_fields = ["parliament__name", "contact_name", "contact_email"]
    list_select_related = ["parliament"]
    date_hierarchy = "created_at"
    readonly_fields = ["created_at", "email_verified_at", "decided_at", "decided_by", "requester"]
    autocomplete_fields = ["parliament"]
    secretariat_decides = True

    def get_actions(self, request):
        actions = super().get_actions(request)
        if not self.secretariat_decides:
            actions.pop("accept", None)
            actions.pop("decline", None)
        return actions

    def _decide(self, request, queryset, accept: bool):
        done = 0
        for item in queryset:
            try:
                participation_request_decide(request=item, accept=accept, by=request.user)
            except HubError as error:
                self.message_user(request, f"{item}: {error.message}", messages.WARNING)
            else:
                done += 1
        self.message_user(
            request,
            ngettext("%(count)d request decided.", "%(count)d requests decided.", done)
            % {"count": done},
        )

    @admin.action(description=_("Accept the selected requests"))
    def accept(self, request, queryset):
        self._decide(request, queryset, True)

    @admin.action(description=_("Decline the selected requests"))
    def decline(self, request, queryset):
        self._decide(request, queryset, False)


class HubMembershipInline(admin.TabularInline):
    model = HubMembership
    extra = 0
    autocomplete_fields = ["parliament"]
    readonly_fields = ["joined_on"]


@admin.register(Hub)
class HubAdmin(TabbedTranslationAdmin):
    list_display = ["name", "kind", "region", "host_parliament", "is_active"]
    list_filter = ["kind", "is_active", "host_parliament__region"]
    search_fields = ["name", "name_en", "name_fr", "host_parliament__name"]
    list_select_related = ["host_parliament"]
    autocomplete_fields = ["host_parliament"]
    prepopulated_fields = {"slug": ["name_en"]}
    inlines = [HubMembershipInline]


@admin.register(HubResource)
class HubResourceAdmin(TabbedTranslationAdmin):
    list_display = ["title", "kind", "hub", "created_at"]
    list_filter = ["kind", "hub"]
    search_fields = ["title", "hub__name"]
    list_select_related = ["hub"]


@admin.register(HubUpdate)
class HubUpdateAdmin(TabbedTranslationAdmin):
    list_display = ["title", "hub", "language", "published_at", "author"]
    list_filter = ["hub", "language"]
    search_fields = ["title", "hub__name"]
    list_select_related = ["hub", "author"]
    readonly_fields = ["author"]


@admin.register(HubChange)
class HubChangeAdmin(admin.ModelAdmin):
    """The record of every workspace change: the secretariat reads it, nobody rewrites it."""

    list_display = ["at", "hub", "action", "summary", "by"]
    list_filter = ["hub", "action", "at"]
    search_fields = ["summary", "by__email", "hub__name"]
    list_select_related = ["hub", "by"]
    date_hierarchy = "at"
    actions = [
        csv_export_action(
            ["at", "hub__name", "action_display", "summary", "by__email"], "hub-changes"
        )
    ]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(HubJoinRequest)
class HubJoinRequestAdmin(ParticipationRequestAdmin):
    list_display = ["parliament", "hub", "contact_name", "status", "created_at", "decided_at"]
    list_filter = ["status", "hub", "parliament__region", "created_at"]
    list_select_related = ["parliament", "hub"]
    # The host's editors decide, in their workspace.
    secretariat_decides = False
    actions = [csv_export_action(["hub__name", *REQUEST_FIELDS, "message"], "hub-join-requests")]


@admin.register(HubProposal)
class HubProposalAdmin(ParticipationRequestAdmin):
    list_display = ["name", "parliament", "kind", "status", "created_at"]
    list_filter = ["status", "kind", "parliament__region", "created_at"]
    search_fields = [*ParticipationRequestAdmin.search_fields, "name"]
    actions = [
        "accept",
        "decline",
        csv_export_action(
            [*REQUEST_FIELDS, "name", "kind", "region", "purpose", "participation_rule"],
            "hub-proposals",
        ),
    ]
