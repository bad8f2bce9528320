"""What the partners' services and the database promise."""

from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from partners import services
from partners.models import Contribution, NetworkNomination, Nominee, Partnership
from partners.selectors import funding_summary, pledged_not_received, steering_committee
from tests.factories import HubFactory, MemberParliamentFactory
from tests.partners.factories import (
    ContributionFactory,
    OrganisationPartnerFactory,
    ParliamentPartnerFactory,
    PartnershipFactory,
    ProjectFactory,
)

pytestmark = pytest.mark.django_db


def test_core_partnership_cannot_be_typed():
    with pytest.raises(IntegrityError), transaction.atomic():
        PartnershipFactory(tier="core")


def test_a_project_partnership_names_its_project_and_only_it_does():
    with pytest.raises(IntegrityError), transaction.atomic():
        PartnershipFactory(tier="project", project=None)
    with pytest.raises(IntegrityError), transaction.atomic():
        PartnershipFactory(tier="financial", project=ProjectFactory())
    assert PartnershipFactory(tier="project", project=ProjectFactory()).pk


def test_a_contribution_in_another_currency_keeps_its_original_amount():
    with pytest.raises(IntegrityError), transaction.atomic():
        ContributionFactory(currency="EUR", pledged_in_currency=None)
    assert ContributionFactory(currency="EUR", pledged_in_currency=Decimal("9300")).pk


def test_negative_amounts_are_refused_by_the_database():
    with pytest.raises(IntegrityError), transaction.atomic():
        ContributionFactory(pledged_chf=Decimal("-1"))


def test_an_organisation_partner_needs_a_name():
    with pytest.raises(IntegrityError), transaction.atomic():
        OrganisationPartnerFactory(name="")


def test_the_steering_committee_is_derived_from_hosting_and_core_funding():
    host = MemberParliamentFactory(code="BR")
    HubFactory(host_parliament=host)
    HubFactory(host_parliament=host)
    HubFactory(host_parliament=MemberParliamentFactory(code="CL"), is_active=False)
    funder = OrganisationPartnerFactory(name="A core funder")
    ContributionFactory(partner=funder, is_core_funding=True)
    ContributionFactory(partner=OrganisationPartnerFactory(name="Financial only"))
    hosting_funder = ParliamentPartnerFactory(parliament=host)
    ContributionFactory(partner=hosting_funder, is_core_funding=True)
    members = {member.name: member for member in steering_committee()}
    assert set(members) == {host.name, "A core funder"}
    assert len(members[host.name].hubs) == 2 and members[host.name].core_funding


def test_a_multi_year_pledge_is_one_contribution_a_year_and_recording_it_again_doubles_nothing():
    partner = OrganisationPartnerFactory()
    options = {
        "partner": partner,
        "first_year": 2019,
        "last_year": 2021,
        "annual_chf": Decimal("10000"),
        "reference": "P-1",
        "currency": "EUR",
        "annual_in_currency": Decimal("9000"),
    }
    services.contribution_pledge(**options)
    Contribution.objects.filter(year=2019).update(received_chf=Decimal("10000"))
    services.contribution_pledge(**options)
    assert Contribution.objects.count() == 3
    assert Contribution.objects.get(year=2019).received_chf == Decimal("10000")
    assert [c.year for c in pledged_not_received()] == [2020, 2021]


def test_funding_summary_adds_up_by_year_and_by_tier(seeded):
    from partners.models import Budget

    partner = OrganisationPartnerFactory()
    ContributionFactory(partner=partner, year=2019, pledged_chf=100, received_chf=40)
    ContributionFactory(partner=partner, year=2019, pledged_chf=50, is_core_funding=True)
    ContributionFactory(partner=partner, year=2024, pledged_chf=999)  # outside the budget
    funding = funding_summary(Budget.objects.get())
    assert [(r.label, r.pledged, r.received) for r in funding.by_year] == [
        ("2019", 150, 40),
        ("2020", 0, 0),
        ("2021", 0, 0),
    ]
    assert [(r.pledged, r.received) for r in funding.by_tier] == [(50, 0), (100, 40)]
    assert funding.total.outstanding == 110
    assert funding.requested_per_year == Decimal("10000")


def test_confirming_a_request_twice_acknowledges_once(
    mailoutbox, django_capture_on_commit_callbacks
):
    contact = services.Contact(
        parliament=MemberParliamentFactory(code="KE"),
        name="W",
        email="w@ke.example",
        user=None,
        verified=False,
        language="en",
    )
    with django_capture_on_commit_callbacks(execute=True):
        nomination = services.network_nomination_submit(
            contact=contact, nominees=[{"full_name": "N", "title": "T", "email": "n@ke.example"}]
        )
    token = mailoutbox[0].body.split("/confirm/")[1].split("/")[0]
    with django_capture_on_commit_callbacks(execute=True):
        services.participation_request_confirm(token=token)
        services.participation_request_confirm(token=token)
    nomination.refresh_from_db()
    assert nomination.status == NetworkNomination.Status.PENDING
    # confirmation link + acknowledgement + one mail to the nominee
    assert len(mailoutbox) == 3


def test_a_confirmation_link_for_another_address_is_refused():
    from django.core import signing

    token = signing.dumps({"k": "network", "pk": 1, "e": "x@y.example"}, salt=services.CONFIRM_SALT)
    with pytest.raises(services.ParticipationError):
        services.participation_request_confirm(token=token)


def test_a_nominee_who_confirms_twice_keeps_the_first_consent():
    nomination = NetworkNomination.objects.create(
        parliament=MemberParliamentFactory(code="KE"), contact_name="W", contact_email="w@x.example"
    )
    nominee = Nominee.objects.create(
        nomination=nomination, full_name="N", title="T", email="n@x.example"
    )
    from django.core import signing

    token = signing.dumps({"n": nominee.pk, "e": "n@x.example"}, salt=services.NOMINEE_SALT)
    first = services.nominee_confirm(token=token).consented_at
    assert services.nominee_confirm(token=token).consented_at == first


def test_partnership_string_names_the_tier():
    assert "Financial partner" in str(PartnershipFactory(tier="financial"))
    assert Partnership.objects.count() == 1
