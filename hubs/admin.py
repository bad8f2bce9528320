from django.contrib import admin
from modeltranslation.admin import TabbedTranslationAdmin

from hubs.models import Hub


@admin.register(Hub)
class HubAdmin(TabbedTranslationAdmin):
    list_display = ["name", "kind", "region", "host_parliament", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name", "host_parliament__name"]
    list_select_related = ["host_parliament"]
    autocomplete_fields = ["host_parliament"]
    prepopulated_fields = {"slug": ["name_en"]}
