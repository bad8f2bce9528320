from modeltranslation.translator import TranslationOptions, register

from conferences.models import Event, Session, Theme, Track


@register(Event)
class EventTranslation(TranslationOptions):
    fields = ("title", "summary", "city", "venue", "room", "organiser", "joining_instructions")


@register(Theme)
class ThemeTranslation(TranslationOptions):
    fields = ("title", "description")


@register(Track)
class TrackTranslation(TranslationOptions):
    fields = ("name", "description")


@register(Session)
class SessionTranslation(TranslationOptions):
    fields = ("title", "description", "room", "discussion_questions")
