from django import template
from django.conf import settings
from django.urls import NoReverseMatch, reverse, translate_url
from django.utils import translation

register = template.Library()


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
    with translation.override(language):
        try:
            url = reverse(
                f"{match.namespace}:{match.url_name}" if match.namespace else match.url_name,
                args=match.args,
                kwargs=match.kwargs,
            )
        except NoReverseMatch:
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
