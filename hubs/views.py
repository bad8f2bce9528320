from django.shortcuts import get_object_or_404, render

from centre.cache import public_page
from hubs import selectors
from hubs.models import Hub


@public_page
def hub_index(request):
    kind = request.GET.get("kind")
    if kind not in Hub.Kind.values:
        kind = None
    return render(
        request,
        "hubs/hub_index.html",
        {"hubs": selectors.hub_list(kind=kind), "kind": kind, "kinds": Hub.Kind.choices},
    )


@public_page
def hub_detail(request, slug):
    hub = get_object_or_404(selectors.hub_detail_queryset(), slug=slug)
    return render(request, "hubs/hub_detail.html", {"hub": hub})
