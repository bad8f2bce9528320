from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from bulletin import selectors


class BulletinPagesSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True
    changefreq = "monthly"

    def items(self):
        return ["bulletin:archive", "bulletin:stories", "bulletin:subscribe", "bulletin:report"]

    def location(self, item):
        return reverse(item)


class IssueSitemap(Sitemap):
    i18n = True
    alternates = True
    changefreq = "yearly"

    def items(self):
        return selectors.published_issues().order_by("number")

    def lastmod(self, issue):
        return issue.updated_at


class StorySitemap(Sitemap):
    i18n = True
    alternates = True
    changefreq = "yearly"

    def items(self):
        return selectors.public_stories().order_by("pk")

    def lastmod(self, story):
        return story.updated_at


class ShowcaseVideoSitemap(Sitemap):
    """Lists the showcase's pages once the portal's urls route /<lang>/showcase/."""

    i18n = True
    alternates = True
    changefreq = "monthly"

    def items(self):
        from django.urls import NoReverseMatch

        try:
            reverse("showcase:library")
        except NoReverseMatch:
            return []
        return ["library", *selectors.showcase_library().order_by("pk")]

    def location(self, item):
        if item == "library":
            return reverse("showcase:library")
        return item.get_absolute_url()


sitemaps = {
    "bulletin": BulletinPagesSitemap,
    "bulletin-issues": IssueSitemap,
    "bulletin-stories": StorySitemap,
    "showcase": ShowcaseVideoSitemap,
}
