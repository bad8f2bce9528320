"""A place freed anywhere goes to the first in line on the waiting list, while the event is
still to come: through the services, and through what the secretariat does in the admin."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from conferences import services
from conferences.models import Registration
from tests.conferences.factories import DelegationFactory, OpenEventFactory, delegate_data
from tests.factories import StaffFactory

pytestmark = pytest.mark.django_db

WAITLISTED = Registration.Status.WAITLISTED
CONFIRMED = Registration.Status.CONFIRMED


def _full_event(capacity=1, waiting=2, **event):
    """An event whose places are all taken, with `waiting` people in line after them."""
    delegation = DelegationFactory(event=OpenEventFactory(capacity=capacity, **event))
    people = [
        services.registration_add(
            event=delegation.event,
            delegation=delegation,
            data=delegate_data(email=f"person-{n}@parliament.example"),
            by=delegation.focal_point,
        )
        for n in range(capacity + waiting)
    ]
    return delegation, people


def _statuses(people):
    return [Registration.objects.get(pk=person.pk).status for person in people]


def test_fill_gives_each_free_place_to_the_first_in_line_and_tells_them(
    mailoutbox, django_capture_on_commit_callbacks
):
    delegation, (taken, first, second) = _full_event(capacity=1, waiting=2)
    event = delegation.event
    event.capacity = 2
    event.save()
    with django_capture_on_commit_callbacks(execute=True):
        assert services.waiting_list_fill(event=event) == 1
    assert _statuses([taken, first, second]) == [CONFIRMED, CONFIRMED, WAITLISTED]
    assert any(m.to == ["person-1@parliament.example"] for m in mailoutbox)
    assert not any(m.to == ["person-2@parliament.example"] for m in mailoutbox)
    assert services.waiting_list_fill(event=event) == 0


def test_a_place_freed_after_the_event_goes_to_no_one(django_capture_on_commit_callbacks):
    delegation, (taken, waiting) = _full_event(capacity=1, waiting=1)
    event = delegation.event
    event.start_date = event.end_date = timezone.localdate() - datetime.timedelta(days=30)
    event.save()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        services.registration_anonymise(registration=taken)
    assert _statuses([taken, waiting]) == [Registration.Status.CANCELLED, WAITLISTED]
    assert callbacks == []


@pytest.fixture
def admin_client(client):
    from tests.conftest import signed_in_with_mfa

    return signed_in_with_mfa(client, StaffFactory())


def test_deleting_a_confirmed_delegate_in_the_admin_gives_the_place_to_the_first_in_line(
    admin_client,
):
    _delegation, (taken, first, second) = _full_event(capacity=1, waiting=2)
    url = reverse("admin:conferences_registration_delete", args=[taken.pk])
    response = admin_client.post(url, {"post": "yes"}, follow=True)
    assert response.status_code == 200
    assert not Registration.objects.filter(pk=taken.pk).exists()
    assert _statuses([first, second]) == [CONFIRMED, WAITLISTED]
    assert "now has a place" in response.content.decode()


def test_deleting_delegates_from_the_changelist_fills_as_many_places(admin_client):
    _delegation, people = _full_event(capacity=2, waiting=3)
    response = admin_client.post(
        reverse("admin:conferences_registration_changelist"),
        {
            "action": "delete_selected",
            "_selected_action": [people[0].pk, people[1].pk],
            "post": "yes",
        },
    )
    assert response.status_code == 302
    assert _statuses(people[2:]) == [CONFIRMED, CONFIRMED, WAITLISTED]


def test_deleting_a_delegation_in_the_admin_gives_its_places_to_the_waiting_list(admin_client):
    delegation, (_taken, _first) = _full_event(capacity=1, waiting=1)
    other = DelegationFactory(event=delegation.event)
    waiting = services.registration_add(
        event=delegation.event,
        delegation=other,
        data=delegate_data(email="other@parliament.example"),
        by=other.focal_point,
    )
    response = admin_client.post(
        reverse("admin:conferences_delegation_delete", args=[delegation.pk]), {"post": "yes"}
    )
    assert response.status_code == 302
    assert _statuses([waiting]) == [CONFIRMED]


def test_cancelling_a_delegate_in_the_admin_gives_the_place_to_the_first_in_line(admin_client):
    delegation, (taken, first) = _full_event(capacity=1, waiting=1)
    url = reverse("admin:conferences_registration_change", args=[taken.pk])
    form = admin_client.get(url).context["adminform"].form
    data = {
        name: value
        for name, value in form.initial.items()
        if value is not None and name not in ("sessions_of_interest", "user")
    }
    data.update(
        status=Registration.Status.CANCELLED, delegation=delegation.pk, event=taken.event_id
    )
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert _statuses([taken, first]) == [Registration.Status.CANCELLED, CONFIRMED]


def test_raising_the_capacity_in_the_admin_gives_the_new_places_to_the_waiting_list(rf):
    from django.contrib import admin
    from django.contrib.messages.storage.fallback import FallbackStorage
    from django.forms import modelform_factory

    from conferences.models import Event

    delegation, (_taken, first, second) = _full_event(capacity=1, waiting=2)
    event = delegation.event
    request = rf.post("/")
    request.user = StaffFactory()
    request.session = {}
    request._messages = FallbackStorage(request)
    form = modelform_factory(Event, fields=["capacity"])({"capacity": 3}, instance=event)
    form.save(commit=False).save()
    admin.site._registry[Event].save_related(request, form, [], change=True)
    assert _statuses([first, second]) == [CONFIRMED, CONFIRMED]
    assert "2 people on the waiting list" in str(next(iter(request._messages)))


def test_at_an_event_whose_delegates_need_approval_they_wait_for_it_then_take_a_place(
    mailoutbox, django_capture_on_commit_callbacks
):
    delegation = DelegationFactory(event=OpenEventFactory(capacity=1, delegates_need_approval=True))
    with django_capture_on_commit_callbacks(execute=True):
        first, second = (
            services.registration_add(
                event=delegation.event,
                delegation=delegation,
                data=delegate_data(email=email, working_language="en"),
                by=delegation.focal_point,
            )
            for email in ("first@parliament.example", "second@parliament.example")
        )
    assert _statuses([first, second]) == [Registration.Status.PENDING] * 2
    assert any("awaits approval" in m.subject for m in mailoutbox)
    staff = StaffFactory()
    services.registration_decide(registration=second, approve=True, by=staff)
    services.registration_decide(registration=first, approve=True, by=staff)
    assert _statuses([second, first]) == [CONFIRMED, WAITLISTED]
