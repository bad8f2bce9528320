from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from conferences.models import Event


class EventIndexSitemap(Sitemap):
    i18n = True
    alternates = True

    def items(self):
        return ["conferences:index"]

    def location(self, item):
        return reverse(item)


class EventSitemap(Sitemap):
    i18n = True
    alternates = True

    def items(self):
        return Event.objects.order_by("-start_date")


sitemaps = {"event-index": EventIndexSitemap, "events": EventSitemap}
