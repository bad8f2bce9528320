from modeltranslation.translator import TranslationOptions, register

from centre.models import Chamber, MemberParliament


@register(MemberParliament)
class MemberParliamentTranslation(TranslationOptions):
    fields = ("name",)


@register(Chamber)
class ChamberTranslation(TranslationOptions):
    fields = ("name",)
