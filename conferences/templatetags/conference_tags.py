from django import template

from conferences.models import Audience

register = template.Library()


@register.filter
def audience_label(code):
    """The translated name of an audience code, as sessions store them."""
    return dict(Audience.choices).get(code, code)
