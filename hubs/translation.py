from modeltranslation.translator import TranslationOptions, register

from hubs.models import Hub


@register(Hub)
class HubTranslation(TranslationOptions):
    fields = ("name", "region", "summary", "description", "participation_rule")
