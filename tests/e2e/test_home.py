"""Browser tests of the public pages: languages and direction, the language switcher, keyboard
access, the parliaments directory, and axe-core on the home page in every language.

UI strings are being translated elsewhere, so these tests assert structure, lang/dir, seed
content, and language names in the switcher (each shown in its own language), never labels.
"""

import re

import pytest
from django.utils import translation
from playwright.sync_api import expect

from tests.e2e.support import VIEWPORT, format_violations, severe

pytestmark = pytest.mark.e2e

LANGUAGES = ["en", "fr", "es", "ar"]


def hub_names(lang: str) -> list[str]:
    from hubs.models import Hub

    return [getattr(hub, f"name_{lang}") or hub.name_en for hub in Hub.objects.order_by("order")]


def language_name(code: str) -> str:
    """The language's own name, as the switcher shows it (Django's name_local)."""
    return translation.get_language_info(code)["name_local"]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_home_page_in_each_language(seeded_live_server, page, lang, axe, screenshot):
    names = hub_names(lang)
    assert len(names) == 4, f"the seed should have four hubs, found {names}"

    response = page.goto(f"{seeded_live_server.url}/{lang}/")
    assert response is not None and response.status == 200

    html = page.locator("html")
    expect(html).to_have_attribute("lang", lang)
    expect(html).to_have_attribute("dir", "rtl" if lang == "ar" else "ltr")
    expect(page.locator("h1")).to_have_count(1)
    expect(page.locator("h1")).to_be_visible()
    for name in names:
        expect(page.get_by_role("link", name=name, exact=True)).to_be_visible()

    # The switcher shows every language in its own language, and marks the current one.
    switcher = page.locator("nav.language-switcher")
    for code in LANGUAGES:
        link = switcher.locator(f'a[hreflang="{code}"]')
        expect(link).to_have_text(language_name(code))
        expect(link).to_have_attribute("lang", code)
    expect(switcher.locator('a[aria-current="true"]')).to_have_attribute("hreflang", lang)

    screenshot(page, f"home-{lang}")

    violations = severe(axe(page))
    assert not violations, (
        f"axe-core found serious/critical WCAG violations on /{lang}/:\n"
        + format_violations(violations)
    )


@pytest.mark.parametrize("locale", ["fr-FR"])
def test_root_follows_accept_language(live_server, page):
    # The context's locale is what Chromium sends as Accept-Language.
    with page.expect_request(f"{live_server.url}/") as first:
        page.goto(f"{live_server.url}/")
    assert first.value.headers.get("accept-language", "").startswith("fr-FR")
    expect(page).to_have_url(f"{live_server.url}/fr/")
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    expect(page.locator("html")).to_have_attribute("dir", "ltr")


def _brand_box(page):
    box = page.locator("header .brand").bounding_box()
    assert box is not None, "the .brand link is not rendered"
    return box


def test_language_switcher_keeps_the_page_and_mirrors_arabic(seeded_live_server, page):
    base = seeded_live_server.url
    half = VIEWPORT["width"] / 2

    page.goto(f"{base}/en/about/")
    english_brand = _brand_box(page)
    assert english_brand["x"] + english_brand["width"] <= half, (
        f"in English the brand should sit on the left half of the viewport: {english_brand}"
    )

    page.get_by_role("navigation", name="Language").get_by_role("link", name="Français").click()
    expect(page).to_have_url(f"{base}/fr/about/")
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    expect(page.locator("html")).to_have_attribute("dir", "ltr")

    # The nav's label is being translated: find it by class in French, the link by its name.
    arabic = language_name("ar")
    page.locator("nav.language-switcher").get_by_role("link", name=arabic, exact=True).click()
    expect(page).to_have_url(f"{base}/ar/about/")
    expect(page.locator("html")).to_have_attribute("lang", "ar")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")

    arabic_brand = _brand_box(page)
    assert arabic_brand["x"] > half, (
        "in Arabic the brand should be mirrored to the right half of the viewport "
        f"(CSS logical properties): {arabic_brand}"
    )


def test_skip_link_is_the_first_tab_stop_and_moves_focus_to_main(live_server, page):
    page.goto(f"{live_server.url}/en/")

    page.keyboard.press("Tab")
    skip = page.locator("a.skip-link")
    expect(skip).to_be_focused()
    expect(skip).to_have_text("Skip to main content")
    expect(skip).to_have_attribute("href", "#content")
    box = skip.bounding_box()
    assert box is not None
    inside = (
        box["x"] >= 0
        and box["y"] >= 0
        and box["x"] + box["width"] <= VIEWPORT["width"]
        and box["y"] + box["height"] <= VIEWPORT["height"]
    )
    assert inside, f"the focused skip link should be inside the viewport, it is at {box}"
    expect(skip).to_be_in_viewport()

    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"#content$"))
    expect(page.locator("main#content")).to_be_focused()


def test_parliaments_by_region_and_a_parliament_page(seeded_live_server, page):
    from centre.models import MemberParliament
    from centre.models.parliaments import GeopoliticalGroup

    base = seeded_live_server.url
    page.goto(f"{base}/en/parliaments/")

    headings = page.locator("main section > h2")
    expect(headings).to_have_count(len(GeopoliticalGroup.values))
    assert len(GeopoliticalGroup.values) == 6
    for code, label in GeopoliticalGroup.choices:
        heading = page.locator(f"main section > h2#{code}")
        expect(heading).to_be_visible()
        expect(heading).to_contain_text(str(label))  # English is the source language

    brazil = MemberParliament.objects.get(code__iexact="br")
    link = page.locator('main a[href$="/parliaments/br/"]')
    expect(link).to_have_count(1)
    expect(link).to_have_text(brazil.name)
    link.click()
    expect(page).to_have_url(f"{base}/en/parliaments/br/")
    expect(page.locator("h1")).to_have_text(brazil.name)
