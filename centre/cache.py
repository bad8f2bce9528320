"""Whole-page caching of public pages for anonymous readers.

A page is cached per language and full path while the reader carries no session: nothing on it
depends on who reads it. Any change to public content moves the cache to a new generation, so
a reader never sees a page older than the last edit (other processes notice the new generation
within GENERATION_CHECK_SECONDS).
"""

import hashlib
import time
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils import translation

GENERATION_KEY = "public-pages:generation"
# Each process asks the cache for the current generation at most this often: it saves a round
# trip on every cached page, at the price of up to a second of staleness after an edit.
GENERATION_CHECK_SECONDS = 1.0
_local = {"generation": None, "checked_at": 0.0}


def public_cache_generation() -> int:
    now = time.monotonic()
    if _local["generation"] is None or now - _local["checked_at"] > GENERATION_CHECK_SECONDS:
        generation = cache.get(GENERATION_KEY)
        if generation is None:
            cache.add(GENERATION_KEY, 1, timeout=None)
            generation = cache.get(GENERATION_KEY, 1)
        _local.update(generation=generation, checked_at=now)
    return _local["generation"]


def public_cache_clear() -> None:
    """Makes every cached public page stale at once."""
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.add(GENERATION_KEY, 2, timeout=None)
    _local["generation"] = None


def _is_anonymous_read(request) -> bool:
    return request.method in ("GET", "HEAD") and not (
        settings.SESSION_COOKIE_NAME in request.COOKIES or "messages" in request.COOKIES
    )


def _store(key: str, response, timeout: int) -> None:
    # Only what the reader needs travels through the cache: the body and the headers.
    cache.set(key, (response.content, list(response.items())), timeout)


def public_page(view):
    """Serves the view from the cache to anonymous readers; see the module docstring."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        timeout = settings.PUBLIC_PAGE_CACHE_SECONDS
        if not timeout or not _is_anonymous_read(request):
            return view(request, *args, **kwargs)
        path = hashlib.sha256(request.get_full_path().encode()).hexdigest()[:32]
        key = f"public-page:{public_cache_generation()}:{translation.get_language()}:{path}"
        cached = cache.get(key)
        if cached is not None:
            content, headers = cached
            response = HttpResponse(content)
            for name, value in headers:
                response[name] = value
            return response
        response = view(request, *args, **kwargs)
        if response.status_code == 200 and not response.cookies:
            if hasattr(response, "render") and callable(response.render):
                response.add_post_render_callback(lambda r: _store(key, r, timeout))
            else:
                _store(key, response, timeout)
        return response

    return wrapper
