from modeltranslation.translator import TranslationOptions, register

from partners.models import Budget, PartnershipTier


@register(PartnershipTier)
class PartnershipTierTranslation(TranslationOptions):
    fields = ("name", "description", "governance_role")


@register(Budget)
class BudgetTranslation(TranslationOptions):
    fields = ("scope",)
