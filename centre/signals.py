"""Signals only decouple: a change to public content clears the public page cache."""

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from centre.cache import public_cache_clear


@receiver(post_save)
@receiver(post_delete)
def clear_public_pages_on_content_change(sender, **kwargs):
    if getattr(sender, "affects_public_pages", False):
        public_cache_clear()


@receiver(m2m_changed)
def clear_public_pages_on_relation_change(sender, instance, action, **kwargs):
    # The sender is the link table; what matters is the model on either side of it.
    if action.startswith("post_") and (
        getattr(type(instance), "affects_public_pages", False)
        or getattr(kwargs.get("model"), "affects_public_pages", False)
    ):
        public_cache_clear()
