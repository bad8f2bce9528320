"""Partners, funding and the ways to take part, seen by each kind of reader."""

import html
import re

import pytest
from django.test import Client

from hubs.models import HubJoinRequest, HubProposal
from partners.models import NetworkNomination, Nominee, StaffTimeOffer
from tests.factories import HubFactory, MemberParliamentFactory, StaffFactory, UserFactory
from tests.hubs.factories import hub_editor
from tests.partners.factories import (
    ContributionFactory,
    InKindContributionFactory,
    ParliamentPartnerFactory,
    PartnershipFactory,
    ProjectFactory,
)

pytestmark = pytest.mark.django_db


def test_partners_page_explains_tiers_steering_committee_and_projects(client, seeded):
    content = html.unescape(client.get("/en/partners/").content.decode())
    for text in ("Core partners", "Financial partners", "Support partners", "Project partners"):
        assert text in content
    assert "Steering Committee" in content
    # Derived: the four host parliaments sit on it.
    assert "Chamber of Deputies" in content or "Brazil" in content
    assert "Social Media Guidelines for parliaments and parliamentarians" in content
    assert "10,000 CHF a year" in content


def test_partners_page_in_french_uses_the_ipus_words(client, seeded):
    content = html.unescape(client.get("/fr/partners/").content.decode())
    assert "Partenaires fondamentaux" in content
    assert "Guide des réseaux sociaux à l'intention des parlements et des parlementaires" in content


def test_core_funding_puts_a_partner_on_the_steering_committee(client, seeded):
    partner = ParliamentPartnerFactory(parliament=MemberParliamentFactory(code="JP"))
    ContributionFactory(partner=partner, is_core_funding=True)
    content = html.unescape(client.get("/en/partners/").content.decode())
    assert partner.parliament.name in content
    assert "Core funding" in content


def test_funding_page_sets_the_budget_against_pledges_with_an_accessible_chart(client, seeded):
    partner = ParliamentPartnerFactory(parliament=MemberParliamentFactory(code="JP"))
    PartnershipFactory(partner=partner, tier="financial")
    ContributionFactory(partner=partner, year=2019, pledged_chf=10000, received_chf=10000)
    ContributionFactory(partner=partner, year=2020, pledged_chf=10000, received_chf=2500)
    InKindContributionFactory(partner=partner, person="Seconded officer", days=15)
    response = client.get("/en/partners/funding/")
    assert response.status_code == 200
    content = response.content.decode()
    assert "1,827,360" in content
    assert 'role="img"' in content and "<title" in content and "<table>" in content
    assert "20,000" in content and "12,500" in content and "7,500" in content
    assert "Seconded officer" in content and "12,000" in content
    assert "10,000 / 10,000" in content
    assert "style=" not in content  # CSP: style-src 'self', no inline styles


def test_funding_page_with_no_contribution_yet_still_answers(client, seeded):
    content = client.get("/ar/partners/funding/").content.decode()
    assert "1,827,360" in content or "1827360" in content or "٬" in content


def test_parliament_page_lists_its_partnerships(client, seeded):
    japan = MemberParliamentFactory(code="JP")
    project = ProjectFactory(title_en="Guide project")
    PartnershipFactory(
        partner=ParliamentPartnerFactory(parliament=japan), tier="project", project=project
    )
    content = client.get("/en/parliaments/jp/").content.decode()
    assert "Project partner" in content and "Guide project" in content


@pytest.mark.parametrize(
    ("path", "make_rows"),
    [
        (
            "/en/partners/",
            lambda n: [
                PartnershipFactory(tier="project", project=ProjectFactory()) for _ in range(n)
            ],
        ),
        ("/en/partners/", lambda n: PartnershipFactory.create_batch(n, tier="support")),
        ("/en/partners/funding/", lambda n: ContributionFactory.create_batch(n)),
        ("/en/partners/funding/", lambda n: InKindContributionFactory.create_batch(n)),
        (
            "/en/partners/funding/",
            lambda n: ContributionFactory.create_batch(n, is_core_funding=True),
        ),
    ],
)
def test_partner_pages_query_count_does_not_grow_with_rows(
    client, seeded, django_assert_max_num_queries, path, make_rows
):
    make_rows(1)
    with django_assert_max_num_queries(15) as one:
        assert client.get(path + "?one").status_code == 200
    make_rows(29)
    with django_assert_max_num_queries(len(one.captured_queries)):
        assert client.get(path + "?many").status_code == 200


# --- Authorisation ---------------------------------------------------------------------------

READERS = ["anonymous", "user", "editor_a", "editor_b", "staff"]
PAGES = [
    "/en/partners/",
    "/en/partners/funding/",
    "/en/partners/take-part/",
    "/en/partners/take-part/network/",
    "/en/partners/take-part/join-a-hub/",
    "/en/partners/take-part/new-hub/",
    "/en/partners/take-part/staff-time/",
]
BAD_LINKS = [
    "/en/partners/take-part/status/forged/",
]


@pytest.fixture
def readers(db):
    hub_a = HubFactory(slug="hub-a", host_parliament=MemberParliamentFactory(code="FR"))
    hub_b = HubFactory(slug="hub-b", host_parliament=MemberParliamentFactory(code="DE"))
    return {
        "anonymous": None,
        "user": UserFactory(),
        "editor_a": hub_editor(hub_a),
        "editor_b": hub_editor(hub_b),
        "staff": StaffFactory(),
    }


def _client(user):
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


@pytest.mark.parametrize("reader", READERS)
@pytest.mark.parametrize("path", PAGES)
def test_partner_pages_and_forms_answer_everyone(readers, reader, path):
    assert _client(readers[reader]).get(path).status_code == 200


@pytest.mark.parametrize("reader", READERS)
@pytest.mark.parametrize(
    "path",
    [
        "/en/partners/take-part/status/forged/",
        "/en/partners/take-part/confirm/forged/",
        "/en/partners/take-part/nominee/forged/",
    ],
)
def test_forged_links_are_refused_to_everyone(readers, reader, path):
    client = _client(readers[reader])
    assert client.post(path).status_code == 400
    if "status" in path:
        assert client.get(path).status_code == 400


def test_a_signed_in_user_sees_only_their_own_requests(readers):
    japan = MemberParliamentFactory(code="JP")
    HubProposal.objects.create(
        parliament=japan,
        requester=readers["user"],
        contact_name="Mine",
        contact_email="m@x.example",
        name="My proposed hub",
        kind="thematic",
        purpose="p",
        participation_rule="r",
    )
    HubProposal.objects.create(
        parliament=japan,
        requester=readers["editor_a"],
        contact_name="Theirs",
        contact_email="t@x.example",
        name="Their proposed hub",
        kind="thematic",
        purpose="p",
        participation_rule="r",
    )
    content = _client(readers["user"]).get("/en/partners/take-part/").content.decode()
    assert "My proposed hub" in content and "Their proposed hub" not in content


# --- Taking part -----------------------------------------------------------------------------


def _contact(**extra):
    parliament = MemberParliamentFactory(code="KE")
    return {
        "parliament": parliament.pk,
        "contact_name": "Wanjiru Kamau",
        "contact_email": "wanjiru@parliament.example",
        "consent": "on",
        **extra,
    }


def _link(mail, marker):
    return re.search(rf"https?://[^/\s]+(/\S*{marker}\S*)", mail.body).group(1)


def test_public_join_request_waits_for_the_email_then_goes_to_the_host(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    HubFactory(slug="cloud", host_parliament=MemberParliamentFactory(code="BR"))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/en/partners/take-part/join-a-hub/", _contact(hub="cloud", message="We publish XML")
        )
    assert response.status_code == 302
    join_request = HubJoinRequest.objects.get()
    assert join_request.status == HubJoinRequest.Status.UNVERIFIED
    assert len(mailoutbox) == 1
    confirm = _link(mailoutbox[0], "/confirm/")
    assert client.get(confirm).status_code == 200  # a page with a button: scanners confirm nothing
    join_request.refresh_from_db()
    assert join_request.status == HubJoinRequest.Status.UNVERIFIED
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(confirm, follow=True)
    join_request.refresh_from_db()
    assert join_request.status == HubJoinRequest.Status.PENDING
    assert join_request.email_verified_at is not None
    assert "Received, under review" in response.content.decode()
    assert len(mailoutbox) == 2  # the acknowledgement, with the status link
    assert client.get(_link(mailoutbox[1], "/status/")).status_code == 200


def test_a_signed_in_sender_with_that_verified_address_skips_the_confirmation(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    user = UserFactory(email="wanjiru@parliament.example")
    client.force_login(user)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            "/en/partners/take-part/new-hub/",
            _contact(
                name="East Africa hub",
                kind="regional",
                region="East Africa",
                purpose="Share tools",
                participation_rule="East African parliaments",
            ),
        )
    proposal = HubProposal.objects.get()
    assert proposal.status == HubProposal.Status.PENDING and proposal.requester == user
    assert "status" in mailoutbox[0].body
    assert "East Africa hub" in client.get("/en/partners/take-part/").content.decode()


def test_nominees_each_confirm_and_their_consent_is_recorded(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    user = UserFactory(email="wanjiru@parliament.example")
    client.force_login(user)
    data = {
        **_contact(),
        "nominees-TOTAL_FORMS": "3",
        "nominees-INITIAL_FORMS": "0",
        "nominees-MIN_NUM_FORMS": "1",
        "nominees-MAX_NUM_FORMS": "20",
        "nominees-0-full_name": "Otieno Odhiambo",
        "nominees-0-title": "ICT officer",
        "nominees-0-email": "otieno@parliament.example",
        "nominees-1-full_name": "Achieng Ouma",
        "nominees-1-title": "Web editor",
        "nominees-1-email": "achieng@parliament.example",
    }
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post("/en/partners/take-part/network/", data).status_code == 302
    nomination = NetworkNomination.objects.get()
    assert nomination.nominees.count() == 2
    asks = [mail for mail in mailoutbox if mail.to[0].startswith(("otieno", "achieng"))]
    assert len(asks) == 2
    Client().post(_link(asks[0], "/nominee/"))
    consented = Nominee.objects.exclude(consented_at=None)
    assert [n.email for n in consented] == [asks[0].to[0]]


def test_nominating_nobody_or_the_same_person_twice_is_refused_keeping_the_input(client):
    base = {
        **_contact(),
        "nominees-TOTAL_FORMS": "2",
        "nominees-INITIAL_FORMS": "0",
        "nominees-MIN_NUM_FORMS": "1",
        "nominees-MAX_NUM_FORMS": "20",
    }
    response = client.post("/en/partners/take-part/network/", base)
    assert response.status_code == 400
    assert "Name at least 1 person." in response.text
    arabic = client.post("/ar/partners/take-part/network/", base)
    assert "اذكر 1 شخص على الأقل." in arabic.text
    twice = {
        **base,
        "nominees-0-full_name": "A",
        "nominees-0-title": "T",
        "nominees-0-email": "same@x.example",
        "nominees-1-full_name": "B",
        "nominees-1-title": "T",
        "nominees-1-email": "SAME@x.example",
    }
    response = client.post("/en/partners/take-part/network/", twice)
    assert response.status_code == 400
    assert "same e-mail address" in response.content.decode()
    assert "Wanjiru Kamau" in response.content.decode()
    assert not NetworkNomination.objects.exists()


def test_staff_time_offer_bad_input_is_explained_in_french(client):
    response = client.post(
        "/fr/partners/take-part/staff-time/",
        {
            "parliament": "999999",
            "contact_name": "Jean Dupont",
            "contact_email": "pas-une-adresse",
            "staff_description": "Un développeur",
            "days": "-3",
            "project": "424242",
        },
    )
    assert response.status_code == 400
    content = html.unescape(response.content.decode())
    assert "Jean Dupont" in content and "Un développeur" in content
    assert 'lang="fr"' in content
    assert not StaffTimeOffer.objects.exists()


def test_staff_time_offer_is_recorded(
    client, seeded, mailoutbox, django_capture_on_commit_callbacks
):
    from partners.models import Project

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/en/partners/take-part/staff-time/",
            _contact(
                project=Project.objects.get(slug="social-media-guide").pk,
                staff_description="A communications officer",
                days="10",
                period="2020",
            ),
        )
    assert response.status_code == 302
    offer = StaffTimeOffer.objects.get()
    assert offer.days == 10 and offer.project.slug == "social-media-guide"


def test_join_request_for_an_unknown_hub_is_a_form_error(client):
    response = client.post("/en/partners/take-part/join-a-hub/", _contact(hub="<no-such-hub>"))
    assert response.status_code == 400
    assert "Choose a hub from the list." in response.content.decode()


def test_public_forms_are_rate_limited_with_a_message_keeping_the_input(client):
    for _ in range(21):
        response = client.post("/fr/partners/take-part/new-hub/", {"contact_name": "Typed name"})
    assert response.status_code == 429
    assert "Typed name" in response.content.decode()


def test_a_join_request_already_open_is_a_form_error_not_a_500(client):
    hub = HubFactory(slug="cloud", host_parliament=MemberParliamentFactory(code="BR"))
    data = _contact(hub="cloud")
    client.post("/en/partners/take-part/join-a-hub/", data)
    response = client.post("/en/partners/take-part/join-a-hub/", data)
    assert response.status_code == 400
    assert "already open" in response.content.decode()
    assert hub.join_requests.count() == 1


def test_the_hosts_editors_are_told_of_a_verified_join_request(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    hub = HubFactory(slug="cloud", host_parliament=MemberParliamentFactory(code="BR"))
    editor = hub_editor(hub, preferred_language="fr")
    hub_editor(HubFactory(host_parliament=MemberParliamentFactory(code="CL")))  # another hub's
    client.force_login(UserFactory(email="wanjiru@parliament.example"))
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/en/partners/take-part/join-a-hub/", _contact(hub="cloud"))
    to_editors = [mail for mail in mailoutbox if mail.to == [editor.email]]
    assert len(to_editors) == 1
    assert "/hubs/cloud/workspace/" in to_editors[0].body
    assert len(mailoutbox) == 2  # the acknowledgement and the one editor
