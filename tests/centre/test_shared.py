"""The shared building blocks: rich-text sanitising, upload checks, PDF rendering, sitemap."""

import io
import shutil
import subprocess
from xml.etree import ElementTree

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from centre.errors import UserError
from centre.pdf import render_pdf
from centre.richtext import sanitize_html
from centre.uploads import IMAGE_TYPES, UploadValidator, validate_image
from tests.conftest import require

XSS_CORPUS = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    '<a href="javascript:alert(1)">x</a>',
    '<a href="JaVaScRiPt:alert(1)">x</a>',
    '<svg onload="alert(1)"></svg>',
    '<iframe src="https://evil.example"></iframe>',
    '<p style="background:url(javascript:alert(1))">x</p>',
    '<div onclick="alert(1)">x</div>',
    '<img src="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">',
    "<object data=evil.swf></object>",
    '<form action="https://evil.example"><input name=x></form>',
    "<math><mi xlink:href=javascript:alert(1)>x</mi></math>",
    "<<script>script>alert(1)<</script>/script>",
    '<a href="&#106;avascript:alert(1)">x</a>',
]


@pytest.mark.parametrize("attack", XSS_CORPUS)
def test_sanitizer_strips_anything_that_could_run(attack):
    cleaned = sanitize_html(attack).lower()
    for dangerous in (
        "<script",
        "onerror",
        "onload",
        "onclick",
        "javascript:",
        "<iframe",
        "<svg",
        "style=",
        "<object",
        "<form",
        "data:text",
    ):
        assert dangerous not in cleaned, (attack, cleaned)


def test_sanitizer_keeps_editorial_structure():
    html = (
        '<h2>Open data</h2><p>The <strong>Chamber</strong> publishes <a href="https://dados.camara.leg.br">'
        'open data</a>.</p><ul><li>XML</li></ul><img src="https://example.org/a.png" alt="Chart">'
    )
    cleaned = sanitize_html(html)
    assert "<h2>Open data</h2>" in cleaned
    assert '<a href="https://dados.camara.leg.br" rel="noopener noreferrer nofollow">' in cleaned
    assert 'alt="Chart"' in cleaned


PNG = (
    bytes.fromhex(
        "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
        "1f15c4890000000d49444154789c6300010000050001"
    )
    + b"\x00" * 32
)


def test_upload_with_matching_content_and_name_is_accepted():
    validate_image(SimpleUploadedFile("chart.png", PNG, content_type="image/png"))


def test_upload_whose_content_is_not_an_image_is_refused():
    fake = SimpleUploadedFile(
        "photo.jpg", b"<html><script>alert(1)</script></html>", content_type="image/jpeg"
    )
    with pytest.raises(ValidationError) as error:
        validate_image(fake)
    assert error.value.code == "bad_type"


def test_upload_whose_name_lies_about_its_content_is_refused():
    with pytest.raises(ValidationError) as error:
        validate_image(SimpleUploadedFile("chart.gif", PNG))
    assert error.value.code == "bad_extension"


def test_upload_over_the_size_limit_is_refused():
    with pytest.raises(ValidationError) as error:
        UploadValidator(IMAGE_TYPES, 100)(SimpleUploadedFile("chart.png", PNG + b"\x00" * 200))
    assert error.value.code == "too_large"


def _pdf_text(pdf: bytes) -> str:
    require(
        shutil.which("pdftotext") is not None, "pdftotext (Debian's poppler-utils) is not installed"
    )
    return subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode()


@pytest.fixture
def pdf_templates(test_templates):
    return test_templates


def test_pdf_renders_text_in_the_requested_language(pdf_templates):
    pdf = render_pdf(
        template="tests/document.html", context={"title": "Brasilia 2019"}, language="fr"
    )
    assert pdf.startswith(b"%PDF")
    text = _pdf_text(pdf)
    assert "Brasilia 2019" in text
    assert "Union interparlementaire" in text


def test_pdf_renders_arabic(pdf_templates):
    text = _pdf_text(
        render_pdf(template="tests/document.html", context={"title": "مؤتمر"}, language="ar")
    )
    # pdftotext splits the lam-alef ligature of "الاتحاد", so check the words after it.
    assert "البرلماني الدولي" in text


def test_pdf_never_fetches_files_or_remote_hosts(pdf_templates, caplog):
    pdf = render_pdf(
        template="tests/hostile_document.html",
        context={},
        language="en",
    )
    assert pdf.startswith(b"%PDF")
    text = _pdf_text(pdf)
    assert "root:x:0:0" not in text
    blocked = " ".join(record.getMessage() for record in caplog.records)
    assert "file:///etc/passwd" in blocked
    assert "evil.example" in blocked


@pytest.mark.django_db
def test_sitemap_lists_the_public_pages_in_every_language(client, seeded):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    tree = ElementTree.parse(io.BytesIO(response.content))
    locations = [loc.text for loc in tree.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    for path in (
        "/en/",
        "/ar/about/",
        "/fr/parliaments/br/",
        "/es/hubs/latin-america/",
        "/en/conferences/world-e-parliament-conference-2021/",
        "/fr/partners/",
        "/en/bulletin/",
    ):
        assert f"http://testserver{path}" in locations, path


class _SampleError(UserError):
    messages = {"taken": "This address is taken.", "closed": "Closed."}


class _SampleForm(forms.Form):
    email = forms.EmailField()


def test_a_user_error_goes_beside_its_field_or_above_the_form():
    form = _SampleForm({"email": "ana@parliament.example"})
    assert form.is_valid()
    _SampleError("taken", field="email").show_on(form)
    _SampleError("closed", field="not_on_this_form").show_on(form)
    assert form.errors["email"] == ["This address is taken."]
    assert form.non_field_errors() == ["Closed."]
    assert str(_SampleError("closed")) == "Closed."
