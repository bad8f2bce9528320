from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.admin import TabbedTranslationAdmin, TranslationTabularInline

from centre.models import (
    Chamber,
    MemberParliament,
    OutgoingMail,
    OutgoingMailAttachment,
    ParliamentRole,
    Person,
    User,
)
from centre.services.outbox import mail_requeue


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    ordering = ["email"]
    list_display = ["email", "first_name", "last_name", "is_staff", "is_active", "last_login"]
    list_filter = ["is_staff", "is_superuser", "is_active", "preferred_language"]
    search_fields = ["email", "first_name", "last_name"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (_("Personal info"), {"fields": ["first_name", "last_name", "preferred_language"]}),
        (
            _("Permissions"),
            {"fields": ["is_active", "is_staff", "is_superuser", "groups", "user_permissions"]},
        ),
        (_("Important dates"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [(None, {"classes": ["wide"], "fields": ["email", "password1", "password2"]})]


class ChamberInline(TranslationTabularInline):
    model = Chamber
    extra = 0


class PersonInline(admin.TabularInline):
    model = Person
    extra = 0
    fields = ["role", "full_name", "title", "email", "correspondence_language", "salutation"]


@admin.register(MemberParliament)
class MemberParliamentAdmin(TabbedTranslationAdmin):
    list_display = [
        "name",
        "code",
        "membership",
        "region",
        "structure",
        "correspondence_language",
        "is_active",
    ]
    list_filter = ["membership", "region", "structure", "correspondence_language", "is_active"]
    search_fields = ["name", "name_en", "name_fr", "name_es", "name_ar", "code"]
    inlines = [ChamberInline, PersonInline]


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ["full_name", "role", "parliament", "email", "correspondence_language"]
    list_filter = ["role", "correspondence_language", "parliament__region"]
    search_fields = ["full_name", "email", "parliament__name"]
    list_select_related = ["parliament"]
    autocomplete_fields = ["parliament", "user"]


@admin.register(ParliamentRole)
class ParliamentRoleAdmin(admin.ModelAdmin):
    list_display = ["user", "role", "parliament", "confirmed_at", "granted_by"]
    list_filter = ["role", "parliament__region"]
    search_fields = ["user__email", "parliament__name"]
    list_select_related = ["user", "parliament", "granted_by"]
    autocomplete_fields = ["user", "parliament"]
    readonly_fields = ["granted_by", "created_at"]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.granted_by = request.user
        super().save_model(request, obj, form, change)


class AttachmentInline(admin.TabularInline):
    model = OutgoingMailAttachment
    extra = 0
    fields = ["filename", "content_type"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(OutgoingMail)
class OutgoingMailAdmin(admin.ModelAdmin):
    list_display = [
        "subject",
        "recipients",
        "kind",
        "language",
        "status",
        "attempts",
        "created_at",
        "sent_at",
    ]
    list_filter = ["status", "kind", "language"]
    search_fields = ["subject", "to", "message_id"]
    date_hierarchy = "created_at"
    inlines = [AttachmentInline]
    actions = ["requeue"]
    readonly_fields = [
        "status",
        "kind",
        "from_email",
        "to",
        "cc",
        "reply_to",
        "subject",
        "body_text",
        "body_html",
        "language",
        "message_id",
        "idempotency_key",
        "headers",
        "attempts",
        "last_error",
        "next_attempt_at",
        "sending_started_at",
        "sent_at",
        "created_at",
        "updated_at",
    ]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description=_("to"))
    def recipients(self, mail):
        return ", ".join(mail.to)

    @admin.action(description=_("Send the selected failed e-mails again"), permissions=["view"])
    def requeue(self, request, queryset):
        count = sum(mail_requeue(mail=mail) for mail in queryset)
        self.message_user(
            request,
            ngettext("%(count)d e-mail queued again.", "%(count)d e-mails queued again.", count)
            % {"count": count},
            messages.SUCCESS,
        )
