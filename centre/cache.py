"""Whole-page caching of public pages for anonymous readers.

A page is cached per language and full path while the reader carries no session: nothing on it
depends on who reads it. Any change to public content moves the cache to a new generation, so
a reader never sees a page older than the last edit.
"""

import hashlib
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.utils import translation

GENERATION_KEY = "public-pages:generation"


def public_cache_generation() -> int:
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        cache.add(GENERATION_KEY, 1, timeout=None)
        generation = cache.get(GENERATION_KEY, 1)
    return generation


def public_cache_clear() -> None:
    """Makes every cached public page stale at once."""
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.add(GENERATION_KEY, 2, timeout=None)


def _is_anonymous_read(request) -> bool:
    return request.method in ("GET", "HEAD") and not (
        settings.SESSION_COOKIE_NAME in request.COOKIES or "messages" in request.COOKIES
    )


def public_page(view):
    """Serves the view from the cache to anonymous readers; see the module docstring."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not _is_anonymous_read(request):
            return view(request, *args, **kwargs)
        path = hashlib.sha256(request.get_full_path().encode()).hexdigest()[:32]
        key = f"public-page:{public_cache_generation()}:{translation.get_language()}:{path}"
        response = cache.get(key)
        if response is not None:
            return response
        response = view(request, *args, **kwargs)
        if response.status_code == 200 and not response.cookies:
            timeout = settings.PUBLIC_PAGE_CACHE_SECONDS
            if hasattr(response, "render") and callable(response.render):
                response.add_post_render_callback(lambda r: cache.set(key, r, timeout))
            else:
                cache.set(key, response, timeout)
        return response

    return wrapper
