import datetime
import io
import zoneinfo
from decimal import Decimal

import pytest
from django.core.management import call_command

from bulletin.models import Bulletin
from conferences.models import Event
from hubs.models import Hub
from partners.models import Budget, PartnershipTier

pytestmark = pytest.mark.django_db
GENEVA = zoneinfo.ZoneInfo("Europe/Zurich")


def _seed() -> str:
    out = io.StringIO()
    call_command("seed_centre", stdout=out)
    return out.getvalue()


def test_seed_loads_the_facts_of_the_source_documents():
    _seed()
    hosts = dict(Hub.objects.values_list("slug", "host_parliament__code"))
    assert hosts == {
        "ict-governance": "EP",
        "inter-parliamentary-cloud": "BR",
        "latin-america": "CL",
        "southern-africa": "ZM",
    }
    assert Hub.objects.get(slug="latin-america").name_fr == "Pôle régional pour l'Amérique latine"
    assert set(PartnershipTier.objects.values_list("code", flat=True)) == {
        "core",
        "financial",
        "support",
        "project",
    }
    assert PartnershipTier.objects.get(
        code="financial"
    ).requested_annual_contribution_chf == Decimal("10000")
    budget = Budget.objects.get()
    assert (budget.start_year, budget.end_year, budget.amount_chf) == (
        2019,
        2021,
        Decimal("1827360"),
    )
    assert Bulletin.objects.get().first_issue_date == datetime.date(2019, 3, 31)


def test_seed_loads_the_conferences_in_their_time_zones():
    _seed()
    wepc2018 = Event.objects.get(slug="world-e-parliament-conference-2018")
    assert (wepc2018.edition, wepc2018.start_date, wepc2018.end_date) == (
        8,
        datetime.date(2018, 12, 3),
        datetime.date(2018, 12, 5),
    )
    assert wepc2018.expected_participants == 350
    assert wepc2018.registration_deadline.astimezone(GENEVA).date() == datetime.date(2018, 11, 16)
    wepc2021 = Event.objects.get(slug="world-e-parliament-conference-2021")
    assert wepc2021.format == Event.Format.ONLINE
    assert (wepc2021.daily_start_time, wepc2021.daily_end_time) == (
        datetime.time(14),
        datetime.time(18),
    )
    assert list(wepc2021.themes.values_list("code", flat=True)) == ["a", "b", "c", "d", "e"]
    assert wepc2021.tracks.get(number=3).name_fr == "Création collaborative"
    assert wepc2021.registration_deadline.astimezone(GENEVA).date() == datetime.date(2021, 6, 4)
    session = Event.objects.get(slug="ipu-137-interactive-session").sessions.get()
    moscow = zoneinfo.ZoneInfo("Europe/Moscow")
    assert session.starts_at.astimezone(moscow).time() == datetime.time(9, 0)
    assert session.ends_at.astimezone(moscow).time() == datetime.time(10, 30)
    assert len(session.question_list) == 5
    brasilia = Event.objects.get(kind=Event.Kind.HUB_MEETING)
    assert brasilia.hub.slug == "inter-parliamentary-cloud"
    assert (brasilia.start_date, brasilia.end_date) == (
        datetime.date(2019, 4, 22),
        datetime.date(2019, 4, 26),
    )


def test_running_the_seed_twice_changes_nothing():
    _seed()
    counts = [model.objects.count() for model in (Hub, Event, PartnershipTier, Budget, Bulletin)]
    second = _seed()
    assert [
        model.objects.count() for model in (Hub, Event, PartnershipTier, Budget, Bulletin)
    ] == counts
    assert "parliaments created: 0" in second
    assert "parliaments updated: 0" in second
    for line in second.splitlines():
        if "written" in line:
            assert line.endswith(": 0"), line
