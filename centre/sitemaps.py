"""`/sitemap.xml` for the whole portal: each app lists its pages in `<app>/sitemaps.py` as a
`sitemaps` dict, gathered here."""

from importlib import import_module

from django.apps import apps
from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from centre.models import MemberParliament


class CentrePagesSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True
    changefreq = "monthly"

    def items(self):
        return ["home", "about", "parliament_list"]

    def location(self, item):
        return reverse(item)


class ParliamentSitemap(Sitemap):
    i18n = True
    alternates = True
    changefreq = "yearly"

    def items(self):
        return MemberParliament.objects.filter(is_active=True).order_by("code")


def portal_sitemaps() -> dict[str, Sitemap]:
    found = {"centre": CentrePagesSitemap, "parliaments": ParliamentSitemap}
    for config in apps.get_app_configs():
        if config.name == "centre":
            continue
        try:
            module = import_module(f"{config.name}.sitemaps")
        except ModuleNotFoundError as error:
            if error.name != f"{config.name}.sitemaps":
                raise
            continue
        found.update(module.sitemaps)
    return found
