"""Images and documents uploaded in the workspace are checked by content, extension and size."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from tests.factories import HubFactory
from tests.hubs.factories import hub_editor

pytestmark = pytest.mark.django_db


def png_bytes(size=(4, 4)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, "navy").save(buffer, format="PNG")
    return buffer.getvalue()


@pytest.fixture
def editor_client(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    hub = HubFactory(slug="uploads")
    client.force_login(hub_editor(hub))
    return client


def _post_update(client, upload):
    return client.post(
        "/en/hubs/uploads/workspace/updates/new/",
        {"title": "With image", "body": "<p>x</p>", "image": upload, "image_alt": "Alt"},
    )


def test_an_html_page_named_like_a_photo_is_refused(editor_client):
    fake = SimpleUploadedFile("photo.jpg", b"<html><script>x</script></html>", "image/jpeg")
    response = _post_update(editor_client, fake)
    assert response.status_code == 200
    assert "With image" in response.content.decode()
    assert "errorlist" in response.content.decode()


def test_a_png_named_jpg_is_refused_for_its_extension(editor_client):
    response = _post_update(
        editor_client, SimpleUploadedFile("photo.jpg", png_bytes(), "image/jpeg")
    )
    assert response.status_code == 200
    assert "does not match its content" in response.content.decode()


def test_a_too_large_image_is_refused(editor_client, monkeypatch):
    from centre.uploads import validate_image

    monkeypatch.setattr(validate_image, "max_bytes", 10)
    response = _post_update(
        editor_client, SimpleUploadedFile("photo.png", png_bytes(), "image/png")
    )
    assert response.status_code == 200
    assert "too large" in response.content.decode()


def test_a_fake_pdf_document_is_refused(editor_client):
    response = editor_client.post(
        "/en/hubs/uploads/workspace/resources/new/",
        {
            "kind": "document",
            "title": "Report",
            "file": SimpleUploadedFile("report.pdf", b"MZ\x90\x00 not a pdf", "application/pdf"),
            "order": 0,
        },
    )
    assert response.status_code == 200
    assert "This kind of file is not accepted" in response.content.decode()


def test_a_real_pdf_document_is_accepted(editor_client):
    pdf = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
    response = editor_client.post(
        "/en/hubs/uploads/workspace/resources/new/",
        {
            "kind": "document",
            "title": "Report",
            "file": SimpleUploadedFile("report.pdf", pdf, "application/pdf"),
            "order": 0,
        },
    )
    assert response.status_code == 302
