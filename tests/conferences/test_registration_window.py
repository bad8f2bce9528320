"""Before registration opens, pages and refusals say so, with the opening date in the event's
time zone, instead of speaking of a deadline that has not come."""

import datetime
import zoneinfo

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone, translation

from conferences.models import Registration
from conferences.services import RegistrationError
from tests.conferences.factories import FocalPointFactory, OpenEventFactory
from tests.conferences.test_views import _form
from tests.factories import MemberParliamentFactory, StaffFactory

pytestmark = pytest.mark.django_db

OPENS = datetime.datetime(2099, 3, 2, 9, 30, tzinfo=zoneinfo.ZoneInfo("America/Santiago"))


@pytest.fixture
def event_not_yet_open():
    return OpenEventFactory(time_zone="America/Santiago", registration_opens_at=OPENS)


@pytest.fixture
def focal_point(client):
    role = FocalPointFactory(parliament=MemberParliamentFactory(code="CL"))
    client.force_login(role.user)
    return role


def _delegation_url(event, language="en"):
    with translation.override(language):
        return reverse("conferences:delegation", kwargs={"slug": event.slug, "code": "cl"})


def test_the_delegation_page_gives_the_opening_date_in_the_events_time_zone(
    client, focal_point, event_not_yet_open
):
    page = client.get(_delegation_url(event_not_yet_open)).content.decode()
    assert "Registration opens on 2 March 2099, 09:30 (America/Santiago)." in page
    assert "deadline has passed" not in page
    assert "Add a delegate" not in page


def test_a_registration_posted_before_the_opening_is_refused_as_not_yet_open(
    client, focal_point, event_not_yet_open
):
    form = _form()
    response = client.post(_delegation_url(event_not_yet_open, "es"), form)
    assert response.status_code == 302
    assert Registration.objects.count() == 0
    with translation.override("es"):
        expected = str(RegistrationError("not_open").message)
    assert [str(m) for m in get_messages(response.wsgi_request)] == [expected]
    assert "deadline" not in RegistrationError("not_open").code


def test_the_event_page_says_when_registration_opens(client, event_not_yet_open):
    with translation.override("fr"):
        url = event_not_yet_open.get_absolute_url()
    page = client.get(url).content.decode()
    assert "Les inscriptions ouvrent le 2 mars 2099 09:30 (America/Santiago)." in page


def test_after_the_deadline_the_event_page_says_registration_is_closed(client):
    event = OpenEventFactory(registration_deadline=timezone.now() - datetime.timedelta(hours=1))
    page = client.get(event.get_absolute_url()).content.decode()
    assert "Registration is closed." in page
    assert "Register your delegation" not in page


def test_staff_without_the_conference_permission_are_refused_the_dashboard_not_an_error(client):
    from tests.conftest import signed_in_with_mfa

    event = OpenEventFactory()
    signed_in_with_mfa(client, StaffFactory(is_superuser=False))
    for name in (
        "admin:conferences_event_dashboard",
        "admin:conferences_event_participants_pdf",
        "admin:conferences_event_badges_pdf",
    ):
        assert client.get(reverse(name, args=[event.pk])).status_code == 403, name


def test_the_secretariat_types_the_deadline_in_the_events_time_zone():
    from django import forms

    from conferences.admin import EventForm
    from conferences.models import Event

    class DeadlineForm(EventForm):
        class Meta:
            model = Event
            fields = ["time_zone", "registration_deadline"]

    data = {"time_zone": "America/Santiago", "registration_deadline": "2030-06-01 23:59"}
    for server_zone in ("Europe/Zurich", "UTC"):
        with timezone.override(server_zone):
            form = DeadlineForm(data)
            assert form.is_valid(), form.errors
        deadline = form.cleaned_data["registration_deadline"]
        assert deadline == datetime.datetime(2030, 6, 2, 3, 59, tzinfo=datetime.UTC)
    assert form.fields["registration_deadline"].help_text == "In the event's time zone."
    assert isinstance(form.fields["time_zone"], forms.Field)


def test_the_event_admin_shows_the_deadline_in_the_events_time_zone(client):
    from tests.conftest import signed_in_with_mfa

    event = OpenEventFactory(
        time_zone="America/Santiago",
        registration_deadline=datetime.datetime(2030, 6, 2, 3, 59, tzinfo=datetime.UTC),
    )
    signed_in_with_mfa(client, StaffFactory())
    page = client.get(reverse("admin:conferences_event_change", args=[event.pk]))
    assert page.status_code == 200
    html = page.content.decode()
    assert 'name="registration_deadline_0" value="2030-06-01"' in html
    assert 'name="registration_deadline_1" value="23:59:00"' in html
