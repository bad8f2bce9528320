import datetime

import pytest
from django.utils import timezone

from conferences.models import Event
from conferences.selectors import featured_event
from tests.factories import EventFactory, HubFactory, MemberParliamentFactory

pytestmark = pytest.mark.django_db
NEXT_YEAR = timezone.localdate().year + 1


def _conference(year: int, **fields) -> Event:
    day = datetime.date(year, 6, 16)
    return EventFactory(start_date=day, end_date=day + datetime.timedelta(days=2), **fields)


def test_the_featured_event_is_the_next_conference(django_assert_num_queries):
    _conference(2018)
    next_one = _conference(NEXT_YEAR + 1)
    _conference(NEXT_YEAR + 3)
    _conference(NEXT_YEAR, kind=Event.Kind.HUB_MEETING)
    with django_assert_num_queries(1):
        assert featured_event() == next_one


def test_without_an_announced_conference_the_latest_one_is_featured(django_assert_num_queries):
    _conference(2018)
    latest = _conference(2021)
    with django_assert_num_queries(1):
        assert featured_event() == latest


def test_a_conference_under_way_is_still_the_next_one(monkeypatch):
    under_way = _conference(NEXT_YEAR)
    _conference(NEXT_YEAR + 2)
    monkeypatch.setattr(timezone, "localdate", lambda: datetime.date(NEXT_YEAR, 6, 18))
    assert featured_event() == under_way


@pytest.mark.parametrize("path", ["/fr/", "/fr/hubs/", "/fr/conferences/"])
def test_cards_fall_back_to_english_without_a_query_per_card(
    client, path, django_assert_max_num_queries
):
    MemberParliamentFactory(code="FR")
    HubFactory(name_en="Hub in English only", summary_en="English summary", name_fr="")
    _conference(NEXT_YEAR, title_en="Conference in English only", title_fr="")
    with django_assert_max_num_queries(6) as one:
        content = client.get(path + "?one").content.decode()
    assert "English only" in content
    HubFactory.create_batch(5, name_fr="")
    for year in range(NEXT_YEAR + 1, NEXT_YEAR + 6):
        _conference(year, title_fr="")
    with django_assert_max_num_queries(len(one.captured_queries)):
        client.get(path + "?many")
