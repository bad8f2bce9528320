from functools import lru_cache

from django import template
from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.urls import NoReverseMatch, reverse, translate_url
from django.utils import translation
from django.utils.translation import gettext_lazy as _

register = template.Library()

# The main menu: the route of each entry and its label.
MAIN_NAVIGATION = [
    ("home", _("Home")),
    ("about", _("About the Centre")),
    ("hubs:index", _("Hubs")),
    ("conferences:index", _("Conferences")),
    ("bulletin:archive", _("Innovation Bulletin")),
    ("showcase:library", _("Showcase")),
    ("partners:index", _("Partners")),
    ("parliament_list", _("Parliaments")),
]


@register.simple_tag(takes_context=True)
def main_navigation(context):
    """The main menu in the reader's language: (url, label, is the current page)."""
    request = context.get("request")
    path = request.path if request is not None else None
    return [
        (url, label, url == path) for url, label in _main_navigation(translation.get_language())
    ]


# Every page shows the menu and the language switcher; their addresses depend only on the
# URLconf and the language (and, for the switcher, the page), so each is worked out once per
# process. Bounded: a reader can ask for any number of pages.
@lru_cache(maxsize=len(settings.LANGUAGES))
def _main_navigation(language: str) -> tuple[tuple[str, str], ...]:
    with translation.override(language):
        return tuple((reverse(name), str(label)) for name, label in MAIN_NAVIGATION)


@lru_cache(maxsize=4096)
def _page_in(language: str, view_name: str, args: tuple, kwargs: tuple) -> str | None:
    with translation.override(language):
        try:
            return reverse(view_name, args=args, kwargs=dict(kwargs))
        except NoReverseMatch:
            return None


@receiver(setting_changed)
def _forget_addresses(*, setting, **kwargs):
    if setting in ("ROOT_URLCONF", "LANGUAGES", "LANGUAGE_CODE"):
        _main_navigation.cache_clear()
        _page_in.cache_clear()


@register.simple_tag(takes_context=True)
def language_links(context):
    """The current page in every portal language, for the language switcher and hreflang."""
    request = context.get("request")
    current = translation.get_language()
    match = getattr(request, "resolver_match", None)
    links = []
    for code, _name in settings.LANGUAGES:
        info = translation.get_language_info(code)
        links.append(
            {
                "code": code,
                "name": info["name_local"],
                "url": _url_in(code, request, match),
                "current": code == current,
                "bidi": info["bidi"],
            }
        )
    return links


def _url_in(language: str, request, match) -> str:
    """The current page in another language: reversed from the match the request already has,
    instead of resolving the path again for every language."""
    if request is None:
        return translate_url("/", language)
    if match is None or not match.url_name:
        return translate_url(request.get_full_path(), language)
    url = _page_in(
        language,
        f"{match.namespace}:{match.url_name}" if match.namespace else match.url_name,
        tuple(match.args),
        tuple(sorted(match.kwargs.items())),
    )
    if url is None:
        return request.get_full_path()
    query = request.META.get("QUERY_STRING")
    return f"{url}?{query}" if query else url


@register.filter
def language_name(code):
    """The name of a language, in the reader's language, from its code."""
    try:
        return translation.gettext(translation.get_language_info(code)["name"])
    except KeyError:
        return code


@register.simple_tag(takes_context=True)
def absolute_url(context, path):
    return settings.SITE_URL + path
