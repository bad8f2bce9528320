"""Whole-page caching of public pages for anonymous readers.

Views mark their pages public with `@public_page`. `PublicPageCacheMiddleware`, first in the
stack after the security and static-file middleware, stores the finished response (with every
header the other middleware added) and serves it again to any reader without a session, before
the rest of the stack runs. The path carries the language (/en/, /fr/ ...), so it is the key.
Any change to public content moves the cache to a new generation, so a reader never sees a page
older than the last edit (other processes notice the new generation within
GENERATION_CHECK_SECONDS).
"""

import hashlib
import logging
import time
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.urls import Resolver404, resolve
from django.utils import translation

logger = logging.getLogger(__name__)
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
        try:
            cache.incr(GENERATION_KEY)
        except ValueError:
            cache.add(GENERATION_KEY, 2, timeout=None)
    except Exception as error:
        # Saving content must not fail because the cache is away; its pages expire on their own.
        logger.warning("Could not clear the public page cache: %s", error)
    _local["generation"] = None


def public_page(view):
    """Marks the view's successful answers as the same for every anonymous reader."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        response.public_page = True
        return response

    wrapper.public_page = True
    return wrapper


def _is_public_url(path: str) -> bool:
    # Resolving before LocaleMiddleware runs: the language prefix has to be active to match.
    language = translation.get_language_from_path(path) or settings.LANGUAGE_CODE
    with translation.override(language):
        try:
            match = resolve(path)
        except Resolver404:
            return False
    return getattr(match.func, "public_page", False)


class PublicPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        timeout = settings.PUBLIC_PAGE_CACHE_SECONDS
        if (
            not timeout
            or not self._anonymous_read(request)
            or not _is_public_url(request.path_info)
        ):
            return self.get_response(request)
        path = hashlib.sha256(request.get_full_path().encode()).hexdigest()[:40]
        try:
            key = f"public-page:{public_cache_generation()}:{path}"
            cached = cache.get(key)
        except Exception as error:
            # The cache is an optimisation: an outage must not take the pages down with it.
            logger.warning("Public page cache unavailable: %s", error)
            return self.get_response(request)
        if cached is not None:
            content, headers = cached
            response = HttpResponse(content)
            for name, value in headers:
                response[name] = value
            return response
        response = self.get_response(request)
        if (
            getattr(response, "public_page", False)
            and response.status_code == 200
            and not response.cookies
            and not response.streaming
        ):
            # Only what the reader needs travels through the cache: the body and the headers.
            try:
                cache.set(key, (response.content, list(response.items())), timeout)
            except Exception as error:
                logger.warning("Public page cache unavailable: %s", error)
        return response

    @staticmethod
    def _anonymous_read(request) -> bool:
        return request.method in ("GET", "HEAD") and not (
            settings.SESSION_COOKIE_NAME in request.COOKIES or "messages" in request.COOKIES
        )
