"""Video links of the showcase: which hosts are accepted, and the embed address of each.

Nothing here contacts the video host: the embed address is only put in the page, and the
player is loaded when the reader clicks play."""

import re
from urllib.parse import parse_qs, urlsplit

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

YOUTUBE_HOSTS = {"youtube.com", "www.youtube.com", "m.youtube.com", "youtu.be"}
VIMEO_HOSTS = {"vimeo.com", "www.vimeo.com", "player.vimeo.com"}
YOUTUBE_ID = re.compile(r"^[A-Za-z0-9_-]{11}$")
VIMEO_ID = re.compile(r"^\d{4,12}$")
# The players the library may embed once a reader clicks: the CSP's frame-src on those pages.
EMBED_ORIGINS = ["https://www.youtube-nocookie.com", "https://player.vimeo.com"]


def _host(url: str) -> str:
    return (urlsplit(url).hostname or "").lower()


def youtube_id(url: str) -> str | None:
    parts = urlsplit(url)
    host = _host(url)
    if host not in YOUTUBE_HOSTS:
        return None
    if host == "youtu.be":
        candidate = parts.path.strip("/")
    elif parts.path == "/watch":
        candidate = (parse_qs(parts.query).get("v") or [""])[0]
    else:
        match = re.match(r"^/(?:embed|shorts|live)/([^/]+)", parts.path)
        candidate = match.group(1) if match else ""
    return candidate if YOUTUBE_ID.match(candidate) else None


def vimeo_id(url: str) -> str | None:
    parts = urlsplit(url)
    if _host(url) not in VIMEO_HOSTS:
        return None
    segments = [s for s in parts.path.split("/") if s]
    candidate = segments[-1] if segments else ""
    return candidate if VIMEO_ID.match(candidate) else None


def embed_url(url: str) -> str | None:
    """The privacy-respecting player address of a YouTube or Vimeo link, else None."""
    if not url:
        return None
    if video := youtube_id(url):
        return f"https://www.youtube-nocookie.com/embed/{video}?autoplay=1"
    if video := vimeo_id(url):
        return f"https://player.vimeo.com/video/{video}?autoplay=1&dnt=1"
    return None


def _same_site(host: str, site_host: str) -> bool:
    site_host = site_host.lower().removeprefix("www.")
    return bool(site_host) and (host == site_host or host.endswith("." + site_host))


def validate_video_link(url: str, *, parliament_website: str = "") -> None:
    """Accepts a https link to a YouTube or Vimeo video, or any https page on the parliament's
    own website; refuses everything else with a message saying what is accepted."""
    parts = urlsplit(url)
    if parts.scheme != "https":
        raise ValidationError(_("The link must start with https://."), code="not_https")
    host = _host(url)
    if host in YOUTUBE_HOSTS or host in VIMEO_HOSTS:
        if embed_url(url) is None:
            raise ValidationError(
                _("This YouTube or Vimeo link does not point to a video."), code="not_a_video"
            )
        return
    if parliament_website and _same_site(host, _host(parliament_website)):
        return
    raise ValidationError(
        _("Give a link to YouTube, Vimeo or your parliament's own website."), code="bad_host"
    )
