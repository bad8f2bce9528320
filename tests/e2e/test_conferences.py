"""A focal point registers a delegation of three in Spanish, edits it, is confirmed, and is
refused after the deadline; the programme shows Geneva time and the reader's local time."""

import datetime

import pytest
from django.utils import timezone, translation

from centre.models import OutgoingMail
from conferences.models import Event, Registration
from conferences.services import RegistrationError
from tests.conferences.factories import FocalPointFactory, OpenEventFactory
from tests.e2e.support import format_violations, severe
from tests.factories import MemberParliamentFactory, SessionFactory, UserFactory

pytestmark = pytest.mark.e2e
PASSWORD = "correct horse battery staple"
GENEVA = datetime.timezone(datetime.timedelta(hours=2))


def _sign_in(page, live_server, email):
    page.goto(f"{live_server.url}/es/accounts/login/")
    page.fill("input[name=login]", email)
    page.fill("input[name=password]", PASSWORD)
    page.locator("form button[type=submit]").last.click()
    page.wait_for_load_state()


def _fill_delegate(page, **fields):
    for name, value in fields.items():
        if name in ("category", "gender", "working_language", "attendance"):
            page.select_option(f"select[name={name}]", value)
        elif name == "is_head_of_delegation":
            page.check("input[name=is_head_of_delegation]")
        else:
            page.fill(f"[name={name}]", value)
    page.check("input[name=consent]")


def _submit_delegate(page):
    page.locator("form[action='#add'] button[type=submit]").click()
    page.wait_for_load_state()


def _add_delegate(page, **fields):
    _fill_delegate(page, **fields)
    _submit_delegate(page)


@pytest.mark.parametrize("locale", ["es-CL"])
def test_focal_point_registers_edits_and_is_refused_after_the_deadline(
    live_server, page, screenshot, axe
):
    event = OpenEventFactory(
        slug="wepc-2030",
        title_es="Conferencia Mundial 2030",
        capacity=50,
        format=Event.Format.HYBRID,
    )
    role = FocalPointFactory(
        user=UserFactory(email="focal@congreso.example", preferred_language="es"),
        parliament=MemberParliamentFactory(code="CL", name_es="Congreso Nacional de Chile"),
    )
    _sign_in(page, live_server, role.user.email)
    page.goto(f"{live_server.url}/es/conferences/{event.slug}/register/")
    assert page.url.endswith("/es/conferences/wepc-2030/register/cl/")
    assert page.locator("html").get_attribute("lang") == "es"

    delegates = [
        {
            "full_name": "Ana Pérez",
            "title": "Diputada",
            "email": "ana@congreso.example",
            "category": "mp",
            "gender": "female",
            "working_language": "es",
            "is_head_of_delegation": True,
        },
        {
            "full_name": "Luis Soto",
            "title": "Secretario General",
            "email": "luis@congreso.example",
            "category": "secretary_general",
            "gender": "male",
            "working_language": "es",
        },
        {
            "full_name": "Carla Díaz",
            "title": "Jefa de TIC",
            "email": "carla@congreso.example",
            "category": "staff",
            "gender": "female",
            "working_language": "en",
            "attendance": "online",
        },
    ]
    for delegate in delegates:
        _add_delegate(page, **delegate)
    rows = page.locator("table tbody tr")
    assert rows.count() == 3
    screenshot(page, "conference-delegation-es")
    violations = severe(axe(page))
    assert not violations, format_violations(violations)

    # Change one delegate's title.
    page.locator("table tbody tr", has_text="Luis Soto").locator("a").first.click()
    page.fill("[name=title]", "Secretario General de la Cámara")
    page.locator("form button[type=submit]").last.click()
    page.wait_for_load_state()
    assert page.locator("table", has_text="Secretario General de la Cámara").count() == 1

    # Every delegate was sent a confirmation, in their own language, through the outbox.
    confirmations = OutgoingMail.objects.filter(
        kind="registration", status=OutgoingMail.Status.SENT
    )
    for delegate in delegates:
        assert any(delegate["email"] in mail.to for mail in confirmations), delegate["email"]
    assert (
        Registration.objects.filter(event=event, status=Registration.Status.CONFIRMED).count() == 3
    )

    # The deadline passes while the focal point is filling in the form: submitting it is
    # refused with the deadline as the reason, and the page no longer offers the form.
    page.goto(f"{live_server.url}/es/conferences/{event.slug}/register/cl/")
    _fill_delegate(
        page,
        full_name="Pedro Late",
        title="Diputado",
        email="late@congreso.example",
        category="mp",
        gender="male",
        working_language="es",
    )
    Event.objects.filter(pk=event.pk).update(
        registration_deadline=timezone.now() - datetime.timedelta(minutes=1)
    )
    _submit_delegate(page)
    with translation.override("es"):
        refusal = str(RegistrationError("deadline").message)
    assert refusal.startswith("La fecha límite de inscripción ha pasado")
    errors = page.locator(".message-error")
    assert errors.count() == 1
    assert errors.inner_text().strip() == refusal
    assert page.locator("form[action='#add']").count() == 0
    assert page.locator(".message-warning").count() == 1
    screenshot(page, "conference-delegation-closed-es")
    assert Registration.objects.filter(event=event).count() == 3
    assert not Registration.objects.filter(email="late@congreso.example").exists()


def test_programme_shows_geneva_time_and_the_readers_local_time(live_server, browser, screenshot):
    event = OpenEventFactory(slug="programme-2030", time_zone="Europe/Zurich")
    SessionFactory(
        event=event,
        title_en="Opening plenary",
        starts_at=datetime.datetime(2030, 6, 16, 14, 0, tzinfo=GENEVA),
        ends_at=datetime.datetime(2030, 6, 16, 15, 30, tzinfo=GENEVA),
    )
    context = browser.new_context(
        locale="en-GB", timezone_id="America/Santiago", viewport={"width": 1280, "height": 900}
    )
    try:
        page = context.new_page()
        page.goto(f"{live_server.url}/en/conferences/{event.slug}/")
        session = page.locator("article.session", has_text="Opening plenary")
        assert "14:00" in session.inner_text() and "Europe/Zurich" in session.inner_text()
        local = session.locator("[data-local-time]")
        local.wait_for(state="visible")
        assert "08:00" in local.inner_text() or "8:00" in local.inner_text()
        screenshot(page, "conference-programme-local-time")
    finally:
        context.close()
