from modeltranslation.translator import TranslationOptions, register

from bulletin.models import Bulletin, HubUpdate, Issue, Story, StoryImage, StoryLink


@register(Bulletin)
class BulletinTranslation(TranslationOptions):
    fields = ("name", "description")


@register(Issue)
class IssueTranslation(TranslationOptions):
    fields = ("title", "introduction")


@register(HubUpdate)
class HubUpdateTranslation(TranslationOptions):
    fields = ("body",)


@register(Story)
class StoryTranslation(TranslationOptions):
    fields = ("title", "summary", "body")


@register(StoryImage)
class StoryImageTranslation(TranslationOptions):
    fields = ("alt_text", "caption")


@register(StoryLink)
class StoryLinkTranslation(TranslationOptions):
    fields = ("label",)
