from django import template

from partners import selectors

register = template.Library()


@register.simple_tag
def parliament_partnerships(parliament):
    """The parliament's partnerships and whether it is a core partner, for its page."""
    return selectors.parliament_partnerships(parliament)
