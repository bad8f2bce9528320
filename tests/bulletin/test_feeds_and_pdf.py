"""Feeds parsed back, the sitemap, and the PDF edition's text in each language."""

import io
import shutil
import subprocess
from xml.etree import ElementTree

import pytest
from django.urls import reverse
from django.utils import translation

from bulletin.models import Area, IssueEdition
from bulletin.services import editions
from tests.bulletin.factories import StoryFactory, published_issue
from tests.conftest import require
from tests.factories import MemberParliamentFactory

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


def url(name, **kwargs):
    with translation.override("en"):
        return reverse(name, kwargs=kwargs)


@pytest.fixture
def stories():
    chile = MemberParliamentFactory(code="CL")
    issue = published_issue(stories=0)
    return [
        StoryFactory(
            issue=issue, parliaments=[chile], area=Area.OPEN_DATA, title_en="Chile & data"
        ),
        StoryFactory(
            issue=issue,
            parliaments=[MemberParliamentFactory(code="KE")],
            area=Area.CYBERSECURITY,
            title_en="Firewall <upgrade>",
        ),
        StoryFactory(
            issue=issue,
            parliaments=[MemberParliamentFactory(code="JP")],
            area=Area.OPEN_DATA,
            title_en="Third",
        ),
    ]


def test_rss_feed_of_all_stories_is_valid_rss_2(client, stories):
    response = client.get(url("bulletin:feed_rss"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    root = ElementTree.fromstring(response.content)
    assert root.tag == "rss" and root.get("version") == "2.0"
    channel = root.find("channel")
    assert channel.findtext("title")
    items = channel.findall("item")
    assert {item.findtext("title") for item in items} == {s.title for s in stories}
    for item in items:
        assert item.findtext("link").startswith("http")
        assert item.findtext("pubDate")
        assert item.findtext("guid")
    assert "Firewall <upgrade>" in {item.findtext("title") for item in items}


def test_atom_feed_per_area_lists_only_that_area(client, stories):
    response = client.get(url("bulletin:feed_area_atom", area="open_data"))
    root = ElementTree.fromstring(response.content)
    assert root.tag == f"{ATOM}feed"
    assert root.find(f"{ATOM}id") is not None and root.find(f"{ATOM}updated") is not None
    titles = {entry.findtext(f"{ATOM}title") for entry in root.findall(f"{ATOM}entry")}
    assert titles == {"Chile & data", "Third"}
    for entry in root.findall(f"{ATOM}entry"):
        assert entry.find(f"{ATOM}link").get("href").startswith("http")
        assert entry.findtext(f"{ATOM}updated")


def test_feed_per_parliament(client, stories):
    root = ElementTree.fromstring(
        client.get(url("bulletin:feed_parliament_rss", code="cl")).content
    )
    assert [i.findtext("title") for i in root.iter("item")] == ["Chile & data"]
    assert client.get(url("bulletin:feed_parliament_rss", code="zz")).status_code == 404
    assert client.get(url("bulletin:feed_area_rss", area="nonsense")).status_code == 404


def test_sitemap_lists_issues_and_stories_in_every_language(client, stories):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    tree = ElementTree.parse(io.BytesIO(response.content))
    locations = [loc.text for loc in tree.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    story = stories[0]
    for lang in ("en", "fr", "es", "ar"):
        assert any(loc.endswith(f"/{lang}/bulletin/stories/{story.slug}/") for loc in locations)
        assert any(
            loc.endswith(f"/{lang}/bulletin/issues/{story.issue.number}/") for loc in locations
        )


def _pdf_text(pdf: bytes) -> str:
    require(shutil.which("pdftotext") is not None, "pdftotext (poppler-utils) is not installed")
    return subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode()


def test_pdf_edition_carries_the_issue_text_in_the_readers_language(client):
    issue = published_issue(stories=3, title_fr="Parlements ouverts")
    story = issue.stories.first()
    story.title_fr = "Portail de données"
    story.save()
    with translation.override("fr"):
        path = reverse("bulletin:issue_pdf", kwargs={"number": issue.number})
    response = client.get(path)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]
    text = _pdf_text(b"".join(response.streaming_content))
    assert "Bulletin de l'innovation" in text or "Parlements ouverts" in text
    assert "Parlements ouverts" in text
    assert "Portail de données" in text


def test_pdf_edition_is_printed_again_only_when_the_issue_changes():
    issue = published_issue(stories=3)
    first = editions.issue_edition_get(issue_id=issue.pk, language="en")
    again = editions.issue_edition_get(issue_id=issue.pk, language="en")
    assert again.pdf.name == first.pdf.name
    story = issue.stories.first()
    story.title_en = "A changed title"
    story.save()
    changed = editions.issue_edition_get(issue_id=issue.pk, language="en")
    assert changed.content_hash != first.content_hash
    assert IssueEdition.objects.filter(issue=issue).count() == 1
    assert "A changed title" in _pdf_text(changed.pdf.open("rb").read())


def test_arabic_pdf_edition(client):
    issue = published_issue(stories=3, title_ar="البرلمان المفتوح")
    edition = editions.issue_edition_get(issue_id=issue.pk, language="ar")
    text = _pdf_text(edition.pdf.open("rb").read())
    assert "المفتوح" in text
