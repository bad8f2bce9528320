from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils import translation

register = template.Library()


@register.simple_tag(takes_context=True)
def language_links(context):
    """The current page in every portal language, for the language switcher and hreflang."""
    request = context.get("request")
    path = request.get_full_path() if request else "/"
    current = translation.get_language()
    links = []
    for code, _name in settings.LANGUAGES:
        info = translation.get_language_info(code)
        links.append(
            {
                "code": code,
                "name": info["name_local"],
                "url": translate_url(path, code),
                "current": code == current,
                "bidi": info["bidi"],
            }
        )
    return links


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
