from django.contrib import admin
from modeltranslation.admin import TabbedTranslationAdmin

from partners.models import Budget, PartnershipTier


@admin.register(PartnershipTier)
class PartnershipTierAdmin(TabbedTranslationAdmin):
    list_display = ["name", "code", "requested_annual_contribution_chf", "order"]


@admin.register(Budget)
class BudgetAdmin(TabbedTranslationAdmin):
    list_display = ["__str__", "amount_chf"]
