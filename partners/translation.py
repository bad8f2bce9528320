from modeltranslation.translator import TranslationOptions, register

from partners.models import Budget, InKindContribution, PartnershipTier, Project


@register(PartnershipTier)
class PartnershipTierTranslation(TranslationOptions):
    fields = ("name", "description", "governance_role")


@register(Budget)
class BudgetTranslation(TranslationOptions):
    fields = ("scope",)


@register(Project)
class ProjectTranslation(TranslationOptions):
    fields = ("title", "summary")


@register(InKindContribution)
class InKindContributionTranslation(TranslationOptions):
    fields = ("description",)
