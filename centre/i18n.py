"""Helpers for content translated with django-modeltranslation."""

from django.conf import settings


def translated_columns(*fields: str) -> list[str]:
    """The column of each translated field in every portal language, for `.only()`: a field
    named in one language only would load its English fallback column by column, one query
    per object, in any page read in another language."""
    return [f"{field}_{code}" for field in fields for code, _name in settings.LANGUAGES]
