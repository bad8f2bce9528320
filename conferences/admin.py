import zoneinfo

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin, TranslationTabularInline

from centre.models import GeopoliticalGroup, MemberParliament
from conferences import letters, reports, services
from conferences.models import (
    Campaign,
    Delegation,
    Event,
    Letter,
    LetterTemplate,
    Registration,
    Reminder,
    Session,
    Speaker,
    Theme,
    Track,
)


class ThemeInline(TranslationTabularInline):
    model = Theme
    extra = 0


class TrackInline(TranslationTabularInline):
    model = Track
    extra = 0


def _download(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _fill_freed_places(model_admin, request, events) -> None:
    """What the secretariat changes or deletes in the admin may free places (a capacity raised,
    a delegate cancelled or deleted); as when a focal point removes a delegate, they go to the
    first in line on the waiting list."""
    for event in events:
        promoted = services.waiting_list_fill(event=event)
        if promoted:
            model_admin.message_user(
                request,
                ngettext(
                    "%(count)d person on the waiting list of %(event)s now has a place.",
                    "%(count)d people on the waiting list of %(event)s now have a place.",
                    promoted,
                )
                % {"count": promoted, "event": event},
                messages.SUCCESS,
            )


class FillsFreedPlaces:
    """For the admins of the rows that hold places: registrations and delegations."""

    def _events(self, objects) -> list[Event]:
        return list(Event.objects.filter(pk__in=objects.values("event")))

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        events = self._events(self.model.objects.filter(pk=form.instance.pk))
        _fill_freed_places(self, request, events)

    def delete_model(self, request, obj):
        events = self._events(self.model.objects.filter(pk=obj.pk))
        super().delete_model(request, obj)
        _fill_freed_places(self, request, events)

    def delete_queryset(self, request, queryset):
        events = self._events(queryset)
        super().delete_queryset(request, queryset)
        _fill_freed_places(self, request, events)


class EventForm(forms.ModelForm):
    """Registration opening and deadline are typed and shown in the event's own time zone (a
    hub meeting in Santiago closes at midnight in Santiago), not the server's."""

    EVENT_TIMES = ("registration_opens_at", "registration_deadline")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in self.EVENT_TIMES:
            if name in self.fields:
                self.fields[name].help_text = _("In the event's time zone.")

    def clean(self):
        cleaned = super().clean()
        zone = cleaned.get("time_zone")
        if zone and not self.has_error("time_zone"):
            # The widget read the wall-clock time in the zone active for this request (the
            # event's saved one, or the server's for a new event): read it in the chosen one.
            for name in self.EVENT_TIMES:
                if cleaned.get(name):
                    wall_clock = timezone.make_naive(cleaned[name])
                    cleaned[name] = timezone.make_aware(wall_clock, zoneinfo.ZoneInfo(zone))
        return cleaned


@admin.register(Event)
class EventAdmin(TabbedTranslationAdmin):
    form = EventForm
    list_display = [
        "title",
        "kind",
        "edition",
        "start_date",
        "format",
        "registration_deadline",
        "links",
    ]
    list_filter = ["kind", "format", "registration_enabled"]
    search_fields = ["title", "city"]
    date_hierarchy = "start_date"
    inlines = [ThemeInline, TrackInline]
    autocomplete_fields = ["hub"]

    def get_urls(self):
        own = [
            path(
                "<int:pk>/dashboard/",
                self.admin_site.admin_view(self.dashboard),
                name="conferences_event_dashboard",
            ),
            path(
                "<int:pk>/participants.pdf",
                self.admin_site.admin_view(self.participants_pdf),
                name="conferences_event_participants_pdf",
            ),
            path(
                "<int:pk>/badges.pdf",
                self.admin_site.admin_view(self.badges_pdf),
                name="conferences_event_badges_pdf",
            ),
        ]
        return own + super().get_urls()

    @admin.display(description=_("Registrations"))
    def links(self, event):
        if not event.registration_enabled:
            return "–"
        return format_html(
            '<a href="{}">{}</a> · <a href="{}">{}</a> · <a href="{}">{}</a>',
            reverse("admin:conferences_event_dashboard", args=[event.pk]),
            _("Dashboard"),
            reverse("admin:conferences_event_participants_pdf", args=[event.pk]),
            _("Participants (PDF)"),
            reverse("admin:conferences_event_badges_pdf", args=[event.pk]),
            _("Badges (PDF)"),
        )

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        event = self.get_object(request, object_id) if object_id else None
        with timezone.override(event.tz if event else None):
            response = super().changeform_view(request, object_id, form_url, extra_context)
            # A TemplateResponse renders after the view returns: render it in the zone.
            if hasattr(response, "render"):
                response.render()
            return response

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        _fill_freed_places(self, request, [form.instance])

    def _event(self, request, pk) -> Event:
        if not self.has_view_permission(request):
            raise PermissionDenied
        return get_object_or_404(Event, pk=pk)

    def dashboard(self, request, pk):
        event = self._event(request, pk)
        dashboard = reports.event_dashboard(event)

        def rows(counts):
            top = max((value for _label, value in counts), default=0) or 1
            return [(label, value, round(300 * value / top)) for label, value in counts]

        context = {
            **self.admin_site.each_context(request),
            "event": event,
            "dashboard": dashboard,
            "charts": [
                (_("By region"), rows(dashboard.by_region)),
                (_("By category"), rows(dashboard.by_category)),
            ],
            "opts": self.model._meta,
            "title": event.title,
        }
        return TemplateResponse(request, "admin/conferences/dashboard.html", context)

    def participants_pdf(self, request, pk):
        event = self._event(request, pk)
        return _download(
            reports.participants_pdf(event, get_language()),
            "application/pdf",
            f"{event.slug}-participants.pdf",
        )

    def badges_pdf(self, request, pk):
        event = self._event(request, pk)
        return _download(
            reports.badges_pdf(event, get_language()), "application/pdf", f"{event.slug}-badges.pdf"
        )


@admin.register(Session)
class SessionAdmin(TabbedTranslationAdmin):
    list_display = ["title", "event", "starts_at", "theme", "track", "is_plenary"]
    list_filter = ["event", "is_plenary"]
    search_fields = ["title"]
    list_select_related = ["event", "theme", "track"]


@admin.register(Speaker)
class SpeakerAdmin(admin.ModelAdmin):
    list_display = ["full_name", "title", "parliament", "organisation"]
    search_fields = ["full_name", "organisation"]
    autocomplete_fields = ["parliament"]
    filter_horizontal = ["sessions"]


class RegistrationInline(admin.TabularInline):
    model = Registration
    extra = 0
    fields = [
        "full_name",
        "title",
        "category",
        "gender",
        "email",
        "status",
        "is_head_of_delegation",
    ]
    show_change_link = True


@admin.register(Delegation)
class DelegationAdmin(FillsFreedPlaces, admin.ModelAdmin):
    list_display = ["parliament", "event", "focal_point", "created_at"]
    list_filter = ["event", "parliament__region"]
    search_fields = ["parliament__name", "focal_point__email"]
    list_select_related = ["parliament", "event", "focal_point"]
    autocomplete_fields = ["parliament", "focal_point"]
    inlines = [RegistrationInline]


class RegionFilter(admin.SimpleListFilter):
    title = _("region")
    parameter_name = "region"

    def lookups(self, request, model_admin):
        from centre.models import GeopoliticalGroup

        return [*GeopoliticalGroup.choices, ("individual", _("Individual participants"))]

    def queryset(self, request, queryset):
        if self.value() == "individual":
            return queryset.filter(delegation__isnull=True)
        if self.value():
            return queryset.filter(delegation__parliament__region=self.value())
        return queryset


@admin.register(Registration)
class RegistrationAdmin(FillsFreedPlaces, admin.ModelAdmin):
    list_display = [
        "full_name",
        "event",
        "parliament",
        "category",
        "gender",
        "attendance",
        "status",
        "created_at",
    ]
    list_filter = [
        "event",
        "status",
        RegionFilter,
        "category",
        "gender",
        "attendance",
        "working_language",
    ]
    search_fields = ["full_name", "email", "organisation", "delegation__parliament__name"]
    list_select_related = ["event", "delegation__parliament"]
    autocomplete_fields = ["delegation", "user"]
    filter_horizontal = ["sessions_of_interest"]
    readonly_fields = ["created_at", "updated_at", "anonymised_at", "consent_at"]
    actions = ["approve", "decline", "export_csv", "export_xlsx"]

    @admin.display(description=_("parliament"), ordering="delegation__parliament__name")
    def parliament(self, registration):
        return (
            registration.delegation.parliament
            if registration.delegation
            else registration.organisation
        )

    def _decide(self, request, queryset, approve):
        done = 0
        for registration in queryset.filter(status=Registration.Status.PENDING):
            services.registration_decide(
                registration=registration, approve=approve, by=request.user
            )
            done += 1
        self.message_user(
            request,
            ngettext("%(count)d registration decided.", "%(count)d registrations decided.", done)
            % {"count": done},
            messages.SUCCESS,
        )

    @admin.action(description=_("Approve the selected registrations"), permissions=["change"])
    def approve(self, request, queryset):
        self._decide(request, queryset, approve=True)

    @admin.action(description=_("Decline the selected registrations"), permissions=["change"])
    def decline(self, request, queryset):
        self._decide(request, queryset, approve=False)

    @admin.action(description=_("Export the selected registrations (CSV)"), permissions=["view"])
    def export_csv(self, request, queryset):
        return _download(
            reports.registrations_csv(queryset), "text/csv; charset=utf-8", "registrations.csv"
        )

    @admin.action(description=_("Export the selected registrations (Excel)"), permissions=["view"])
    def export_xlsx(self, request, queryset):
        return _download(
            reports.registrations_xlsx(queryset),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "registrations.xlsx",
        )


class LetterTemplateAdmin(admin.ModelAdmin):
    list_display = ["event", "language", "subject"]
    list_filter = ["event", "language"]


class LetterInline(admin.TabularInline):
    model = Letter
    extra = 0
    fields = ["parliament", "addressee", "email", "language", "mail_status", "resend_of"]
    readonly_fields = fields
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False

    @admin.display(description=_("delivery"))
    def mail_status(self, letter):
        return letter.mail.get_status_display() if letter.mail else _("Being prepared")


class CampaignForm(forms.ModelForm):
    # The filters are stored as JSON lists; staff pick them from the choices instead of typing.
    regions = forms.MultipleChoiceField(
        label=Campaign._meta.get_field("regions").verbose_name,
        choices=GeopoliticalGroup.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=Campaign._meta.get_field("regions").help_text,
    )
    memberships = forms.MultipleChoiceField(
        label=Campaign._meta.get_field("memberships").verbose_name,
        choices=MemberParliament.Membership.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=Campaign._meta.get_field("memberships").help_text,
    )

    class Meta:
        model = Campaign
        fields = [
            "event",
            "name",
            "addressee_role",
            "regions",
            "memberships",
            "signature",
            "programme_note",
        ]


class CampaignAdmin(admin.ModelAdmin):
    form = CampaignForm
    list_display = ["name", "event", "addressee_role", "started_at", "progress"]
    list_filter = ["event"]
    readonly_fields = ["started_at", "started_by", "progress"]
    actions = ["start"]
    change_form_template = "admin/conferences/campaign_change_form.html"

    def get_urls(self):
        own = [
            path(
                "<int:pk>/progress/",
                self.admin_site.admin_view(self.progress_view),
                name="conferences_campaign_progress",
            ),
            path(
                "<int:pk>/preview/<str:code>.pdf",
                self.admin_site.admin_view(self.preview),
                name="conferences_campaign_preview",
            ),
        ]
        return own + super().get_urls()

    @admin.display(description=_("progress"))
    def progress(self, campaign):
        if not campaign.pk:
            return "–"
        counts = letters.campaign_progress(campaign)
        return _("%(sent)d sent, %(queued)d queued, %(failed)d failed of %(total)d") % counts

    @admin.action(
        description=_("Send the letters of the selected campaigns"), permissions=["change"]
    )
    def start(self, request, queryset):
        for campaign in queryset:
            created = letters.campaign_start(campaign=campaign, by=request.user)
            self.message_user(
                request,
                ngettext(
                    "%(name)s: %(count)d letter queued.",
                    "%(name)s: %(count)d letters queued.",
                    created,
                )
                % {"name": campaign.name, "count": created},
                messages.SUCCESS,
            )

    def progress_view(self, request, pk):
        campaign = get_object_or_404(Campaign, pk=pk)
        context = {
            **self.admin_site.each_context(request),
            "campaign": campaign,
            "counts": letters.campaign_progress(campaign),
            "addressees": letters.campaign_addressees(campaign),
            "failed": campaign.letters.filter(mail__status="failed").select_related(
                "parliament", "mail"
            ),
            "opts": self.model._meta,
            "title": campaign.name,
        }
        return TemplateResponse(request, "admin/conferences/campaign_progress.html", context)

    def preview(self, request, pk, code):
        campaign = get_object_or_404(Campaign.objects.select_related("event"), pk=pk)
        addressees = {
            p.code.lower(): (p, person) for p, person in letters.campaign_addressees(campaign)
        }
        if code.lower() not in addressees:
            raise Http404
        parliament, person = addressees[code.lower()]
        language = request.GET.get("language") or (
            person.correspondence_language if person else parliament.correspondence_language
        )
        pdf = letters.letter_render_pdf(
            campaign=campaign, parliament=parliament, addressee=person, language=language
        )
        response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="letter-{code.lower()}.pdf"'
        return response


class LetterAdmin(admin.ModelAdmin):
    list_display = [
        "parliament",
        "campaign",
        "email",
        "language",
        "delivery",
        "resend_of",
        "created_at",
    ]
    list_filter = ["campaign", "language", "mail__status"]
    search_fields = ["parliament__name", "email"]
    list_select_related = ["parliament", "campaign", "mail", "resend_of"]
    readonly_fields = [
        "campaign",
        "parliament",
        "addressee",
        "email",
        "language",
        "mail",
        "resend_of",
        "requested_by",
        "created_at",
    ]
    actions = ["resend"]

    def has_add_permission(self, request):
        return False

    @admin.display(description=_("delivery"))
    def delivery(self, letter):
        if letter.mail is None:
            return _("Being prepared")
        if letter.mail.status == "failed":
            return f"{letter.mail.get_status_display()}: {letter.mail.last_error[:120]}"
        return letter.mail.get_status_display()

    @admin.action(description=_("Send the selected letters again"), permissions=["change"])
    def resend(self, request, queryset):
        for letter in queryset:
            letters.letter_resend(letter=letter, by=request.user)
        self.message_user(request, _("The letters will be sent again."), messages.SUCCESS)


class ReminderAdmin(admin.ModelAdmin):
    list_display = ["event", "kind", "days_before", "parliament", "registration", "created_at"]
    list_filter = ["event", "kind"]
    list_select_related = ["event", "parliament", "registration"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


admin.site.register(LetterTemplate, LetterTemplateAdmin)
admin.site.register(Campaign, CampaignAdmin)
admin.site.register(Letter, LetterAdmin)
admin.site.register(Reminder, ReminderAdmin)
