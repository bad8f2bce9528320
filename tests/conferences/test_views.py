import datetime
import zoneinfo

import pytest
from django.urls import reverse
from django.utils import timezone

from conferences.models import Registration
from tests.conferences.factories import (
    DelegationFactory,
    FocalPointFactory,
    OpenEventFactory,
    RegistrationFactory,
)
from tests.factories import MemberParliamentFactory, SessionFactory, UserFactory

pytestmark = pytest.mark.django_db
ZURICH = zoneinfo.ZoneInfo("Europe/Zurich")


@pytest.fixture
def focal_point(client):
    role = FocalPointFactory(parliament=MemberParliamentFactory(code="CL"))
    client.force_login(role.user)
    return role


def _form(**overrides):
    return {
        "full_name": "Ana Pérez",
        "title": "Diputada",
        "category": "mp",
        "gender": "female",
        "email": "ana.perez@congreso.example",
        "attendance": "in_person",
        "working_language": "es",
        "accessibility_needs": "",
        "consent": "on",
    } | overrides


def _delegation_url(event, code="cl"):
    return reverse("conferences:delegation", kwargs={"slug": event.slug, "code": code})


def test_focal_point_registers_a_delegate(client, focal_point):
    event = OpenEventFactory()
    response = client.post(_delegation_url(event), _form())
    assert response.status_code == 302
    registration = Registration.objects.get()
    assert registration.delegation.parliament == focal_point.parliament
    assert registration.status == Registration.Status.CONFIRMED
    assert "Ana Pérez" in client.get(_delegation_url(event)).content.decode()


def test_register_page_leads_a_single_focal_point_to_their_delegation(client, focal_point):
    event = OpenEventFactory()
    response = client.get(reverse("conferences:register", kwargs={"slug": event.slug}))
    assert response.status_code == 302
    assert response.url == _delegation_url(event)


def test_bad_input_is_redisplayed_with_messages_and_nothing_is_lost(client, focal_point):
    event = OpenEventFactory()
    response = client.post(
        _delegation_url(event), _form(email="not-an-email", consent="", full_name="Ana Pérez")
    )
    assert response.status_code == 422
    content = response.content.decode()
    assert 'value="Ana Pérez"' in content
    assert 'value="not-an-email"' in content
    assert "Enter a valid email address." in content
    assert "Please give your consent to register." in content
    assert Registration.objects.count() == 0


def test_bad_input_messages_are_in_the_users_language(client, focal_point):
    event = OpenEventFactory()
    url = reverse("conferences:delegation", kwargs={"slug": event.slug, "code": "cl"}).replace(
        "/en/", "/es/"
    )
    content = client.post(url, _form(email="x")).content.decode()
    assert "Introduzca una dirección de correo electrónico válida." in content


def test_the_same_delegate_twice_is_refused_on_the_form(client, focal_point):
    event = OpenEventFactory()
    client.post(_delegation_url(event), _form())
    response = client.post(_delegation_url(event), _form(full_name="Ana again"))
    assert response.status_code == 422
    assert "already registered" in response.content.decode()
    assert Registration.objects.count() == 1


def test_unknown_choices_and_foreign_sessions_are_refused(client, focal_point):
    event = OpenEventFactory()
    foreign_session = SessionFactory()
    response = client.post(
        _delegation_url(event), _form(category="king", sessions_of_interest=[foreign_session.pk])
    )
    assert response.status_code == 422
    assert Registration.objects.count() == 0


def test_after_the_deadline_the_delegation_is_read_only(client, focal_point):
    event = OpenEventFactory(registration_deadline=timezone.now() - datetime.timedelta(hours=1))
    registration = RegistrationFactory(
        delegation__event=event, delegation__parliament=focal_point.parliament
    )
    page = client.get(_delegation_url(event)).content.decode()
    assert "The registration deadline has passed" in page
    assert "Add a delegate" not in page
    response = client.post(_delegation_url(event), _form(email="late@parliament.example"))
    assert response.status_code == 302
    assert Registration.objects.count() == 1
    edit = reverse(
        "conferences:registration_edit",
        kwargs={"slug": event.slug, "code": "cl", "pk": registration.pk},
    )
    client.post(edit, _form(title="Senator"))
    registration.refresh_from_db()
    assert registration.title != "Senator"


def test_focal_point_edits_and_removes_a_delegate(client, focal_point):
    event = OpenEventFactory()
    registration = RegistrationFactory(
        delegation__event=event, delegation__parliament=focal_point.parliament
    )
    edit = reverse(
        "conferences:registration_edit",
        kwargs={"slug": event.slug, "code": "cl", "pk": registration.pk},
    )
    assert client.post(edit, _form(email=registration.email, title="Senadora")).status_code == 302
    registration.refresh_from_db()
    assert registration.title == "Senadora"
    cancel = reverse(
        "conferences:registration_cancel",
        kwargs={"slug": event.slug, "code": "cl", "pk": registration.pk},
    )
    assert client.post(cancel).status_code == 302
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CANCELLED


def test_focal_point_of_parliament_a_cannot_see_or_change_parliament_b(client, focal_point):
    event = OpenEventFactory()
    other = RegistrationFactory(
        delegation__event=event, delegation__parliament=MemberParliamentFactory(code="BR")
    )
    kwargs = {"slug": event.slug, "code": "br"}
    assert client.get(reverse("conferences:delegation", kwargs=kwargs)).status_code == 404
    assert client.post(reverse("conferences:delegation", kwargs=kwargs), _form()).status_code == 404
    # Guessing the id of B's delegate through A's own address is a 404 too.
    for name in ("conferences:registration_edit", "conferences:registration_cancel"):
        for code in ("br", "cl"):
            url = reverse(name, kwargs={"slug": event.slug, "code": code, "pk": other.pk})
            assert client.post(url, _form()).status_code == 404, (name, code)
    other.refresh_from_db()
    assert other.status == Registration.Status.CONFIRMED


def test_unconfirmed_focal_point_gets_404(client):
    role = FocalPointFactory(parliament=MemberParliamentFactory(code="CL"), confirmed_at=None)
    client.force_login(role.user)
    assert client.get(_delegation_url(OpenEventFactory())).status_code == 404


def test_anonymous_visitor_is_sent_to_sign_in(client):
    response = client.get(_delegation_url(OpenEventFactory()))
    assert response.status_code == 302
    assert reverse("account_login") in response.url


def test_individual_participant_registers_for_approval(client):
    client.force_login(UserFactory(email="observer@undp.example"))
    event = OpenEventFactory()
    url = reverse("conferences:individual_register", kwargs={"slug": event.slug})
    response = client.post(
        url, _form(email="observer@undp.example", organisation="UNDP", category="other")
    )
    assert response.status_code == 302
    assert Registration.objects.get().status == Registration.Status.PENDING


def test_invitation_link_confirms_the_focal_point(client):
    from conferences.services import invitation_token

    event = OpenEventFactory()
    parliament = MemberParliamentFactory(code="ZM")
    client.force_login(UserFactory())
    url = reverse(
        "conferences:claim_invitation",
        kwargs={"slug": event.slug, "token": invitation_token(parliament=parliament, event=event)},
    )
    assert client.get(url).status_code == 200
    response = client.post(url)
    assert response.url == _delegation_url(event, "zm")
    assert client.get(response.url).status_code == 200


def test_my_registrations_export_and_delete(client):
    registration = RegistrationFactory(email="ana@congreso.example")
    RegistrationFactory(email="someone.else@congreso.example")
    client.force_login(UserFactory(email="ana@congreso.example"))
    export = client.get(reverse("conferences:my_registrations_export")).json()
    assert [r["email"] for r in export["registrations"]] == ["ana@congreso.example"]
    foreign = Registration.objects.exclude(pk=registration.pk).get()
    assert (
        client.post(
            reverse("conferences:my_registration_delete", kwargs={"pk": foreign.pk})
        ).status_code
        == 404
    )
    assert (
        client.post(
            reverse("conferences:my_registration_delete", kwargs={"pk": registration.pk})
        ).status_code
        == 302
    )
    registration.refresh_from_db()
    assert registration.anonymised_at is not None


def test_delegation_page_query_count_does_not_grow(
    client, focal_point, django_assert_max_num_queries
):
    event = OpenEventFactory(capacity=100)
    delegation = DelegationFactory(event=event, parliament=focal_point.parliament)
    sessions = SessionFactory.create_batch(3, event=event)
    RegistrationFactory(delegation=delegation).sessions_of_interest.set(sessions)
    with django_assert_max_num_queries(30) as one:
        client.get(_delegation_url(event))
    for registration in RegistrationFactory.create_batch(20, delegation=delegation):
        registration.sessions_of_interest.set(sessions)
    with django_assert_max_num_queries(len(one.captured_queries)):
        client.get(_delegation_url(event))


def test_programme_is_shown_day_by_day_with_filters_and_calendars(client):
    event = OpenEventFactory(slug="wepc")
    SessionFactory(event=event, title_en="Opening plenary", is_plenary=True, audiences=["mps"])
    SessionFactory(
        event=event,
        title_en="Open data clinic",
        audiences=["ict_staff"],
        starts_at=datetime.datetime(2030, 6, 17, 14, 0, tzinfo=ZURICH),
        ends_at=datetime.datetime(2030, 6, 17, 15, 0, tzinfo=ZURICH),
    )
    content = client.get("/en/conferences/wepc/").content.decode()
    assert content.index("Opening plenary") < content.index("Open data clinic")
    assert "14:00" in content and "Europe/Zurich" in content
    assert "data-local-time" in content
    filtered = client.get("/en/conferences/wepc/?audience=ict_staff").content.decode()
    assert "Open data clinic" in filtered and "Opening plenary" not in filtered
    assert client.get("/en/conferences/wepc/?audience=nonsense&theme=zz").status_code == 200
    ics = client.get("/en/conferences/wepc/calendar.ics")
    assert ics["Content-Type"].startswith("text/calendar")
    assert b"TZID=Europe/Zurich" in ics.content and b"BEGIN:VTIMEZONE" in ics.content


def test_programme_query_count_does_not_grow_with_sessions(client, django_assert_max_num_queries):
    event = OpenEventFactory(slug="wepc")
    SessionFactory(event=event)
    with django_assert_max_num_queries(12) as one:
        client.get("/en/conferences/wepc/?one")
    SessionFactory.create_batch(25, event=event)
    with django_assert_max_num_queries(len(one.captured_queries)):
        client.get("/en/conferences/wepc/?many")
