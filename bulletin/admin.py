from django.contrib import admin
from modeltranslation.admin import TabbedTranslationAdmin

from bulletin.models import Bulletin, Issue


@admin.register(Bulletin)
class BulletinAdmin(TabbedTranslationAdmin):
    list_display = ["name", "first_issue_date", "months_between_issues"]


@admin.register(Issue)
class IssueAdmin(TabbedTranslationAdmin):
    list_display = ["number", "title", "publication_date", "status"]
    list_filter = ["status"]
    search_fields = ["title"]
