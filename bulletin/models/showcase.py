from django.conf import settings
from django.conf.global_settings import LANGUAGES as ALL_LANGUAGES
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from centre.uploads import validate_video


def _video_languages() -> list[tuple[str, str]]:
    """Languages by their ISO 639-1 code (a video in Spanish is in "es", whatever the accent):
    the portal's four first, then the rest. Django's own catalogue translates the names of
    the languages it lists, so the names are marked for translation under the same words."""
    names = {code: _(name) for code, name in ALL_LANGUAGES if "-" not in code}
    names["zh"] = _("Chinese")
    portal = [code for code, _name in settings.LANGUAGES]
    return [(code, names[code]) for code in portal] + [
        (code, names[code]) for code in sorted(names) if code not in portal
    ]


VIDEO_LANGUAGES = _video_languages()


class ShowcaseVideo(models.Model):
    """A short video of a parliament's good practice, proposed for the parliaments' showcase."""

    affects_public_pages = True

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Proposed")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")

    status = models.CharField(
        _("status"),
        max_length=10,
        choices=Status.choices,
        default=Status.PROPOSED,
        db_index=True,
    )
    title = models.CharField(_("title"), max_length=200)
    parliament = models.ForeignKey(
        "centre.MemberParliament",
        on_delete=models.PROTECT,
        related_name="showcase_videos",
        verbose_name=_("parliament"),
    )
    description = models.TextField(_("description"), max_length=2000)
    language = models.CharField(
        _("language of the video"), max_length=10, choices=VIDEO_LANGUAGES, default="en"
    )
    url = models.URLField(_("link to the video"), max_length=500, blank=True)
    file = models.FileField(
        _("video file"), upload_to="bulletin/showcase/", blank=True, validators=[validate_video]
    )
    event = models.ForeignKey(
        "conferences.Event",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="showcase_videos",
        verbose_name=_("conference"),
    )
    theme = models.ForeignKey(
        "conferences.Theme",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="showcase_videos",
        verbose_name=_("theme"),
    )
    consent = models.BooleanField(_("consent to publish"))
    shown_in_plenary = models.BooleanField(_("shown in plenary"), default=False)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="showcase_videos",
        verbose_name=_("proposed by"),
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    created_at = models.DateTimeField(_("proposed at"), auto_now_add=True)

    class Meta:
        verbose_name = _("showcase video")
        verbose_name_plural = _("showcase videos")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(url="") & ~models.Q(file=""))
                | (~models.Q(url="") & models.Q(file="")),
                name="bulletin_video_has_link_or_file",
                violation_error_message=_("Give either a link to the video or its file."),
            ),
            models.CheckConstraint(
                condition=models.Q(consent=True),
                name="bulletin_video_has_consent",
                violation_error_message=_("We need your consent to publish the video."),
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("showcase:video", kwargs={"pk": self.pk})
