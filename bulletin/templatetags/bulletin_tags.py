from django import template

from bulletin import selectors
from centre.richtext import render_richtext

register = template.Library()


@register.simple_tag
def parliament_stories(parliament):
    """The published bulletin stories about a parliament, for its page."""
    return selectors.parliament_stories(parliament=parliament)


@register.filter
def richtext(value):
    return render_richtext(value)
