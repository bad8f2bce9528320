"""Whole-page caching of public pages for anonymous readers.

Views mark their pages public with `@public_page`. `PublicPageCacheMiddleware`, first in the
stack after the security and static-file middleware, stores the finished response (with every
header the other middleware added) and serves it again to any reader without a session, before
the rest of the stack runs. The path carries the language (/en/, /fr/ ...), so it is the key.
Any change to public content moves the cache to a new generation, so a reader never sees a page
older than the last edit (other processes notice the new generation within
GENERATION_CHECK_SECONDS).

Two tiers: the shared cache (Redis in production) holds every page for every process, and each
process keeps the pages it served most recently in its own memory, up to
PUBLIC_PAGE_MEMORY_CACHE_BYTES, so that a popular page costs no round trip to Redis. Both tiers
are keyed by the generation, so an edit makes both stale at once.
"""

import hashlib
import logging
import threading
import time
from collections import OrderedDict
from functools import lru_cache, wraps

from django.conf import settings
from django.core.cache import cache
from django.core.signals import setting_changed
from django.dispatch import receiver
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
    process_pages.clear()


class ProcessPages:
    """The pages this process served last, newest last, within a budget of bytes. Entries of an
    older generation are never asked for again (the key holds the generation); they go first
    when the generation moves, or as the budget requires."""

    def __init__(self):
        self._pages: OrderedDict[str, tuple[float, bytes, list]] = OrderedDict()
        self._size = 0
        self._generation = None
        self._lock = threading.Lock()

    def get(self, generation, key: str):
        with self._lock:
            if generation != self._generation:
                self._clear(generation)
                return None
            entry = self._pages.get(key)
            if entry is None:
                return None
            if entry[0] < time.monotonic():
                self._drop(key)
                return None
            self._pages.move_to_end(key)
            return entry[1], entry[2]

    def put(self, generation, key: str, content: bytes, headers: list, timeout: float) -> None:
        budget = settings.PUBLIC_PAGE_MEMORY_CACHE_BYTES
        if len(content) > budget // 4:  # one huge page must not evict all the others
            return
        with self._lock:
            if generation != self._generation:
                self._clear(generation)
            if key in self._pages:
                self._drop(key)
            self._pages[key] = (time.monotonic() + timeout, content, headers)
            self._size += len(content)
            while self._size > budget:
                self._drop(next(iter(self._pages)))

    def clear(self) -> None:
        with self._lock:
            self._clear(None)

    def _clear(self, generation) -> None:
        self._pages.clear()
        self._size = 0
        self._generation = generation

    def _drop(self, key: str) -> None:
        self._size -= len(self._pages.pop(key)[1])


process_pages = ProcessPages()


def public_page(view):
    """Marks the view's successful answers as the same for every anonymous reader."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        response.public_page = True
        return response

    wrapper.public_page = True
    return wrapper


@lru_cache(maxsize=4096)
def _is_public_url(path: str) -> bool:
    # Resolving before LocaleMiddleware runs: the language prefix has to be active to match.
    # The answer depends on the URLconf alone, so it is kept per path (bounded: any path can
    # be asked for).
    language = translation.get_language_from_path(path) or settings.LANGUAGE_CODE
    with translation.override(language):
        try:
            match = resolve(path)
        except Resolver404:
            return False
    return getattr(match.func, "public_page", False)


@receiver(setting_changed)
def _forget_public_urls(*, setting, **kwargs):
    if setting == "ROOT_URLCONF":
        _is_public_url.cache_clear()


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
            generation = public_cache_generation()
            key = f"public-page:{generation}:{path}"
            cached = process_pages.get(generation, key)
            if cached is None:
                cached = cache.get(key)
                if cached is not None:
                    process_pages.put(generation, key, *cached, timeout)
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
            page = (response.content, list(response.items()))
            process_pages.put(generation, key, *page, timeout)
            try:
                cache.set(key, page, timeout)
            except Exception as error:
                logger.warning("Public page cache unavailable: %s", error)
        return response

    @staticmethod
    def _anonymous_read(request) -> bool:
        return request.method in ("GET", "HEAD") and not (
            settings.SESSION_COOKIE_NAME in request.COOKIES or "messages" in request.COOKIES
        )
