import datetime

import pytest
from django.utils import timezone

from conferences import services
from conferences.models import Event, Registration
from conferences.services import RegistrationError
from tests.conferences.factories import (
    DelegationFactory,
    OpenEventFactory,
    RegistrationFactory,
    delegate_data,
)
from tests.factories import SessionFactory, UserFactory

pytestmark = pytest.mark.django_db


def _add(delegation, **overrides):
    return services.registration_add(
        event=delegation.event,
        delegation=delegation,
        data=delegate_data(**overrides),
        by=delegation.focal_point,
    )


def test_delegate_is_confirmed_while_places_remain(mailoutbox, django_capture_on_commit_callbacks):
    delegation = DelegationFactory(event__capacity=2)
    with django_capture_on_commit_callbacks(execute=True):
        registration = _add(delegation)
    assert registration.status == Registration.Status.CONFIRMED
    delegate_mail = next(m for m in mailoutbox if m.to == ["ana.perez@congreso.example"])
    assert delegate_mail.attachments[0][0].endswith(".ics")
    assert "confirm" in delegate_mail.subject.lower() or "confirm" in delegate_mail.body.lower()
    assert any(m.to == [delegation.focal_point.email] for m in mailoutbox)


def test_confirmation_is_written_in_the_delegates_language(
    mailoutbox, django_capture_on_commit_callbacks
):
    delegation = DelegationFactory()
    with django_capture_on_commit_callbacks(execute=True):
        _add(delegation, working_language="fr")
    mail = next(m for m in mailoutbox if m.to == ["ana.perez@congreso.example"])
    assert "Votre inscription" in mail.subject


def test_full_event_puts_delegates_on_the_waiting_list():
    delegation = DelegationFactory(event__capacity=1)
    first = _add(delegation, email="first@parliament.example")
    second = _add(delegation, email="second@parliament.example")
    assert (first.status, second.status) == (
        Registration.Status.CONFIRMED,
        Registration.Status.WAITLISTED,
    )


def test_freed_place_goes_to_the_first_in_line_who_is_told(
    mailoutbox, django_capture_on_commit_callbacks
):
    delegation = DelegationFactory(event__capacity=1)
    first = _add(delegation, email="first@parliament.example")
    second = _add(delegation, email="second@parliament.example")
    third = _add(delegation, email="third@parliament.example")
    with django_capture_on_commit_callbacks(execute=True):
        services.registration_cancel(registration=first, by=delegation.focal_point)
    second.refresh_from_db()
    third.refresh_from_db()
    assert second.status == Registration.Status.CONFIRMED
    assert third.status == Registration.Status.WAITLISTED
    assert any(m.to == ["second@parliament.example"] for m in mailoutbox)


def test_registration_after_the_deadline_is_refused():
    delegation = DelegationFactory(
        event__registration_deadline=timezone.now() - datetime.timedelta(minutes=1)
    )
    with pytest.raises(RegistrationError) as error:
        _add(delegation)
    assert error.value.code == "deadline"
    assert Registration.objects.count() == 0


def test_after_the_deadline_the_deadline_is_the_reason_even_for_a_known_address():
    delegation = DelegationFactory()
    _add(delegation, email="ana@parliament.example")
    later = delegation.event.registration_deadline + datetime.timedelta(seconds=1)
    with pytest.raises(RegistrationError) as error:
        services.registration_add(
            event=delegation.event,
            delegation=delegation,
            data=delegate_data(email="ana@parliament.example"),
            by=None,
            now=later,
        )
    assert error.value.code == "deadline"


def test_a_deadline_brought_forward_after_the_page_loaded_is_enforced():
    delegation = DelegationFactory()
    event = delegation.event  # as the focal point's request loaded it: still open
    Event.objects.filter(pk=event.pk).update(
        registration_deadline=timezone.now() - datetime.timedelta(minutes=1)
    )
    with pytest.raises(RegistrationError) as error:
        services.registration_add(event=event, delegation=delegation, data=delegate_data(), by=None)
    assert error.value.code == "deadline"
    assert Registration.objects.count() == 0


def test_changes_after_the_deadline_are_refused():
    registration = RegistrationFactory()
    later = registration.event.registration_deadline + datetime.timedelta(seconds=1)
    with pytest.raises(RegistrationError):
        services.registration_update(
            registration=registration, data={"title": "Senator"}, by=None, now=later
        )
    with pytest.raises(RegistrationError):
        services.registration_cancel(registration=registration, by=None, now=later)


def test_the_same_person_twice_in_an_event_is_refused():
    delegation = DelegationFactory()
    _add(delegation, email="ana@parliament.example")
    other = DelegationFactory(event=delegation.event)
    with pytest.raises(RegistrationError) as error:
        _add(other, email="ANA@parliament.example")
    assert error.value.field == "email"


def test_a_delegation_has_one_head():
    delegation = DelegationFactory()
    _add(delegation, email="head@parliament.example", is_head_of_delegation=True)
    with pytest.raises(RegistrationError) as error:
        _add(delegation, email="second@parliament.example", is_head_of_delegation=True)
    assert error.value.code == "head"


def test_individual_participants_wait_for_approval_then_take_a_place():
    event = OpenEventFactory(capacity=1)
    staff = UserFactory(is_staff=True)
    observer = services.registration_add(
        event=event, data=delegate_data(category="other", organisation="UNDP"), by=None
    )
    assert observer.status == Registration.Status.PENDING
    approved = services.registration_decide(registration=observer, approve=True, by=staff)
    assert approved.status == Registration.Status.CONFIRMED
    with pytest.raises(RegistrationError):
        services.registration_decide(registration=approved, approve=False, by=staff)


def test_approved_individual_joins_the_waiting_list_when_the_event_is_full():
    delegation = DelegationFactory(event__capacity=1)
    _add(delegation, email="delegate@parliament.example")
    observer = services.registration_add(
        event=delegation.event, data=delegate_data(email="observer@un.example"), by=None
    )
    decided = services.registration_decide(registration=observer, approve=True, by=UserFactory())
    assert decided.status == Registration.Status.WAITLISTED


def test_cancelled_person_may_register_again():
    delegation = DelegationFactory()
    first = _add(delegation)
    services.registration_cancel(registration=first, by=None)
    assert _add(delegation).status == Registration.Status.CONFIRMED


def test_invitation_link_makes_the_first_focal_point():
    delegation = DelegationFactory()
    token = services.invitation_token(parliament=delegation.parliament, event=delegation.event)
    user = UserFactory()
    role = services.focal_point_claim(user=user, event=delegation.event, token=token)
    assert role.is_confirmed and role.parliament == delegation.parliament
    assert services.focal_point_claim(user=user, event=delegation.event, token=token) == role
    with pytest.raises(RegistrationError) as error:
        services.focal_point_claim(user=UserFactory(), event=delegation.event, token=token)
    assert error.value.code == "taken"


def test_tampered_invitation_link_is_refused():
    delegation = DelegationFactory()
    token = services.invitation_token(parliament=delegation.parliament, event=delegation.event)
    with pytest.raises(RegistrationError):
        services.focal_point_claim(
            user=UserFactory(), event=delegation.event, token=token[:-2] + "xx"
        )
    other_event = OpenEventFactory()
    with pytest.raises(RegistrationError):
        services.focal_point_claim(user=UserFactory(), event=other_event, token=token)


def test_sessions_of_interest_make_the_agenda(mailoutbox, django_capture_on_commit_callbacks):
    delegation = DelegationFactory()
    session = SessionFactory(event=delegation.event, title_en="Open data in parliament")
    SessionFactory(event=delegation.event, title_en="Not chosen")
    with django_capture_on_commit_callbacks(execute=True):
        services.registration_add(
            event=delegation.event,
            delegation=delegation,
            data=delegate_data(),
            sessions=[session],
            by=None,
        )
    agenda = next(m for m in mailoutbox if m.to == ["ana.perez@congreso.example"]).attachments[0][1]
    agenda = agenda.decode() if isinstance(agenda, bytes) else agenda
    assert "Open data in parliament" in agenda
    assert "Not chosen" not in agenda


def test_personal_data_export_and_anonymisation():
    registration = RegistrationFactory(
        full_name="Ana Pérez", accessibility_needs="Wheelchair access"
    )
    data = services.registration_personal_data(registration=registration)
    assert data["full_name"] == "Ana Pérez" and data["accessibility_needs"] == "Wheelchair access"
    erased = services.registration_anonymise(registration=registration)
    assert erased.anonymised_at is not None
    assert erased.full_name == "—" and erased.accessibility_needs == ""
    assert erased.status == Registration.Status.CANCELLED
    assert erased.category == Registration.Category.MP  # kept for statistics


def test_past_events_are_anonymised_after_the_retention_period(settings):
    settings.PERSONAL_DATA_RETENTION_DAYS = 30
    old = RegistrationFactory(
        delegation__event__start_date=datetime.date(2021, 6, 16),
        delegation__event__end_date=datetime.date(2021, 6, 18),
    )
    recent = RegistrationFactory()
    assert services.registrations_anonymise_past() == 1
    old.refresh_from_db()
    recent.refresh_from_db()
    assert old.anonymised_at is not None and "@invalid.invalid" in old.email
    assert recent.anonymised_at is None
    assert services.registrations_anonymise_past() == 0
