"""The public pages: archive, issue, story, lists by parliament/region/area/hub, search,
pagination, the parliament page's stories; constant query counts and no 500 on bad input."""

import pytest
from django.urls import reverse
from django.utils import translation

from bulletin.models import Area, Issue
from centre.richtext import sanitize_html
from tests.bulletin.factories import (
    HubUpdateFactory,
    IssueFactory,
    StoryFactory,
    StoryLinkFactory,
    published_issue,
)
from tests.centre.test_shared import XSS_CORPUS
from tests.factories import HubFactory, MemberParliamentFactory

pytestmark = pytest.mark.django_db


def url(name, **kwargs):
    with translation.override("en"):
        return reverse(name, kwargs=kwargs)


def test_archive_lists_published_issues_only(client):
    shown = published_issue(title_en="Open parliaments")
    IssueFactory(title_en="Secret draft")
    response = client.get(url("bulletin:archive"))
    assert response.status_code == 200
    assert "Open parliaments" in response.text
    assert "Secret draft" not in response.text
    assert shown.get_absolute_url() in response.text


def test_issue_of_the_future_is_not_public_yet(client):
    import datetime

    issue = published_issue(publication_date=datetime.date(2099, 1, 1))
    assert client.get(url("bulletin:issue", number=issue.number)).status_code == 404


def test_issue_page_shows_its_stories_and_hub_updates(client):
    issue = published_issue(stories=3)
    HubUpdateFactory(issue=issue, body_en="<p>Brasilia meeting</p>")
    response = client.get(url("bulletin:issue", number=issue.number))
    assert response.status_code == 200
    for story in issue.stories.all():
        assert story.title in response.text
    assert "Brasilia meeting" in response.text
    assert url("bulletin:issue_pdf", number=issue.number) in response.text


def test_unpublished_issue_and_its_stories_answer_404(client):
    issue = IssueFactory(status=Issue.Status.IN_REVIEW)
    story = StoryFactory(issue=issue)
    assert client.get(url("bulletin:issue", number=issue.number)).status_code == 404
    assert client.get(url("bulletin:story", slug=story.slug)).status_code == 404


def test_story_page_has_open_graph_and_meta_description(client):
    issue = published_issue(stories=3)
    story = issue.stories.first()
    StoryLinkFactory(story=story, label_en="The portal")
    response = client.get(url("bulletin:story", slug=story.slug))
    assert response.status_code == 200
    assert f'<meta property="og:title" content="{story.title}">' in response.text
    assert f'<meta name="description" content="{story.summary}">' in response.text
    assert "The portal" in response.text


@pytest.mark.parametrize("attack", XSS_CORPUS)
def test_story_body_is_stripped_of_anything_that_could_run(client, attack):
    issue = published_issue(stories=3)
    story = issue.stories.first()
    story.body_en = f"<p>Before</p>{attack}<p>After</p>"
    story.save()
    story.refresh_from_db()
    assert story.body_en == sanitize_html(story.body_en)
    page = client.get(url("bulletin:story", slug=story.slug)).text
    body = page.split('<div class="story-body">')[1].split("</div>")[0].lower()
    for dangerous in ("<script", "onerror", "onload", "onclick", "javascript:", "<iframe"):
        assert dangerous not in body, (attack, body)
    assert "before" in body and "after" in body


def _make_issues(count, stories_each=3):
    return [published_issue(stories=stories_each) for _ in range(count)]


def test_archive_query_count_does_not_grow_with_issues(client, django_assert_max_num_queries):
    _make_issues(1)
    with django_assert_max_num_queries(8) as one:
        client.get(url("bulletin:archive"))
    _make_issues(8, stories_each=5)
    with django_assert_max_num_queries(len(one.captured_queries)):
        client.get(url("bulletin:archive") + "?page=1")


def test_issue_page_query_count_does_not_grow_with_stories(client, django_assert_max_num_queries):
    small = published_issue(stories=3)
    with django_assert_max_num_queries(10) as one:
        client.get(url("bulletin:issue", number=small.number))
    big = published_issue(stories=5)
    for story in big.stories.all():
        story.parliaments.add(*MemberParliamentFactory.create_batch(3))
    HubUpdateFactory.create_batch(3, issue=big)
    with django_assert_max_num_queries(len(one.captured_queries) + 1):
        client.get(url("bulletin:issue", number=big.number))


def test_story_page_query_count_does_not_grow_with_links_and_parliaments(
    client, django_assert_max_num_queries
):
    issue = published_issue(stories=3)
    story = issue.stories.first()
    with django_assert_max_num_queries(10) as one:
        client.get(url("bulletin:story", slug=story.slug))
    StoryLinkFactory.create_batch(6, story=story)
    story.parliaments.add(*MemberParliamentFactory.create_batch(4))
    with django_assert_max_num_queries(len(one.captured_queries)):
        client.get(url("bulletin:story", slug=story.slug) + "?again")


def test_story_list_query_count_does_not_grow(client, django_assert_max_num_queries):
    _make_issues(1)
    with django_assert_max_num_queries(8) as one:
        client.get(url("bulletin:stories"))
    _make_issues(6, stories_each=5)
    with django_assert_max_num_queries(len(one.captured_queries)):
        client.get(url("bulletin:stories") + "?page=1")


def test_stories_by_parliament_region_area_and_hub():
    from django.test import Client

    client = Client()
    chile = MemberParliamentFactory(code="CL", region="latin_america_caribbean")
    zambia = MemberParliamentFactory(code="ZM", region="africa")
    hub = HubFactory(slug="latin-america")
    issue = published_issue(stories=0)
    chilean = StoryFactory(
        issue=issue, parliaments=[chile], area=Area.OPEN_DATA, hub=hub, title_en="Chile votes"
    )
    zambian = StoryFactory(
        issue=issue, parliaments=[zambia], area=Area.CYBERSECURITY, title_en="Zambia firewall"
    )
    StoryFactory(issue=issue, title_en="Third story")

    def titles(path):
        response = client.get(path)
        assert response.status_code == 200
        return response.text

    page = titles(url("bulletin:stories_by_parliament", code="cl"))
    assert chilean.title in page and zambian.title not in page
    page = titles(url("bulletin:stories_by_region", region="africa"))
    assert zambian.title in page and chilean.title not in page
    page = titles(url("bulletin:stories_by_area", area="cybersecurity"))
    assert zambian.title in page and chilean.title not in page
    page = titles(url("bulletin:stories_by_hub", slug="latin-america"))
    assert chilean.title in page and zambian.title not in page


def test_search_finds_a_story_by_a_word_of_its_body(client):
    issue = published_issue(stories=0)
    StoryFactory(issue=issue, title_en="Votes", body_en="<p>A chatbot answers citizens</p>")
    StoryFactory(issue=issue, title_en="Budget", body_en="<p>Open budget data</p>")
    response = client.get(url("bulletin:stories") + "?q=chatbot")
    assert response.status_code == 200
    assert "Votes" in response.text
    assert "Budget" not in response.text


def test_search_in_french_falls_back_to_english_text(client):
    issue = published_issue(stories=0)
    StoryFactory(issue=issue, title_en="Hansard search", title_fr="Recherche dans les débats")
    with translation.override("fr"):
        path = reverse("bulletin:stories")
    response = client.get(path + "?q=débats")
    assert "Recherche dans les débats" in response.text


def test_stories_are_paginated(client):
    issue = published_issue(stories=0)
    StoryFactory.create_batch(25, issue=issue)
    first = client.get(url("bulletin:stories"))
    assert 'rel="next"' in first.text
    second = client.get(url("bulletin:stories") + "?page=2")
    assert second.status_code == 200
    assert second.text.count('class="card story-card"') == 5


@pytest.mark.parametrize(
    "query",
    [
        "?page=abc",
        "?page=99999",
        "?area=nonsense",
        "?region=<script>",
        "?q=" + "x" * 500,
        "?q=%00%27%22",
        "?q=!!&area=open_data",
        "?hub=%E2%98%83",
    ],
)
def test_bad_input_on_the_story_list_never_fails(client, query):
    published_issue(stories=3)
    response = client.get(url("bulletin:stories") + query)
    assert response.status_code == 200


@pytest.mark.parametrize(
    "path",
    [
        "/en/bulletin/stories/area/nonsense/",
        "/en/bulletin/stories/region/mars/",
        "/en/bulletin/stories/parliament/xx/",
        "/en/bulletin/stories/hub/none/",
        "/en/bulletin/issues/999/",
        "/en/bulletin/issues/999/pdf/",
    ],
)
def test_unknown_criteria_answer_404(client, path):
    assert client.get(path).status_code == 404


def test_parliament_page_lists_its_stories(client, seeded):
    from centre.models import MemberParliament

    brazil = MemberParliament.objects.get(code__iexact="br")
    issue = published_issue(stories=0)
    StoryFactory(issue=issue, parliaments=[brazil], title_en="Inter-parliamentary cloud data")
    response = client.get(brazil.get_absolute_url())
    assert response.status_code == 200
    assert "Inter-parliamentary cloud data" in response.text


def test_arabic_archive_is_right_to_left(client):
    published_issue(stories=3, title_ar="العدد الأول")
    with translation.override("ar"):
        path = reverse("bulletin:archive")
    response = client.get(path)
    assert 'dir="rtl"' in response.text
    assert "العدد الأول" in response.text


def test_every_public_page_has_meta_description_and_open_graph(client):
    issue = published_issue(stories=3)
    story = issue.stories.first()
    for path in [
        url("bulletin:archive"),
        url("bulletin:issue", number=issue.number),
        url("bulletin:story", slug=story.slug),
        url("bulletin:stories"),
        url("bulletin:subscribe"),
        url("bulletin:report"),
    ]:
        text = client.get(path).text
        assert '<meta name="description" content="' in text, path
        assert '<meta property="og:title" content="' in text, path
        assert 'content="Centre for Innovation in Parliament"' not in text.split("og:title")[1][:80]
