"""A reader of the Innovation Bulletin, in Arabic (right to left): browses the archive,
searches, opens a story, downloads the PDF edition, subscribes and confirms by e-mail.

Labels are being translated elsewhere, so the test finds elements by id, role and content,
never by label text. The issue and stories are demo data made by the factories."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.support import format_violations, severe

pytestmark = pytest.mark.e2e


@pytest.fixture
def demo_issue(seeded_live_server):
    from centre.models import MemberParliament
    from tests.bulletin.factories import StoryFactory, published_issue

    brazil = MemberParliament.objects.get(code__iexact="br")
    issue = published_issue(stories=0, title_en="Demo issue", title_ar="عدد تجريبي")
    stories = [
        StoryFactory(
            issue=issue,
            parliaments=[brazil],
            title_en="Demo open data portal",
            title_ar="بوابة البيانات المفتوحة",
            summary_ar="ملخص تجريبي عن البيانات المفتوحة",
            body_ar="<p>نص تجريبي عن البيانات المفتوحة للبرلمان</p>",
        ),
        StoryFactory(issue=issue, title_en="Demo chatbot", title_ar="روبوت المحادثة"),
        StoryFactory(issue=issue, title_en="Demo remote votes", title_ar="التصويت عن بعد"),
    ]
    return issue, stories


def test_arabic_reader_browses_searches_downloads_and_subscribes(
    seeded_live_server, demo_issue, page, axe, screenshot
):
    from bulletin.models import Subscriber
    from centre.models import OutgoingMail

    issue, stories = demo_issue
    base = seeded_live_server.url

    # The archive, right to left.
    page.goto(f"{base}/ar/bulletin/")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.locator("html")).to_have_attribute("lang", "ar")
    expect(page.locator("main")).to_contain_text("عدد تجريبي")
    screenshot(page, "bulletin-archive-ar")
    violations = severe(axe(page))
    assert not violations, format_violations(violations)

    # Search.
    page.locator("#story-search-q").fill("البيانات")
    page.locator("form.story-search button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/ar/bulletin/stories/\?q="))
    results = page.locator("ul.story-list")
    expect(results).to_contain_text("بوابة البيانات المفتوحة")
    expect(results).not_to_contain_text("روبوت المحادثة")
    screenshot(page, "bulletin-search-ar")

    # The story.
    results.get_by_role("link", name="بوابة البيانات المفتوحة").click()
    expect(page).to_have_url(f"{base}/ar/bulletin/stories/{stories[0].slug}/")
    expect(page.locator("h1")).to_have_text("بوابة البيانات المفتوحة")
    expect(page.locator(".story-body")).to_contain_text("نص تجريبي")
    screenshot(page, "bulletin-story-ar")

    # The issue and its PDF edition.
    page.locator(".breadcrumb a").nth(1).click()
    expect(page).to_have_url(f"{base}/ar/bulletin/issues/{issue.number}/")
    with page.expect_download(timeout=60_000) as download_info:
        page.locator("a.pdf-link").click()
    download = download_info.value
    assert download.suggested_filename == f"innovation-bulletin-{issue.number}-ar.pdf"
    with open(download.path(), "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"

    # Subscribe, then confirm from the e-mail.
    page.goto(f"{base}/ar/bulletin/subscribe/")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    page.locator("#id_email").fill("reader@parliament.example")
    page.locator("#id_language").select_option("ar")
    screenshot(page, "bulletin-subscribe-ar")
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(f"{base}/ar/bulletin/subscribe/sent/")

    mail = OutgoingMail.objects.get(kind="bulletin-subscription")
    assert mail.language == "ar"
    path = re.search(r"/ar/bulletin/subscribe/confirm/[\w-]+/", mail.body_text).group(0)
    page.goto(base + path)
    page.locator("main form button[type=submit]").click()
    expect(page.locator("h1")).to_be_visible()
    screenshot(page, "bulletin-subscribed-ar")
    subscriber = Subscriber.objects.get(email="reader@parliament.example")
    assert subscriber.status == Subscriber.Status.CONFIRMED
    assert subscriber.language == "ar"
