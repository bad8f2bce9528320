"""Capacity and uniqueness under real concurrency, on PostgreSQL (SQLite serialises writers)."""

import threading

import pytest
from django.db import connection, connections
from django.test import Client

from conferences import services
from conferences.models import Registration
from conferences.services import RegistrationError
from tests.conferences.factories import (
    DelegationFactory,
    FocalPointFactory,
    OpenEventFactory,
    delegate_data,
)
from tests.conftest import require

pytestmark = [pytest.mark.integration, pytest.mark.slow]
THREADS = 50
ROUNDS = 20
CAPACITY = 10


@pytest.fixture
def postgres(transactional_db):
    require(connection.vendor == "postgresql", "DATABASE_URL does not point at PostgreSQL")


def _race(work, count=THREADS):
    """Runs `work(i)` in `count` threads released at the same instant; returns their results
    or exceptions."""
    barrier = threading.Barrier(count)
    results = [None] * count

    def run(index):
        try:
            barrier.wait()
            results[index] = work(index)
        except Exception as error:  # the test inspects what each thread met
            results[index] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return results


def _round(lock: bool, monkeypatch) -> int:
    monkeypatch.setattr(services, "LOCK_EVENT_ROW", lock)
    delegation = DelegationFactory(event__capacity=CAPACITY)

    def register(index):
        return services.registration_add(
            event=delegation.event,
            delegation=delegation,
            data=delegate_data(email=f"delegate{index}@parliament.example"),
            by=None,
        )

    results = _race(register)
    assert not [r for r in results if isinstance(r, Exception)], results
    return Registration.objects.filter(
        event=delegation.event, status=Registration.Status.CONFIRMED
    ).count()


def test_fifty_concurrent_registrations_never_exceed_the_capacity(postgres, monkeypatch):
    confirmed = [_round(True, monkeypatch) for _ in range(ROUNDS)]
    assert confirmed == [CAPACITY] * ROUNDS


def test_without_the_lock_the_same_race_overbooks(postgres, monkeypatch):
    # The control: proves that the test above can fail.
    confirmed = [_round(False, monkeypatch) for _ in range(ROUNDS)]
    assert max(confirmed) > CAPACITY, confirmed


def test_fifty_concurrent_submissions_of_the_same_delegate_give_one_row_and_no_500(postgres):
    event = OpenEventFactory(capacity=100)
    role = FocalPointFactory()
    url = f"/en/conferences/{event.slug}/register/{role.parliament.code.lower()}/"
    form = {
        "full_name": "Ana Pérez",
        "title": "Diputada",
        "category": "mp",
        "gender": "female",
        "email": "ana@congreso.example",
        "attendance": "in_person",
        "working_language": "es",
        "consent": "on",
    }

    def submit(_index):
        client = Client()
        client.force_login(role.user)
        return client.post(url, form).status_code

    statuses = _race(submit)
    assert all(isinstance(status, int) for status in statuses), statuses
    assert set(statuses) <= {302, 422}, statuses
    assert statuses.count(302) == 1
    assert Registration.objects.filter(event=event).count() == 1


def test_concurrent_duplicates_through_the_service_raise_a_domain_error(postgres):
    delegation = DelegationFactory(event__capacity=100)
    results = _race(
        lambda _i: services.registration_add(
            event=delegation.event, delegation=delegation, data=delegate_data(), by=None
        ),
        count=20,
    )
    assert sum(isinstance(r, Registration) for r in results) == 1
    assert all(isinstance(r, (Registration, RegistrationError)) for r in results), results


def test_concurrent_heads_of_one_delegation_leave_one_head_and_say_why_to_the_others(postgres):
    delegation = DelegationFactory(event__capacity=100)
    results = _race(
        lambda i: services.registration_add(
            event=delegation.event,
            delegation=delegation,
            data=delegate_data(email=f"head-{i}@congreso.example", is_head_of_delegation=True),
            by=None,
        ),
        count=20,
    )
    errors = [r for r in results if isinstance(r, RegistrationError)]
    assert sum(isinstance(r, Registration) for r in results) == 1
    assert len(errors) == 19, results
    assert {error.code for error in errors} == {"head"}
    assert delegation.registrations.filter(is_head_of_delegation=True).count() == 1
