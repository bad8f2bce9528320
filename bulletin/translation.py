from modeltranslation.translator import TranslationOptions, register

from bulletin.models import Bulletin, Issue


@register(Bulletin)
class BulletinTranslation(TranslationOptions):
    fields = ("name", "description")


@register(Issue)
class IssueTranslation(TranslationOptions):
    fields = ("title", "introduction")
