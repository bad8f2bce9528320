import html

import pytest
from django.test import Client

from centre import cache as public_cache
from centre.cache import public_cache_generation
from hubs.models import Hub
from tests.factories import EventFactory, HubFactory, MemberParliamentFactory, SessionFactory

pytestmark = pytest.mark.django_db
PUBLIC_PAGES = [
    "/en/",
    "/en/about/",
    "/en/parliaments/",
    "/en/hubs/",
    "/en/partners/",
    "/en/conferences/",
    "/en/bulletin/",
]


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_public_pages_render_with_landmarks_and_meta(client, seeded, path):
    response = client.get(path)
    assert response.status_code == 200
    content = response.content.decode()
    assert '<a class="skip-link" href="#content">' in content
    assert '<main id="content"' in content
    assert "<footer" in content and "<nav" in content
    assert '<meta name="description" content="' in content
    assert '<meta property="og:title" content="' in content
    assert "Chemin du Pommier 5" in content
    assert "postbox@ipu.org" in content


def test_home_presents_the_centre_hubs_and_next_conference(client, seeded):
    content = html.unescape(client.get("/fr/").content.decode())
    assert "Pôle thématique du Cloud interparlementaire" in content
    assert "Chambre des députés du Brésil" in content or "Brésil" in content
    assert "Conférence mondiale sur l'e-Parlement 2021" in content


def test_about_page_gives_the_founding_letters_facts(client, seeded):
    content = client.get("/en/about/").content.decode()
    for fact in (
        "1 February 2019",
        "Martin Chungong",
        "1,827,360 CHF",
        "2019–2021",
        "Steering Committee",
        "innovation@ipu.org",
        "Avinash Bikha",
        "Andy Richardson",
        "Innovation Bulletin",
    ):
        assert fact in content, fact


def test_hub_page_lists_its_activities(client, seeded):
    content = client.get("/en/hubs/inter-parliamentary-cloud/").content.decode()
    assert "Meeting of parliamentary experts on open data and artificial intelligence" in content
    assert "Brasilia" in content


def test_hub_index_filters_by_kind(client, seeded):
    content = client.get("/en/hubs/?kind=regional").content.decode()
    assert "Latin America regional hub" in content
    assert "ICT Governance hub" not in content
    assert client.get("/en/hubs/?kind=<script>").status_code == 200


def test_event_page_shows_times_in_the_events_time_zone(client, seeded):
    content = client.get("/en/conferences/ipu-137-interactive-session/").content.decode()
    assert "09:00" in content and "10:30" in content
    assert "Europe/Moscow" in content
    assert "Which trends do you observe?" in content


def test_unknown_pages_answer_404(client, seeded):
    assert client.get("/en/hubs/no-such-hub/").status_code == 404
    assert client.get("/en/conferences/no-such-event/").status_code == 404


def test_anonymous_pages_are_served_from_the_cache(client, seeded, django_assert_num_queries):
    client.get("/en/hubs/")
    with django_assert_num_queries(0):
        assert client.get("/en/hubs/").status_code == 200


def test_a_content_change_clears_the_cached_pages(client, seeded):
    client.get("/en/hubs/")
    generation = public_cache_generation()
    Hub.objects.filter(slug="latin-america").update(name_en="unchanged by update()")
    hub = Hub.objects.get(slug="southern-africa")
    hub.name_en = "Southern Africa regional hub (renamed)"
    hub.save()
    assert public_cache_generation() == generation + 1
    assert "Southern Africa regional hub (renamed)" in client.get("/en/hubs/").content.decode()


def test_a_process_serves_the_pages_it_rendered_from_its_own_memory(client, seeded, settings):
    first = client.get("/en/hubs/").content
    # With the shared cache gone, the page still comes from this process's memory, untouched.
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
        }
    }
    response = client.get("/en/hubs/")
    assert response.status_code == 200
    assert response.content == first
    assert response["Content-Type"] == "text/html; charset=utf-8"


def test_an_edit_in_another_process_reaches_this_process_within_the_check_interval(client, seeded):
    client.get("/en/hubs/")
    Hub.objects.filter(slug="southern-africa").update(name_en="Renamed elsewhere")
    # Another process saved the hub: it moved the generation in the shared cache only.
    from django.core.cache import cache

    cache.incr(public_cache.GENERATION_KEY)
    assert "Renamed elsewhere" not in client.get("/en/hubs/").content.decode()
    public_cache._local["checked_at"] -= public_cache.GENERATION_CHECK_SECONDS + 1
    assert "Renamed elsewhere" in client.get("/en/hubs/").content.decode()


def test_the_process_memory_keeps_the_newest_pages_within_its_budget(settings):
    settings.PUBLIC_PAGE_MEMORY_CACHE_BYTES = 1000
    pages = public_cache.ProcessPages()
    for number in range(5):
        pages.put(1, f"page-{number}", b"x" * 240, [], 60)
    assert pages.get(1, "page-0") is None
    assert pages.get(1, "page-1") == (b"x" * 240, [])
    pages.put(1, "page-5", b"y" * 240, [], 60)
    assert pages.get(1, "page-1") is not None  # read last: kept
    assert pages.get(1, "page-2") is None
    pages.put(1, "huge", b"z" * 400, [], 60)  # over a quarter of the budget: not kept
    assert pages.get(1, "huge") is None
    assert pages.get(2, "page-5") is None  # a new generation forgets the old pages
    assert pages.get(1, "page-5") is None
    pages.put(2, "expired", b"e", [], -1)
    assert pages.get(2, "expired") is None


def test_signed_in_readers_are_not_served_cached_pages(seeded):
    from tests.factories import UserFactory

    anonymous = Client()
    anonymous.get("/en/")
    reader = Client()
    reader.force_login(UserFactory())
    content = reader.get("/en/").content.decode()
    assert "My account" in content


@pytest.mark.parametrize(
    ("path", "make_rows"),
    [
        ("/en/hubs/", lambda n: HubFactory.create_batch(n)),
        ("/en/conferences/", lambda n: EventFactory.create_batch(n)),
        ("/en/", lambda n: HubFactory.create_batch(n)),
    ],
)
def test_list_pages_query_count_does_not_grow_with_rows(
    client, django_assert_max_num_queries, path, make_rows
):
    MemberParliamentFactory(code="FR")
    make_rows(1)
    with django_assert_max_num_queries(6) as one:
        client.get(path + "?one")
    make_rows(29)
    with django_assert_max_num_queries(len(one.captured_queries)):
        client.get(path + "?many")


def test_event_page_query_count_does_not_grow_with_sessions(client, django_assert_max_num_queries):
    event = EventFactory(slug="wepc")
    SessionFactory(event=event)
    with django_assert_max_num_queries(8) as one:
        client.get("/en/conferences/wepc/?one")
    SessionFactory.create_batch(20, event=event)
    with django_assert_max_num_queries(len(one.captured_queries)):
        client.get("/en/conferences/wepc/?many")


def test_public_pages_still_answer_when_the_cache_is_down(client, seeded, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
        }
    }
    public_cache._local["generation"] = None
    assert client.get("/en/hubs/").status_code == 200
