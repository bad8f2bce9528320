from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from hubs.models import Hub


class HubIndexSitemap(Sitemap):
    i18n = True
    alternates = True

    def items(self):
        return ["hubs:index"]

    def location(self, item):
        return reverse(item)


class HubSitemap(Sitemap):
    i18n = True
    alternates = True
    changefreq = "weekly"

    def items(self):
        return Hub.objects.filter(is_active=True).order_by("order")


sitemaps = {"hub-index": HubIndexSitemap, "hubs": HubSitemap}
