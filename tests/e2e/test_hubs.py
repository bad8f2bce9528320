"""A hub editor signs in, edits the hub page and publishes an update in French; a public
reader sees both in French; an editor of another hub gets 404 from that hub's workspace."""

import io

import pytest
from playwright.sync_api import expect

from hubs.models import Hub, HubChange
from tests.e2e.support import VIEWPORT, format_violations, severe
from tests.hubs.factories import hub_editor

pytestmark = pytest.mark.e2e
PASSWORD = "correct horse battery staple"


def _png() -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (64, 40), "navy").save(buffer, format="PNG")
    return buffer.getvalue()


def _sign_in(page, base, email):
    page.goto(f"{base}/fr/accounts/login/")
    page.fill("input[name=login]", email)
    page.fill("input[name=password]", PASSWORD)
    page.locator("form button[type=submit]").last.click()
    page.wait_for_load_state()


@pytest.mark.parametrize("locale", ["fr-FR"])
def test_hub_editor_edits_the_page_and_publishes_an_update_in_french(
    seeded_live_server, browser, page, screenshot, axe, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    base = seeded_live_server.url
    cloud = Hub.objects.get(slug="inter-parliamentary-cloud")
    latin_america = Hub.objects.get(slug="latin-america")
    editor = hub_editor(cloud, email="editeur@camara.example")
    other_editor = hub_editor(latin_america, email="editor@camara-chile.example")

    _sign_in(page, base, editor.email)
    page.goto(f"{base}/fr/hubs/inter-parliamentary-cloud/workspace/")
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    expect(page.locator("h1")).to_contain_text(cloud.name_fr)
    screenshot(page, "hub-workspace-fr")
    violations = severe(axe(page))
    assert not violations, format_violations(violations)

    page.goto(f"{base}/fr/hubs/inter-parliamentary-cloud/workspace/page/")
    page.fill("textarea[name=description]", "<h2>Données ouvertes</h2><p>Réunion à Brasilia.</p>")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    expect(page).to_have_url(f"{base}/fr/hubs/inter-parliamentary-cloud/workspace/")

    page.goto(f"{base}/fr/hubs/inter-parliamentary-cloud/workspace/updates/new/")
    page.fill("input[name=title]", "Lancement du tableau de bord comparatif")
    page.fill("textarea[name=body]", "<p>Le tableau de bord compare la législation.</p>")
    page.set_input_files(
        "input[name=image]",
        files=[{"name": "tableau.png", "mimeType": "image/png", "buffer": _png()}],
    )
    page.fill("input[name=image_alt]", "Capture du tableau de bord")
    page.fill("input[name=image_caption]", "Le tableau de bord")
    page.fill("input[name=image_credit]", "Chambre des députés du Brésil")
    screenshot(page, "hub-update-form-fr")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    expect(page).to_have_url(f"{base}/fr/hubs/inter-parliamentary-cloud/workspace/")
    assert HubChange.objects.filter(hub=cloud, by=editor).count() == 2

    # A second browser, with no session: the anonymous public reader. CSP bypassed for axe.
    reader = browser.new_context(locale="fr-FR", viewport=VIEWPORT, bypass_csp=True)
    public = reader.new_page()
    public.goto(f"{base}/fr/hubs/inter-parliamentary-cloud/")
    expect(public.locator("h1")).to_have_text(cloud.name_fr)
    expect(public.locator("main h2", has_text="Données ouvertes")).to_be_visible()
    update = public.locator("article.hub-update")
    expect(update.locator("h3")).to_have_text("Lancement du tableau de bord comparatif")
    expect(update.locator("img")).to_have_attribute("alt", "Capture du tableau de bord")
    expect(update.locator("figcaption")).to_contain_text("Chambre des députés du Brésil")
    expect(public.locator("main")).to_contain_text("Brasilia")
    screenshot(public, "hub-page-fr")
    violations = severe(axe(public))
    assert not violations, format_violations(violations)
    reader.close()

    intruder = browser.new_context(locale="fr-FR", viewport=VIEWPORT)
    other = intruder.new_page()
    _sign_in(other, base, other_editor.email)
    response = other.goto(f"{base}/fr/hubs/inter-parliamentary-cloud/workspace/")
    assert response is not None and response.status == 404
    response = other.goto(f"{base}/fr/hubs/inter-parliamentary-cloud/workspace/page/")
    assert response is not None and response.status == 404
    screenshot(other, "hub-workspace-other-editor-404")
    own = other.goto(f"{base}/fr/hubs/latin-america/workspace/")
    assert own is not None and own.status == 200
    intruder.close()


@pytest.mark.parametrize("lang", ["en", "fr", "es", "ar"])
def test_hubs_partners_and_funding_pages_pass_axe_in_each_language(
    seeded_live_server, page, axe, screenshot, lang
):
    from centre.models import MemberParliament
    from tests.partners.factories import (
        ContributionFactory,
        InKindContributionFactory,
        ParliamentPartnerFactory,
        PartnershipFactory,
    )

    # Test data only: the seed has no partner or contribution (the documents name none).
    partner = ParliamentPartnerFactory(parliament=MemberParliament.objects.get(code="KE"))
    PartnershipFactory(partner=partner, tier="financial")
    ContributionFactory(partner=partner, year=2019, pledged_chf=10000, received_chf=10000)
    ContributionFactory(partner=partner, year=2020, pledged_chf=10000, received_chf=0)
    InKindContributionFactory(partner=partner)

    base = seeded_live_server.url
    for path, name in (
        ("hubs/", "hubs"),
        ("hubs/?kind=regional", "hubs-regional"),
        ("hubs/latin-america/", "hub-latin-america"),
        ("partners/", "partners"),
        ("partners/funding/", "funding"),
        ("partners/take-part/", "take-part"),
        ("partners/take-part/network/", "take-part-network"),
    ):
        response = page.goto(f"{base}/{lang}/{path}")
        assert response is not None and response.status == 200, path
        expect(page.locator("html")).to_have_attribute("lang", lang)
        expect(page.locator("h1")).to_have_count(1)
        if name == "funding":
            expect(page.locator("svg[role=img]")).to_have_count(2)
            expect(page.locator("main table").first).to_be_visible()
        if lang in ("en", "ar"):
            screenshot(page, f"{name}-{lang}")
        violations = severe(axe(page))
        assert not violations, f"/{lang}/{path}:\n" + format_violations(violations)
