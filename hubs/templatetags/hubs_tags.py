from django import template

from centre.richtext import render_richtext
from hubs.models import HubMembership
from hubs.selectors import hubs_editable_by

register = template.Library()


@register.filter
def richtext(value):
    """Prints editor-typed rich text (sanitised when saved, and again here)."""
    return render_richtext(value or "")


@register.simple_tag
def parliament_hub_memberships(parliament):
    """The active hubs the parliament takes part in; no query when the parliament page's
    `takes_part_in_hubs` flag says there are none."""
    if not getattr(parliament, "takes_part_in_hubs", True):
        return []
    return list(
        HubMembership.objects.filter(parliament=parliament, hub__is_active=True)
        .select_related("hub")
        .order_by("hub__order")
    )


@register.simple_tag
def can_edit_hub(user, hub) -> bool:
    """Whether to show the workspace link; anonymous readers (the cached page) cost nothing."""
    if not user.is_authenticated:
        return False
    return hubs_editable_by(user).filter(pk=hub.pk).exists()
