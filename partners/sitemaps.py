from django.contrib.sitemaps import Sitemap
from django.urls import reverse


class PartnerPagesSitemap(Sitemap):
    i18n = True
    alternates = True

    def items(self):
        return ["partners:index", "partners:funding", "partners:take_part"]

    def location(self, item):
        return reverse(item)


sitemaps = {"partners": PartnerPagesSitemap}
