"""What the secretariat does in the admin: filters, CSV export, totals, decisions, the record."""

from decimal import Decimal

import pytest

from hubs.models import HubChange, HubProposal
from tests.factories import HubFactory, MemberParliamentFactory
from tests.hubs.factories import HubJoinRequestFactory
from tests.partners.factories import (
    ContributionFactory,
    OrganisationPartnerFactory,
    ParliamentPartnerFactory,
    PartnershipFactory,
)

pytestmark = pytest.mark.django_db


def test_contributions_changelist_shows_totals_and_the_outstanding_filter(secretariat):
    ContributionFactory(pledged_chf=Decimal("10000"), received_chf=Decimal("10000"))
    ContributionFactory(pledged_chf=Decimal("5000"), received_chf=Decimal("1000"))
    content = secretariat.get("/admin/partners/contribution/?outstanding=yes").content.decode()
    assert "5,000.00" in content or "5000.00" in content
    assert "15,000" not in content
    content = secretariat.get("/admin/partners/contribution/").content.decode()
    assert "15,000.00" in content or "15000.00" in content


def test_contributions_export_as_csv(secretariat):
    first = ContributionFactory(pledged_chf=Decimal("10000"))
    response = secretariat.post(
        "/admin/partners/contribution/",
        {"action": "export", "_selected_action": [first.pk]},
    )
    assert response["Content-Type"].startswith("text/csv")
    text = response.content.decode("utf-8-sig")
    assert "pledged_chf" in text.splitlines()[0]
    assert "10000.00" in text


def test_partner_tier_filter_derives_core_partners(secretariat, seeded):
    host = MemberParliamentFactory(code="BR")
    HubFactory(host_parliament=host)
    ParliamentPartnerFactory(parliament=host)
    PartnershipFactory(partner=OrganisationPartnerFactory(name="Only financial"))
    content = secretariat.get("/admin/partners/partner/?tier=core").content.decode()
    assert host.name in content and "Only financial" not in content
    content = secretariat.get("/admin/partners/partner/?tier=financial&year=2020").content.decode()
    assert "Only financial" in content
    assert "0 / 10,000" in content  # no pledge yet, against the requested contribution


def test_secretariat_accepts_a_hub_proposal_from_the_admin(secretariat):
    proposal = HubProposal.objects.create(
        parliament=MemberParliamentFactory(code="KE"),
        contact_name="W",
        contact_email="w@x.example",
        name="East Africa hub",
        kind="regional",
        purpose="p",
        participation_rule="r",
    )
    secretariat.post(
        "/admin/hubs/hubproposal/", {"action": "accept", "_selected_action": [proposal.pk]}
    )
    proposal.refresh_from_db()
    assert proposal.status == HubProposal.Status.ACCEPTED


def test_join_requests_are_decided_by_the_host_not_the_secretariat(secretariat):
    HubJoinRequestFactory(parliament=MemberParliamentFactory(code="KE"))
    content = secretariat.get("/admin/hubs/hubjoinrequest/").content.decode()
    assert 'value="export"' in content and 'value="accept"' not in content


def test_the_record_of_changes_is_read_only(secretariat):
    change = HubChange.objects.create(hub=HubFactory(), action="page_edited", summary="x")
    assert secretariat.get("/admin/hubs/hubchange/").status_code == 200
    assert secretariat.get(f"/admin/hubs/hubchange/{change.pk}/change/").status_code == 200
    assert secretariat.get(f"/admin/hubs/hubchange/{change.pk}/delete/").status_code == 403


def test_secretariat_records_a_multi_year_pledge_in_euros(secretariat):
    from partners.models import Contribution

    partner = OrganisationPartnerFactory()
    assert (
        "Record a multi-year pledge"
        in secretariat.get("/admin/partners/contribution/").content.decode()
    )
    data = {
        "partner": partner.pk,
        "first_year": 2019,
        "last_year": 2021,
        "annual_chf": "10000",
        "currency": "eur",
        "annual_in_currency": "",
        "reference": "P-2019",
    }
    response = secretariat.post("/admin/partners/contribution/pledge/", data)
    assert response.status_code == 200
    assert "Give the amount in its own currency as well." in response.content.decode()
    response = secretariat.post(
        "/admin/partners/contribution/pledge/", {**data, "annual_in_currency": "9200"}
    )
    assert response.status_code == 302
    assert sorted(Contribution.objects.values_list("year", "currency")) == [
        (2019, "EUR"),
        (2020, "EUR"),
        (2021, "EUR"),
    ]
