"""PDF documents (letters, bulletin editions, badges) rendered with WeasyPrint.

The documents are rendered from our own templates, but they carry text typed by users, so
WeasyPrint may fetch nothing but the portal's own static files: no file:// URL, no remote host.
"""

import mimetypes
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import translation
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

# Relative URLs in a document resolve against this base; nothing on it exists on the network
# (.invalid is reserved), the fetcher below answers for it from the static files.
BASE_URL = "https://static.portal.invalid/"


class BlockedResourceError(ValueError):
    pass


class StaticFilesOnlyFetcher(URLFetcher):
    def fetch(self, url, headers=None):
        if url.startswith("data:"):
            return super().fetch(url, headers)
        prefix = BASE_URL.rstrip("/") + settings.STATIC_URL
        if not url.startswith(prefix):
            raise BlockedResourceError(f"PDF documents may not load {url!r}")
        relative = url[len(prefix) :].split("?")[0].split("#")[0]
        path = _static_path(relative)
        if path is None:
            raise BlockedResourceError(f"No static file {relative!r}")
        content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": content_type})


def _static_path(relative: str) -> Path | None:
    if ".." in Path(relative).parts:
        return None
    found = finders.find(relative)
    if found:
        return Path(found)
    collected = Path(settings.STATIC_ROOT) / relative
    return collected if collected.is_file() else None


def render_pdf(*, template: str, context: dict, language: str) -> bytes:
    """Renders an HTML template to PDF bytes in the given language."""
    with translation.override(language):
        html = render_to_string(
            template,
            {
                "LANGUAGE_CODE": language,
                "LANGUAGE_BIDI": translation.get_language_bidi(),
                **context,
            },
        )
    return HTML(string=html, base_url=BASE_URL, url_fetcher=StaticFilesOnlyFetcher()).write_pdf()
