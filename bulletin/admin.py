from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.forms.models import BaseInlineFormSet
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.admin import (
    TabbedTranslationAdmin,
    TranslationStackedInline,
    TranslationTabularInline,
)

from bulletin import selectors
from bulletin.exceptions import BulletinError
from bulletin.models import (
    Bulletin,
    HubUpdate,
    Issue,
    IssueDispatch,
    ShowcaseVideo,
    Story,
    StoryImage,
    StoryLink,
    StorySubmission,
    Subscriber,
)
from bulletin.models.issues import MAX_STORIES, MIN_STORIES
from bulletin.services import dispatch, intake, issues, showcase


def _run(modeladmin, request, queryset, service, done_message, **kwargs):
    """Calls a service for each selected row, reporting each refusal with its message."""
    done = 0
    for obj in queryset:
        try:
            service(obj, **kwargs)
        except BulletinError as error:
            modeladmin.message_user(request, f"{obj}: {error.message}", messages.ERROR)
        else:
            done += 1
    if done:
        modeladmin.message_user(request, done_message % {"count": done}, messages.SUCCESS)


@admin.register(Bulletin)
class BulletinAdmin(TabbedTranslationAdmin):
    list_display = ["name", "first_issue_date", "months_between_issues"]


class StoryCountFormSet(BaseInlineFormSet):
    """A scheduled or published issue keeps three to five stories, whatever the edit."""

    def clean(self):
        super().clean()
        if self.instance.status not in (Issue.Status.SCHEDULED, Issue.Status.PUBLISHED):
            return
        kept = sum(
            1 for form in self.forms if form.cleaned_data and not form.cleaned_data.get("DELETE")
        )
        if not MIN_STORIES <= kept <= MAX_STORIES:
            raise ValidationError(
                _("A scheduled or published issue carries %(min)d to %(max)d stories, not %(n)d."),
                params={"min": MIN_STORIES, "max": MAX_STORIES, "n": kept},
            )


class StoryInline(TranslationTabularInline):
    model = Story
    formset = StoryCountFormSet
    fields = ["position", "title", "slug", "area"]
    extra = 0
    show_change_link = True
    max_num = MAX_STORIES


class HubUpdateInline(TranslationStackedInline):
    model = HubUpdate
    extra = 0
    autocomplete_fields = ["hub"]


@admin.register(Issue)
class IssueAdmin(TabbedTranslationAdmin):
    list_display = [
        "number",
        "title",
        "publication_date",
        "status",
        "story_count",
        "languages",
        "email_edition",
    ]
    list_filter = ["status"]
    search_fields = ["title"]
    readonly_fields = [
        "status",
        "published_at",
        "published_by",
        "languages",
        "email_edition",
    ]
    inlines = [StoryInline, HubUpdateInline]
    actions = ["submit_for_review", "publish", "return_to_draft", "send_email_edition"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(number_of_stories=Count("stories"))
            .prefetch_related("stories")
        )

    def get_changeform_initial_data(self, request):
        return {**issues.issue_next_proposal(), **super().get_changeform_initial_data(request)}

    @admin.display(description=_("stories"), ordering="number_of_stories")
    def story_count(self, issue):
        return issue.number_of_stories

    @admin.display(description=_("translated"))
    def languages(self, issue):
        completeness = selectors.translation_completeness(issue)
        return format_html_join(
            " ",
            '<span title="{}">{}&nbsp;{}%</span>',
            ((name, code, completeness[code]) for code, name in settings.LANGUAGES),
        )

    @admin.display(description=_("e-mail edition"))
    def email_edition(self, issue):
        progress = selectors.dispatch_progress(issue=issue)
        if progress is None:
            return "–"
        return format_html(
            str(_("{sent} sent, {failed} failed, of {total}")),
            sent=progress["sent"],
            failed=progress["failed"],
            total=progress["total"],
        )

    @admin.action(description=_("Submit for review"))
    def submit_for_review(self, request, queryset):
        _run(
            self,
            request,
            queryset,
            lambda issue: issues.issue_submit_for_review(issue=issue, by=request.user),
            _("%(count)d issue(s) submitted for review."),
        )

    @admin.action(description=_("Publish (or schedule, if its date is ahead)"))
    def publish(self, request, queryset):
        _run(
            self,
            request,
            queryset,
            lambda issue: issues.issue_publish(issue=issue, by=request.user),
            _("%(count)d issue(s) published or scheduled."),
        )

    @admin.action(description=_("Return to draft"))
    def return_to_draft(self, request, queryset):
        _run(
            self,
            request,
            queryset,
            lambda issue: issues.issue_return_to_draft(issue=issue, by=request.user),
            _("%(count)d issue(s) returned to draft."),
        )

    @admin.action(
        description=_("Send the e-mail edition to those who have not had it"),
        permissions=["publish"],
    )
    def send_email_edition(self, request, queryset):
        started = 0
        for issue in queryset:
            if dispatch.issue_dispatch_start(issue_id=issue.pk) is None:
                self.message_user(
                    request,
                    _("%(issue)s is not published: nothing was sent.") % {"issue": issue},
                    messages.ERROR,
                )
            else:
                started += 1
        if started:
            self.message_user(
                request,
                ngettext(
                    "The e-mail edition of %(count)d issue is on its way.",
                    "The e-mail editions of %(count)d issues are on their way.",
                    started,
                )
                % {"count": started},
                messages.SUCCESS,
            )

    def has_publish_permission(self, request):
        return request.user.has_perm(issues.PUBLISH_PERMISSION)

    def get_actions(self, request):
        actions = super().get_actions(request)
        if not self.has_publish_permission(request):
            actions.pop("publish", None)
        return actions

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        if form.instance.status == Issue.Status.PUBLISHED:
            from django.db import transaction

            from bulletin.tasks import issue_editions_refresh_task

            issue_id = form.instance.pk
            transaction.on_commit(lambda: issue_editions_refresh_task.delay(issue_id=issue_id))


class StoryImageInline(TranslationTabularInline):
    model = StoryImage
    extra = 0


class StoryLinkInline(TranslationTabularInline):
    model = StoryLink
    extra = 0


class StoryAdminForm(TabbedTranslationAdmin.form):
    def clean_issue(self):
        issue = self.cleaned_data.get("issue")
        if (
            issue is not None
            and issue.status in (Issue.Status.SCHEDULED, Issue.Status.PUBLISHED)
            and issue.pk != getattr(self.instance, "issue_id", None)
            and issue.stories.count() >= MAX_STORIES
        ):
            raise ValidationError(
                _("Issue %(number)d already carries %(max)d stories."),
                params={"number": issue.number, "max": MAX_STORIES},
            )
        return issue


@admin.register(Story)
class StoryAdmin(TabbedTranslationAdmin):
    form = StoryAdminForm
    list_display = ["title", "issue", "area", "hub", "position"]
    list_filter = ["area", "hub", "issue"]
    list_select_related = ["issue", "hub"]
    search_fields = ["title", "summary", "slug"]
    autocomplete_fields = ["parliaments", "hub"]
    inlines = [StoryImageInline, StoryLinkInline]

    def get_prepopulated_fields(self, request, obj=None):
        return {"slug": ("title_en",)}


@admin.register(Subscriber)
class SubscriberAdmin(admin.ModelAdmin):
    list_display = ["email", "language", "status", "confirmed_at", "unsubscribed_at"]
    list_filter = ["status", "language"]
    search_fields = ["email"]
    readonly_fields = [
        "token",
        "status",
        "confirmation_sent_at",
        "confirmed_at",
        "unsubscribed_at",
        "created_at",
    ]


@admin.register(IssueDispatch)
class IssueDispatchAdmin(admin.ModelAdmin):
    list_display = ["issue", "started_at", "total", "batches", "progress"]
    readonly_fields = ["issue", "started_at", "total", "batches", "progress"]
    list_select_related = ["issue"]

    @admin.display(description=_("progress"))
    def progress(self, obj):
        progress = selectors.dispatch_progress(issue=obj.issue)
        return format_html(
            str(_("{sent} sent, {failed} failed, {pending} waiting, of {total}")), **progress
        )

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(StorySubmission)
class StorySubmissionAdmin(admin.ModelAdmin):
    list_display = ["title", "parliament", "area", "name", "status", "created_at"]
    list_filter = ["status", "area"]
    list_select_related = ["parliament"]
    search_fields = ["title", "name", "email"]
    readonly_fields = ["token", "verified_at", "decided_at", "decided_by", "story", "status"]
    actions = ["accept", "decline"]

    @admin.action(description=_("Turn into a draft story and tell the sender"))
    def accept(self, request, queryset):
        _run(
            self,
            request,
            queryset,
            lambda submission: intake.submission_accept(submission=submission, by=request.user),
            _("%(count)d draft story(ies) created."),
        )

    @admin.action(description=_("Decline and tell the sender"))
    def decline(self, request, queryset):
        _run(
            self,
            request,
            queryset,
            lambda submission: intake.submission_decline(submission=submission, by=request.user),
            _("%(count)d innovation(s) declined."),
        )


@admin.register(ShowcaseVideo)
class ShowcaseVideoAdmin(admin.ModelAdmin):
    list_display = ["title", "parliament", "language", "status", "shown_in_plenary", "created_at"]
    list_filter = ["status", "shown_in_plenary", "event", "language"]
    list_select_related = ["parliament"]
    search_fields = ["title", "description"]
    autocomplete_fields = ["parliament"]
    readonly_fields = ["proposed_by", "decided_at", "created_at"]
    actions = ["accept", "decline", "mark_shown_in_plenary"]

    @admin.action(description=_("Accept into the video library"))
    def accept(self, request, queryset):
        _run(
            self,
            request,
            queryset,
            lambda video: showcase.video_decide(video=video, accept=True, by=request.user),
            _("%(count)d video(s) accepted."),
        )

    @admin.action(description=_("Decline"))
    def decline(self, request, queryset):
        _run(
            self,
            request,
            queryset,
            lambda video: showcase.video_decide(video=video, accept=False, by=request.user),
            _("%(count)d video(s) declined."),
        )

    @admin.action(description=_("Mark as shown in plenary"))
    def mark_shown_in_plenary(self, request, queryset):
        _run(
            self,
            request,
            queryset,
            lambda video: showcase.video_mark_shown_in_plenary(video=video),
            _("%(count)d video(s) marked as shown in plenary."),
        )
