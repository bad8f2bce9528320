"""What the hubs' services promise."""

import contextlib
import threading

import pytest
from django.db import connection, connections

from hubs import services
from hubs.models import HubChange, HubJoinRequest, HubMembership
from hubs.services import HubError
from tests.conftest import require
from tests.factories import HubFactory, MemberParliamentFactory
from tests.hubs.factories import HubJoinRequestFactory, HubMembershipFactory, hub_editor


@pytest.mark.django_db
def test_saving_the_same_page_text_records_nothing():
    hub = HubFactory()
    editor = hub_editor(hub)
    assert (
        services.hub_page_update(hub=hub, by=editor, values={"summary_en": hub.summary_en}) is None
    )
    assert not HubChange.objects.exists()


@pytest.mark.django_db
def test_page_update_refuses_fields_that_are_not_page_texts():
    hub = HubFactory()
    with pytest.raises(ValueError):
        services.hub_page_update(hub=hub, by=hub_editor(hub), values={"slug_en": "x"})


@pytest.mark.django_db
def test_a_restore_can_itself_be_undone():
    hub = HubFactory(summary_en="One")
    editor = hub_editor(hub)
    services.hub_page_update(hub=hub, by=editor, values={"summary_en": "Two"})
    edit = hub.changes.get()
    restore = services.hub_page_restore(hub=hub, change=edit, by=editor)
    hub.refresh_from_db()
    assert hub.summary_en == "One"
    services.hub_page_restore(hub=hub, change=restore, by=editor)
    hub.refresh_from_db()
    assert hub.summary_en == "Two"


@pytest.mark.django_db
def test_a_change_of_another_hub_cannot_be_restored():
    hub, other = HubFactory(), HubFactory()
    editor = hub_editor(other)
    services.hub_page_update(hub=other, by=editor, values={"summary_en": "Two"})
    with pytest.raises(HubError):
        services.hub_page_restore(hub=hub, change=other.changes.get(), by=editor)


@pytest.mark.django_db
def test_a_second_open_request_from_the_same_parliament_is_refused():
    hub = HubFactory(host_parliament=MemberParliamentFactory(code="FR"))
    japan = MemberParliamentFactory(code="JP")
    options = {
        "hub": hub,
        "parliament": japan,
        "contact_name": "A",
        "contact_email": "a@jp.example",
        "verified": True,
        "language": "en",
    }
    services.hub_join_request_submit(**options)
    with pytest.raises(HubError) as error:
        services.hub_join_request_submit(**options)
    assert error.value.code == "already_requested"


@pytest.mark.django_db
def test_the_host_and_members_cannot_ask_to_join():
    hub = HubFactory(host_parliament=MemberParliamentFactory(code="FR"))
    member = HubMembershipFactory(hub=hub, parliament=MemberParliamentFactory(code="JP"))
    base = {
        "hub": hub,
        "contact_name": "A",
        "contact_email": "a@x.example",
        "verified": True,
        "language": "en",
    }
    with pytest.raises(HubError, match="host parliament"):
        services.hub_join_request_submit(parliament=hub.host_parliament, **base)
    with pytest.raises(HubError, match="already takes part"):
        services.hub_join_request_submit(parliament=member.parliament, **base)


@pytest.mark.django_db
def test_deciding_a_request_twice_is_refused_and_mails_once(
    mailoutbox, django_capture_on_commit_callbacks
):
    join_request = HubJoinRequestFactory(parliament=MemberParliamentFactory(code="JP"))
    hub = join_request.hub
    editor = hub_editor(hub)
    with django_capture_on_commit_callbacks(execute=True):
        services.hub_join_request_decide(
            hub=hub, join_request_id=join_request.pk, accept=False, by=editor
        )
        with pytest.raises(HubError, match="already been decided"):
            services.hub_join_request_decide(
                hub=hub, join_request_id=join_request.pk, accept=True, by=editor
            )
    assert len(mailoutbox) == 1
    assert not HubMembership.objects.exists()


@pytest.mark.django_db
def test_a_decision_mail_is_written_in_the_requesters_language(
    mailoutbox, django_capture_on_commit_callbacks
):
    join_request = HubJoinRequestFactory(
        parliament=MemberParliamentFactory(code="CL"), language="fr"
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.hub_join_request_decide(
            hub=join_request.hub, join_request_id=join_request.pk, accept=True, by=None
        )
    from centre.models import OutgoingMail

    assert OutgoingMail.objects.get().language == "fr"


@pytest.mark.django_db
def test_accepting_an_editor_invitation_twice_changes_nothing():
    hub = HubFactory()
    inviter = hub_editor(hub)
    from tests.factories import UserFactory

    colleague = UserFactory(email="colleague@example.org")
    token = services.hub_editor_invite(hub=hub, by=inviter, email=colleague.email, language="en")
    services.hub_editor_invitation_accept(token=token, user=colleague)
    services.hub_editor_invitation_accept(token=token, user=colleague)
    assert hub.changes.filter(action=HubChange.Action.EDITOR_JOINED).count() == 1
    with pytest.raises(HubError):
        services.hub_editor_invite(hub=hub, by=inviter, email=colleague.email, language="en")


@pytest.mark.django_db
def test_a_tampered_invitation_is_refused():
    hub = HubFactory()
    token = services.hub_editor_invite(
        hub=hub, by=hub_editor(hub), email="c@x.example", language="en"
    )
    from tests.factories import UserFactory

    with pytest.raises(HubError):
        services.hub_editor_invitation_accept(token=token[:-2] + "xx", user=UserFactory())


# --- Concurrency, on PostgreSQL (SQLite serialises writers) --------------------------------


@pytest.fixture
def postgres(transactional_db):
    require(connection.vendor == "postgresql", "DATABASE_URL does not point at PostgreSQL")


def _decide_twice_at_once(monkeypatch, lock: bool) -> int:
    """Two editors decide the same request at the same instant; returns how many decisions
    went through. Each thread waits (at most a second) for the other after reading the row,
    so that without the lock both read it pending."""
    monkeypatch.setattr(services, "LOCK_JOIN_REQUEST_ROW", lock)
    join_request = HubJoinRequestFactory(parliament=MemberParliamentFactory(code="JP"))
    hub = join_request.hub
    editors = [hub_editor(hub), hub_editor(hub)]
    barrier = threading.Barrier(2)
    original = services._lock_join_request

    def slow_lock(*args):
        row = original(*args)
        with contextlib.suppress(threading.BrokenBarrierError):
            barrier.wait(timeout=1)
        return row

    monkeypatch.setattr(services, "_lock_join_request", slow_lock)
    outcomes = []

    def decide(editor):
        try:
            services.hub_join_request_decide(
                hub=hub, join_request_id=join_request.pk, accept=True, by=editor
            )
            outcomes.append("decided")
        except HubError:
            outcomes.append("refused")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=decide, args=(editor,)) for editor in editors]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert HubJoinRequest.objects.get(pk=join_request.pk).status == "accepted"
    return outcomes.count("decided")


@pytest.mark.integration
def test_two_editors_deciding_at_once_decide_once(postgres, monkeypatch):
    assert _decide_twice_at_once(monkeypatch, lock=True) == 1


@pytest.mark.integration
def test_without_the_lock_both_decisions_go_through(postgres, monkeypatch):
    # The control: proves that the test above can fail.
    assert _decide_twice_at_once(monkeypatch, lock=False) == 2
