"""Signals only decouple: a change to public content clears the public page cache."""

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from centre.cache import public_cache_clear


@receiver(post_save)
@receiver(post_delete)
@receiver(m2m_changed)
def clear_public_pages_on_content_change(sender, **kwargs):
    if getattr(sender, "affects_public_pages", False):
        public_cache_clear()
