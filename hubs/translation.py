from modeltranslation.translator import TranslationOptions, register

from hubs.models import Hub, HubResource, HubUpdate

ALL_LANGUAGES = ("en", "fr", "es", "ar")


@register(Hub)
class HubTranslation(TranslationOptions):
    fields = ("name", "region", "summary", "description", "participation_rule")


@register(HubResource)
class HubResourceTranslation(TranslationOptions):
    fields = ("title", "description")
    # A resource may be described in the host's language only: show it rather than nothing.
    fallback_languages = {"default": ALL_LANGUAGES}


@register(HubUpdate)
class HubUpdateTranslation(TranslationOptions):
    fields = ("title", "body", "image_alt", "image_caption")
    # An update is written in one language; readers of the others see it in that language.
    fallback_languages = {"default": ALL_LANGUAGES}
