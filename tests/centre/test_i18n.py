from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from tests.factories import HubFactory, MemberParliamentFactory

ROOT = Path(__file__).resolve().parents[2]
TRANSLATED = [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]


@pytest.mark.parametrize("language", TRANSLATED)
def test_every_ui_string_is_translated(language):
    catalogue = polib.pofile(str(ROOT / "locale" / language / "LC_MESSAGES" / "django.po"))
    untranslated = [entry.msgid for entry in catalogue.untranslated_entries()]
    fuzzy = [entry.msgid for entry in catalogue.fuzzy_entries()]
    assert untranslated == [], f"{len(untranslated)} untranslated in {language}: {untranslated[:5]}"
    assert fuzzy == [], f"{len(fuzzy)} fuzzy in {language}: {fuzzy[:5]}"
    assert len(catalogue) > 100


@pytest.mark.parametrize("language", TRANSLATED)
def test_catalogue_is_compiled_and_used(language):
    with translation.override(language):
        assert translation.gettext("Skip to main content") != "Skip to main content"


@pytest.mark.parametrize(
    ("accept_language", "expected"),
    [("fr-CH,fr;q=0.9", "/fr/"), ("ar", "/ar/"), ("es-419", "/es/"), ("de", "/en/"), ("", "/en/")],
)
def test_root_redirects_by_accept_language(client, accept_language, expected, db):
    response = client.get("/", headers={"accept-language": accept_language})
    assert response.status_code == 302
    assert response.url == expected


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "direction"), [("en", "ltr"), ("fr", "ltr"), ("es", "ltr"), ("ar", "rtl")]
)
def test_pages_declare_language_and_direction(client, language, direction):
    response = client.get(f"/{language}/about/")
    assert f'<html lang="{language}" dir="{direction}">' in response.content.decode()


@pytest.mark.django_db
def test_language_switcher_keeps_the_current_page(client):
    response = client.get("/fr/about/")
    content = response.content.decode()
    for code in ("en", "es", "ar"):
        assert f'href="/{code}/about/" lang="{code}" hreflang="{code}"' in content
    assert 'href="/fr/about/" lang="fr" hreflang="fr" aria-current="true"' in content


@pytest.mark.django_db
def test_language_switcher_keeps_the_page_and_its_arguments(client):
    MemberParliamentFactory(code="BR")
    content = client.get("/es/parliaments/br/?x=1").content.decode()
    assert 'href="/ar/parliaments/br/?x=1" lang="ar"' in content
    assert 'href="/fr/parliaments/br/?x=1" lang="fr"' in content


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("path", "current"),
    [
        ("/en/hubs/", '<a href="/en/hubs/" aria-current="page">Hubs</a>'),
        ("/fr/partners/", '<a href="/fr/partners/" aria-current="page">Partenaires</a>'),
        ("/es/showcase/", '<a href="/es/showcase/" aria-current="page">Vitrina</a>'),
        ("/ar/about/", '<a href="/ar/about/" aria-current="page">'),
    ],
)
def test_main_menu_is_in_the_page_language_and_marks_the_current_page(client, path, current):
    content = client.get(path).content.decode()
    assert current in content
    assert content.count('aria-current="page"') == 1
    language = path.split("/")[1]
    assert f'<a href="/{language}/conferences/">' in content


@pytest.mark.django_db
def test_content_falls_back_to_english_when_a_translation_is_missing(client):
    hub = HubFactory(
        slug="ict",
        name_en="ICT Governance hub",
        name_fr="Pôle thématique Gouvernance des TIC",
        name_es="",
    )
    assert (
        client.get(f"/fr/hubs/{hub.slug}/")
        .content.decode()
        .count("Pôle thématique Gouvernance des TIC")
        >= 1
    )
    assert "ICT Governance hub" in client.get(f"/es/hubs/{hub.slug}/").content.decode()


@pytest.mark.django_db
def test_urls_are_reversed_in_the_active_language():
    with translation.override("ar"):
        assert reverse("parliament_list") == "/ar/parliaments/"
