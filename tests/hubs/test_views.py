"""The hubs' public pages and the host's workspace, seen by each kind of reader."""

import html

import pytest
from django.test import Client

from centre.models import MemberParliament
from conferences.models import Event
from hubs.models import HubChange, HubJoinRequest, HubMembership, HubUpdate
from tests.factories import HubFactory, MemberParliamentFactory, StaffFactory, UserFactory
from tests.hubs.factories import (
    HubJoinRequestFactory,
    HubMembershipFactory,
    HubResourceFactory,
    HubUpdateFactory,
    hub_editor,
)

pytestmark = pytest.mark.django_db


def test_hub_index_filters_by_region_and_ignores_unknown_values(client, seeded):
    content = client.get("/en/hubs/?region=Southern+Africa").content.decode()
    assert "Southern Africa regional hub" in content
    assert "Latin America regional hub" not in content
    assert "ICT Governance hub" not in content
    content = client.get("/en/hubs/?region=<b>nowhere</b>&kind=thematic").content.decode()
    assert "ICT Governance hub" in content and "Latin America regional hub" not in content


def test_hub_index_offers_region_filters_in_the_readers_language(client, seeded):
    content = html.unescape(client.get("/fr/hubs/").content.decode())
    assert "Afrique australe" in content and "?region=Southern%20Africa" in content


def test_hub_page_shows_participants_by_region_resources_updates_and_events(client, seeded):
    hub = HubFactory(slug="cloud-test", host_parliament=MemberParliament.objects.get(code="BR"))
    for code in ("CL", "ZM"):
        HubMembershipFactory(hub=hub, parliament=MemberParliament.objects.get(code=code))
    HubResourceFactory(hub=hub, title_en="Open data toolkit", kind="tool")
    HubUpdateFactory(
        hub=hub,
        title_en="Experts met in Brasilia",
        body_en="<p>Report <script>alert(1)</script></p>",
        image="hubs/updates/2019/meeting.jpg",
        image_alt_en="Experts around a table",
        image_caption_en="The meeting",
        image_credit="Chamber of Deputies",
    )
    Event.objects.filter(slug__contains="brasilia").update(hub=hub)
    content = client.get("/en/hubs/cloud-test/").content.decode()
    assert "Open data toolkit" in content
    assert "Experts met in Brasilia" in content
    assert 'alt="Experts around a table"' in content
    assert "The meeting" in content and "Chamber of Deputies" in content
    assert "<script>alert(1)</script>" not in content
    assert "Group of Latin America and the Caribbean" in content and "Africa Group" in content
    chile = MemberParliament.objects.get(code="CL")
    assert chile.get_absolute_url() in content


def test_hub_page_shows_the_brasilia_meeting_with_dates_and_place(client, seeded):
    content = client.get("/en/hubs/inter-parliamentary-cloud/").content.decode()
    assert "Brasilia" in content
    assert "2019" in content and "22" in content and "26" in content


def test_an_update_written_in_french_is_shown_in_french_to_every_reader(client, seeded):
    hub = HubFactory(slug="fr-hub")
    HubUpdate.objects.create(
        hub=hub,
        language="fr",
        title_fr="Réunion des experts",
        body_fr="<p>Compte rendu</p>",
        published_at="2019-04-27T10:00:00Z",
    )
    english = client.get("/en/hubs/fr-hub/").content.decode()
    assert "Réunion des experts" in html.unescape(english)
    assert 'lang="fr"' in english
    french = client.get("/fr/hubs/fr-hub/").content.decode()
    assert "Réunion des experts" in html.unescape(french)


def test_parliament_page_lists_hosted_and_joined_hubs(client, seeded):
    chile = MemberParliament.objects.get(code="CL")
    cloud = HubFactory(slug="joined", name_en="Joined hub")
    HubMembership.objects.create(hub=cloud, parliament=chile)
    content = client.get("/en/parliaments/cl/").content.decode()
    assert "Latin America regional hub" in content
    assert "Joined hub" in content
    assert "Core partner" in content  # it hosts a hub


def _add_participants(hub, count):
    """Parliaments of several regions join the hub (the factory's codes run out at ten)."""
    regions = ["africa", "arab", "asia_pacific", "eurasia", "twelve_plus"]
    start = hub.memberships.count()
    for index in range(start, start + count):
        parliament = MemberParliamentFactory(
            code=f"Q{index:02d}", country="CH", region=regions[index % len(regions)]
        )
        HubMembershipFactory(hub=hub, parliament=parliament)


@pytest.mark.parametrize(
    ("path", "make_rows"),
    [
        ("/en/hubs/", lambda hub, n: HubFactory.create_batch(n)),
        ("/en/hubs/listed/", lambda hub, n: HubUpdateFactory.create_batch(n, hub=hub)),
        ("/en/hubs/listed/", lambda hub, n: HubResourceFactory.create_batch(n, hub=hub)),
        ("/en/hubs/listed/", lambda hub, n: _add_participants(hub, n)),
    ],
)
def test_hub_pages_query_count_does_not_grow_with_rows(
    client, django_assert_max_num_queries, path, make_rows
):
    hub = HubFactory(slug="listed")
    make_rows(hub, 1)
    with django_assert_max_num_queries(12) as one:
        assert client.get(path + "?one").status_code == 200
    make_rows(hub, 29)
    with django_assert_max_num_queries(len(one.captured_queries)):
        assert client.get(path + "?many").status_code == 200


def test_workspace_overview_query_count_does_not_grow_with_rows(
    client, django_assert_max_num_queries
):
    hub = HubFactory(slug="busy")
    client.force_login(hub_editor(hub))
    HubUpdateFactory(hub=hub)
    HubResourceFactory(hub=hub)
    HubJoinRequestFactory(hub=hub, parliament=MemberParliamentFactory(code="JP"))
    with django_assert_max_num_queries(20) as one:
        client.get("/en/hubs/busy/workspace/?one")
    HubUpdateFactory.create_batch(29, hub=hub)
    HubResourceFactory.create_batch(29, hub=hub)
    with django_assert_max_num_queries(len(one.captured_queries)):
        client.get("/en/hubs/busy/workspace/?many")


# --- Authorisation: every view, five kinds of reader ---------------------------------------

READERS = ["anonymous", "user", "editor_a", "editor_b", "staff"]


@pytest.fixture
def world(db):
    hub_a = HubFactory(slug="hub-a", host_parliament=MemberParliamentFactory(code="FR"))
    hub_b = HubFactory(slug="hub-b", host_parliament=MemberParliamentFactory(code="DE"))
    users = {
        "anonymous": None,
        "user": UserFactory(),
        "editor_a": hub_editor(hub_a),
        "editor_b": hub_editor(hub_b),
        "staff": StaffFactory(),
    }
    return {
        "hub_a": hub_a,
        "hub_b": hub_b,
        "users": users,
        "resource": HubResourceFactory(hub=hub_a),
        "update": HubUpdateFactory(hub=hub_a),
        "request": HubJoinRequestFactory(hub=hub_a, parliament=MemberParliamentFactory(code="JP")),
        "change": HubChange.objects.create(hub=hub_a, action="page_edited", before={}, after={}),
    }


def _client(user) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


PUBLIC = ["/en/hubs/", "/en/hubs/hub-a/"]
WORKSPACE_GET = [
    "/en/hubs/hub-a/workspace/",
    "/en/hubs/hub-a/workspace/page/",
    "/en/hubs/hub-a/workspace/history/",
    "/en/hubs/hub-a/workspace/resources/new/",
    "/en/hubs/hub-a/workspace/resources/{resource}/",
    "/en/hubs/hub-a/workspace/updates/new/",
    "/en/hubs/hub-a/workspace/updates/{update}/",
    "/en/hubs/hub-a/workspace/invite/",
]
WORKSPACE_POST_ONLY = [
    "/en/hubs/hub-a/workspace/history/{change}/restore/",
    "/en/hubs/hub-a/workspace/resources/{resource}/delete/",
    "/en/hubs/hub-a/workspace/updates/{update}/delete/",
    "/en/hubs/hub-a/workspace/requests/{request}/decide/",
]


def _path(template, world):
    return template.format(
        resource=world["resource"].pk,
        update=world["update"].pk,
        request=world["request"].pk,
        change=world["change"].pk,
    )


@pytest.mark.parametrize("reader", READERS)
@pytest.mark.parametrize("path", PUBLIC)
def test_public_hub_pages_answer_everyone(world, reader, path):
    assert _client(world["users"][reader]).get(path).status_code == 200


WORKSPACE_EXPECTED = {"anonymous": 302, "user": 404, "editor_a": 200, "editor_b": 404, "staff": 404}


@pytest.mark.parametrize("reader", READERS)
@pytest.mark.parametrize("path", WORKSPACE_GET)
def test_only_the_hosts_editors_open_the_workspace(world, reader, path):
    response = _client(world["users"][reader]).get(_path(path, world))
    assert response.status_code == WORKSPACE_EXPECTED[reader]
    if reader == "anonymous":
        assert "/accounts/login/" in response["Location"]


@pytest.mark.parametrize("reader", READERS)
@pytest.mark.parametrize("path", WORKSPACE_POST_ONLY)
def test_workspace_actions_refuse_everyone_but_the_hosts_editors(world, reader, path):
    client = _client(world["users"][reader])
    expected = {**WORKSPACE_EXPECTED, "editor_a": 405}[reader]
    assert client.get(_path(path, world)).status_code == expected
    if reader in ("user", "editor_b", "staff"):
        assert client.post(_path(path, world), {"decision": "accept"}).status_code == 404


def test_another_hubs_items_answer_404_even_through_the_editors_own_hub(world):
    other = HubResourceFactory(hub=world["hub_b"])
    client = _client(world["users"]["editor_a"])
    assert client.get(f"/en/hubs/hub-a/workspace/resources/{other.pk}/").status_code == 404
    assert client.post(f"/en/hubs/hub-a/workspace/resources/{other.pk}/delete/").status_code == 404
    assert other.__class__.objects.filter(pk=other.pk).exists()


def test_a_404_for_another_hub_looks_like_a_missing_hub(world):
    client = _client(world["users"]["editor_b"])
    refused = client.get("/en/hubs/hub-a/workspace/")
    missing = client.get("/en/hubs/no-such-hub/workspace/")
    assert refused.status_code == missing.status_code == 404
    # The pages differ only by the address they name.
    assert refused.content.decode().replace("hub-a", "no-such-hub") == missing.content.decode()


def test_an_unconfirmed_editor_role_opens_nothing(world):
    from centre.models import ParliamentRole

    user = UserFactory()
    ParliamentRole.objects.create(
        user=user, parliament=world["hub_a"].host_parliament, role="hub_editor"
    )
    assert _client(user).get("/en/hubs/hub-a/workspace/").status_code == 404


@pytest.mark.parametrize("reader", READERS)
def test_editor_invitation_page_needs_an_account(world, reader):
    response = _client(world["users"][reader]).get("/en/hubs/editor-invitation/bad-token/")
    assert response.status_code == (302 if reader == "anonymous" else 200)


# --- The workspace at work -----------------------------------------------------------------


def test_editor_edits_the_french_page_text_sanitised_and_recorded(world):
    editor = world["users"]["editor_a"]
    client = _client(editor)
    response = client.post(
        "/fr/hubs/hub-a/workspace/page/",
        {
            "summary": "Partage d'outils",
            "description": '<h2>Objectifs</h2><p onclick="x()">Texte</p><script>x()</script>',
            "participation_rule": "",
        },
    )
    assert response.status_code == 302
    hub = world["hub_a"]
    hub.refresh_from_db()
    assert hub.summary_fr == "Partage d'outils"
    assert hub.description_fr == "<h2>Objectifs</h2><p>Texte</p>"
    assert hub.summary_en == "Shares tools between parliaments."
    change = hub.changes.get(action=HubChange.Action.PAGE_EDITED, by=editor)
    assert change.before["summary_fr"] == "" and change.after["summary_fr"] == "Partage d'outils"
    page = html.unescape(Client().get("/fr/hubs/hub-a/").content.decode())
    assert "Partage d'outils" in page and "<h2>Objectifs</h2>" in page


def test_english_page_text_may_not_be_emptied_and_what_was_typed_is_kept(world):
    client = _client(world["users"]["editor_a"])
    response = client.post(
        "/en/hubs/hub-a/workspace/page/",
        {"summary": "", "description": "Kept text", "participation_rule": "Anyone"},
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert "This field is required." in content
    assert "Kept text" in content and "Anyone" in content


def test_editor_restores_an_earlier_page_text(world):
    client = _client(world["users"]["editor_a"])
    client.post(
        "/en/hubs/hub-a/workspace/page/",
        {"summary": "Second version", "description": "", "participation_rule": "Anyone"},
    )
    hub = world["hub_a"]
    change = hub.changes.filter(action=HubChange.Action.PAGE_EDITED).latest("pk")
    response = client.post(f"/en/hubs/hub-a/workspace/history/{change.pk}/restore/")
    assert response.status_code == 302
    hub.refresh_from_db()
    assert hub.summary_en == "Shares tools between parliaments."
    assert hub.changes.filter(action=HubChange.Action.PAGE_RESTORED).count() == 1


def test_editor_adds_a_link_resource(world):
    client = _client(world["users"]["editor_a"])
    response = client.post(
        "/en/hubs/hub-a/workspace/resources/new/",
        {"kind": "software", "title": "Bill drafting", "url": "https://example.org/", "order": 0},
    )
    assert response.status_code == 302
    assert world["hub_a"].resources.filter(title_en="Bill drafting").exists()
    assert world["hub_a"].changes.filter(action="resource_added").exists()


def test_resource_without_address_or_file_is_refused_with_a_message(world):
    client = _client(world["users"]["editor_a"])
    response = client.post(
        "/en/hubs/hub-a/workspace/resources/new/",
        {"kind": "link", "title": "Nowhere", "url": "", "order": 0},
    )
    assert response.status_code == 200
    assert "Give the resource" in html.unescape(response.content.decode())
    assert "Nowhere" in response.content.decode()


def test_bad_input_in_resource_form_is_a_message_not_a_500(world):
    client = _client(world["users"]["editor_a"])
    response = client.post(
        "/en/hubs/hub-a/workspace/resources/new/",
        {"kind": "nonsense", "title": "", "url": "not a url", "order": "x"},
    )
    assert response.status_code == 200
    content = html.unescape(response.content.decode())
    assert "Select a valid choice" in content and "Enter a valid URL." in content


def test_french_editor_publishes_an_update_in_french(world, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.hubs.test_uploads import png_bytes

    client = _client(world["users"]["editor_a"])
    response = client.post(
        "/fr/hubs/hub-a/workspace/updates/new/",
        {
            "title": "Nouvelle plateforme",
            "body": "<p>Lancée</p>",
            "image": SimpleUploadedFile("photo.png", png_bytes(), content_type="image/png"),
            "image_alt": "Capture d'écran de la plateforme",
            "image_caption": "La page d'accueil",
            "image_credit": "Parlement",
        },
    )
    assert response.status_code == 302, response.content.decode()
    update = world["hub_a"].updates.get(title_fr="Nouvelle plateforme")
    assert update.language == "fr" and update.author == world["users"]["editor_a"]
    assert update.image_alt_fr == "Capture d'écran de la plateforme"


def test_update_with_an_image_needs_its_alt_text(world, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.hubs.test_uploads import png_bytes

    client = _client(world["users"]["editor_a"])
    response = client.post(
        "/en/hubs/hub-a/workspace/updates/new/",
        {
            "title": "Typed title",
            "body": "<p>x</p>",
            "image": SimpleUploadedFile("photo.png", png_bytes(), content_type="image/png"),
        },
    )
    assert response.status_code == 200
    assert "Describe the image" in response.content.decode()
    assert "Typed title" in response.content.decode()


def test_editor_accepts_a_request_and_the_parliament_is_told(
    world, mailoutbox, django_capture_on_commit_callbacks
):
    join_request = world["request"]
    client = _client(world["users"]["editor_a"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/en/hubs/hub-a/workspace/requests/{join_request.pk}/decide/",
            {"decision": "accept", "note": "Bienvenidos"},
        )
    assert response.status_code == 302
    join_request.refresh_from_db()
    assert join_request.status == HubJoinRequest.Status.ACCEPTED
    assert HubMembership.objects.filter(hub=world["hub_a"], parliament__code="JP").exists()
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == [join_request.contact_email]
    assert "Bienvenidos" in mailoutbox[0].body


def test_deciding_without_a_choice_is_a_message(world):
    client = _client(world["users"]["editor_a"])
    response = client.post(
        f"/en/hubs/hub-a/workspace/requests/{world['request'].pk}/decide/", {}, follow=True
    )
    assert "Choose whether to accept or decline" in response.content.decode()
    world["request"].refresh_from_db()
    assert world["request"].status == HubJoinRequest.Status.PENDING


def test_editor_invites_a_colleague_who_becomes_editor(
    world, mailoutbox, django_capture_on_commit_callbacks
):
    client = _client(world["users"]["editor_a"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/en/hubs/hub-a/workspace/invite/", {"email": "Colleague@FR.example"}
        )
    assert response.status_code == 302
    assert len(mailoutbox) == 1
    link = next(line for line in mailoutbox[0].body.splitlines() if "/editor-invitation/" in line)
    colleague = UserFactory(email="colleague@fr.example")
    colleague_client = _client(colleague)
    path = link.split("://", 1)[1].split("/", 1)[1]
    response = colleague_client.post("/" + path)
    assert response.status_code == 302
    assert colleague_client.get("/en/hubs/hub-a/workspace/").status_code == 200
    assert colleague_client.get("/en/hubs/hub-b/workspace/").status_code == 404


def test_an_invitation_is_refused_to_another_address(world):
    from hubs.services import hub_editor_invite

    token = hub_editor_invite(
        hub=world["hub_a"],
        by=world["users"]["editor_a"],
        email="colleague@fr.example",
        language="en",
    )
    stranger = _client(UserFactory(email="stranger@else.example"))
    response = stranger.post(f"/en/hubs/editor-invitation/{token}/")
    assert response.status_code == 400
    assert stranger.get("/en/hubs/hub-a/workspace/").status_code == 404


def test_invite_with_a_bad_address_keeps_what_was_typed(world):
    client = _client(world["users"]["editor_a"])
    response = client.post("/en/hubs/hub-a/workspace/invite/", {"email": "not-an-address"})
    assert response.status_code == 200
    content = response.content.decode()
    assert "Enter a valid email address." in content and "not-an-address" in content


def test_hub_page_offers_the_workspace_to_its_editors_only(world):
    link = "/en/hubs/hub-a/workspace/"
    assert link in _client(world["users"]["editor_a"]).get("/en/hubs/hub-a/").content.decode()
    for reader in ("anonymous", "user", "editor_b", "staff"):
        content = _client(world["users"][reader]).get("/en/hubs/hub-a/").content.decode()
        assert link not in content, reader


def test_parliament_page_query_count_does_not_grow_with_hubs_and_partnerships(
    client, django_assert_max_num_queries
):
    from tests.partners.factories import ParliamentPartnerFactory, PartnershipFactory

    japan = MemberParliamentFactory(code="JP")
    partner = ParliamentPartnerFactory(parliament=japan)
    HubMembershipFactory(parliament=japan)
    PartnershipFactory(partner=partner)
    with django_assert_max_num_queries(10) as one:
        client.get("/en/parliaments/jp/?one")
    for _ in range(29):
        HubMembershipFactory(parliament=japan)
        PartnershipFactory(partner=partner)
    with django_assert_max_num_queries(len(one.captured_queries)):
        content = client.get("/en/parliaments/jp/?many").content.decode()
    assert content.count("Participant") == 30
