"""Uploads are checked by their content (magic bytes), their extension and their size: a file
named photo.jpg that is really an HTML page or an executable is refused."""

from pathlib import Path

import filetype
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

IMAGE_TYPES = {
    "image/jpeg": {".jpg", ".jpeg"},
    "image/png": {".png"},
    "image/webp": {".webp"},
    "image/gif": {".gif"},
}
DOCUMENT_TYPES = {
    "application/pdf": {".pdf"},
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": {".docx"},
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": {".xlsx"},
    "application/vnd.openxmlformats-officedocument.presentationml.presentation": {".pptx"},
}
VIDEO_TYPES = {"video/mp4": {".mp4"}, "video/webm": {".webm"}, "video/quicktime": {".mov"}}


@deconstructible
class UploadValidator:
    """A model or form field validator: `validators=[UploadValidator(IMAGE_TYPES, 5 * MB)]`."""

    def __init__(self, allowed: dict, max_bytes: int):
        self.allowed = allowed
        self.max_bytes = max_bytes

    def __eq__(self, other):
        return isinstance(other, UploadValidator) and (self.allowed, self.max_bytes) == (
            other.allowed,
            other.max_bytes,
        )

    def __call__(self, upload):
        if upload.size > self.max_bytes:
            raise ValidationError(
                _("The file is too large (%(size)s). The limit is %(limit)s."),
                code="too_large",
                params={
                    "size": filesizeformat(upload.size),
                    "limit": filesizeformat(self.max_bytes),
                },
            )
        position = upload.tell() if hasattr(upload, "tell") else 0
        upload.seek(0)
        head = upload.read(8192)
        upload.seek(position)
        kind = filetype.guess(head)
        mime = kind.mime if kind else None
        # Office files are zip archives: filetype names them by their inner structure.
        extension = Path(upload.name or "").suffix.lower()
        if mime not in self.allowed:
            raise ValidationError(
                _("This kind of file is not accepted. Accepted: %(kinds)s."),
                code="bad_type",
                params={
                    "kinds": ", ".join(sorted({e for exts in self.allowed.values() for e in exts}))
                },
            )
        if extension not in self.allowed[mime]:
            raise ValidationError(
                _(
                    "The file's name does not match its content "
                    "(%(extension)s is not a %(kind)s file)."
                ),
                code="bad_extension",
                params={"extension": extension or "?", "kind": mime},
            )


MB = 1024 * 1024
validate_image = UploadValidator(IMAGE_TYPES, 5 * MB)
validate_document = UploadValidator(DOCUMENT_TYPES, 20 * MB)
validate_video = UploadValidator(VIDEO_TYPES, 200 * MB)
