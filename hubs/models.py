from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from centre.models import MemberParliament


class Hub(models.Model):
    """A regional or thematic hub of the Centre, run like a franchise by its host parliament."""

    affects_public_pages = True

    class Kind(models.TextChoices):
        REGIONAL = "regional", _("Regional hub")
        THEMATIC = "thematic", _("Thematic hub")

    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    region = models.CharField(
        _("region"), max_length=100, blank=True, help_text=_("For regional hubs.")
    )
    host_parliament = models.ForeignKey(
        MemberParliament,
        on_delete=models.PROTECT,
        related_name="hosted_hubs",
        verbose_name=_("host parliament"),
    )
    summary = models.TextField(_("purpose"), help_text=_("What the hub does, in two sentences."))
    description = models.TextField(_("description"), blank=True)
    participation_rule = models.TextField(_("who may participate"))
    is_active = models.BooleanField(_("active"), default=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("hub")
        verbose_name_plural = _("hubs")
        ordering = ["order", "name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("hubs:detail", kwargs={"slug": self.slug})
