from django.contrib.sitemaps import Sitemap
from django.urls import reverse


class BulletinPagesSitemap(Sitemap):
    i18n = True
    alternates = True

    def items(self):
        return ["bulletin:archive"]

    def location(self, item):
        return reverse(item)


sitemaps = {"bulletin": BulletinPagesSitemap}
