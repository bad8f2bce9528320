"""A focal point reaches only their own parliament's delegates: the pages about another
parliament's delegate answer 404, whichever parliament code the address carries."""

import pytest
from django.urls import reverse

from conferences.models import Registration
from tests.conferences.factories import FocalPointFactory, OpenEventFactory, RegistrationFactory
from tests.factories import MemberParliamentFactory

pytestmark = pytest.mark.django_db


def _form(**overrides):
    return {
        "full_name": "Intruder",
        "title": "Changed by another parliament",
        "category": "mp",
        "gender": "female",
        "email": "intruder@congreso.example",
        "attendance": "in_person",
        "working_language": "es",
        "accessibility_needs": "",
        "consent": "on",
    } | overrides


@pytest.fixture
def setting():
    """At one open event: Chile's focal point, a delegate of Brazil and one of Chile."""
    event = OpenEventFactory()
    chile = FocalPointFactory(parliament=MemberParliamentFactory(code="CL"))
    brazils = RegistrationFactory(
        delegation__event=event,
        delegation__parliament=MemberParliamentFactory(code="BR"),
        full_name="Beatriz Souza",
        title="Deputada",
    )
    chiles = RegistrationFactory(
        delegation__event=event, delegation__parliament=chile.parliament, full_name="Ana Pérez"
    )
    return event, chile, brazils, chiles


def _url(name, event, code, registration):
    return reverse(name, kwargs={"slug": event.slug, "code": code, "pk": registration.pk})


@pytest.mark.parametrize("code", ["br", "cl"])
def test_focal_point_cannot_open_or_change_another_parliaments_delegate(client, setting, code):
    event, chile, brazils, _chiles = setting
    client.force_login(chile.user)
    edit = _url("conferences:registration_edit", event, code, brazils)
    cancel = _url("conferences:registration_cancel", event, code, brazils)

    get = client.get(edit)
    assert get.status_code == 404
    assert "Beatriz Souza" not in get.content.decode()
    assert client.post(edit, _form(email=brazils.email)).status_code == 404
    assert client.post(cancel).status_code == 404

    brazils.refresh_from_db()
    assert (brazils.full_name, brazils.title, brazils.status) == (
        "Beatriz Souza",
        "Deputada",
        Registration.Status.CONFIRMED,
    )


def test_focal_point_opens_their_own_delegates_edit_page(client, setting):
    # The control for the 404s above: the same pages answer for Chile's own delegate.
    event, chile, _brazils, chiles = setting
    client.force_login(chile.user)
    response = client.get(_url("conferences:registration_edit", event, "cl", chiles))
    assert response.status_code == 200
    assert "Ana Pérez" in response.content.decode()
