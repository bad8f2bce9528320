from django.contrib import admin
from modeltranslation.admin import TabbedTranslationAdmin, TranslationTabularInline

from conferences.models import Event, Session, Theme, Track


class ThemeInline(TranslationTabularInline):
    model = Theme
    extra = 0


class TrackInline(TranslationTabularInline):
    model = Track
    extra = 0


@admin.register(Event)
class EventAdmin(TabbedTranslationAdmin):
    list_display = [
        "title",
        "kind",
        "edition",
        "start_date",
        "end_date",
        "format",
        "registration_deadline",
    ]
    list_filter = ["kind", "format"]
    search_fields = ["title", "city"]
    date_hierarchy = "start_date"
    inlines = [ThemeInline, TrackInline]
    autocomplete_fields = ["hub"]


@admin.register(Session)
class SessionAdmin(TabbedTranslationAdmin):
    list_display = ["title", "event", "starts_at", "theme", "track", "is_plenary"]
    list_filter = ["event", "is_plenary"]
    search_fields = ["title"]
    list_select_related = ["event", "theme", "track"]
