from django.shortcuts import get_object_or_404, render

from centre.cache import public_page
from conferences import selectors


@public_page
def event_index(request):
    return render(request, "conferences/event_index.html", {"events": selectors.event_list()})


@public_page
def event_detail(request, slug):
    event = get_object_or_404(selectors.event_detail_queryset(), slug=slug)
    return render(request, "conferences/event_detail.html", {"event": event})
