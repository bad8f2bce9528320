import time

import pytest
from allauth.mfa.totp.internal.auth import (
    TOTP,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
)
from django.urls import reverse
from django.utils import translation

from centre.models import OutgoingMail, User
from tests.factories import StaffFactory, UserFactory

pytestmark = pytest.mark.django_db
PASSWORD = "correct horse battery staple"


def _current_code(secret: str) -> str:
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


def test_signup_sends_a_verification_email_through_the_outbox(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("account_signup"),
            {
                "email": "new.delegate@parliament.example",
                "password1": PASSWORD,
                "password2": PASSWORD,
            },
        )
    assert response.status_code == 302
    assert response.url == reverse("account_email_verification_sent")
    record = OutgoingMail.objects.get(kind="account")
    assert record.to == ["new.delegate@parliament.example"]
    assert record.status == OutgoingMail.Status.SENT
    assert [m.to for m in mailoutbox] == [["new.delegate@parliament.example"]]
    # E-mail verification is mandatory: the new account is not signed in.
    assert "_auth_user_id" not in client.session


def test_account_mails_name_the_portal_in_the_readers_language(
    client, django_capture_on_commit_callbacks
):
    with translation.override("fr"):
        signup = reverse("account_signup")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            signup,
            {"email": "nouvelle@parlement.example", "password1": PASSWORD, "password2": PASSWORD},
        )
    record = OutgoingMail.objects.get(kind="account")
    assert record.language == "fr"
    assert "Bonjour, c'est Centre pour l'innovation au parlement de l'UIP !" in record.body_text
    assert "c'est  !" not in record.body_text


def test_unverified_user_cannot_sign_in(client):
    UserFactory(email="unverified@parliament.example", verified=False)
    response = client.post(
        reverse("account_login"), {"login": "unverified@parliament.example", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response.url == reverse("account_email_verification_sent")
    assert "_auth_user_id" not in client.session


def test_verified_user_signs_in_with_email(client):
    user = UserFactory(email="focal.point@parliament.example")
    response = client.post(
        reverse("account_login"), {"login": "Focal.Point@parliament.example", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)


def test_repeated_failed_logins_are_rate_limited(client):
    UserFactory(email="target@parliament.example")
    for _attempt in range(5):
        client.post(
            reverse("account_login"), {"login": "target@parliament.example", "password": "wrong"}
        )
    response = client.post(
        reverse("account_login"), {"login": "target@parliament.example", "password": PASSWORD}
    )
    # Even the right password is refused once the limit is reached.
    assert "_auth_user_id" not in client.session
    assert response.status_code in (200, 429)
    if response.status_code == 200:
        assert "Too many failed login attempts" in response.content.decode()


def test_admin_login_goes_through_allauth(client):
    response = client.get(reverse("admin:login"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_staff_without_mfa_is_taken_to_set_it_up(client):
    client.force_login(StaffFactory())
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("mfa_activate_totp"))


def test_non_staff_user_does_not_reach_the_admin(client):
    client.force_login(UserFactory())
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login")) or "login" in response.url


def test_staff_signs_in_with_password_and_totp_code_then_reaches_the_admin(client):
    staff = StaffFactory(email="secretariat@ipu.example")
    secret = generate_totp_secret()
    TOTP.activate(staff, secret)

    response = client.post(
        reverse("account_login"), {"login": "secretariat@ipu.example", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response.url == reverse("mfa_authenticate")
    assert "_auth_user_id" not in client.session  # the password alone is not enough

    response = client.post(
        reverse("mfa_authenticate"),
        {"code": "000000" if _current_code(secret) != "000000" else "111111"},
    )
    assert "_auth_user_id" not in client.session

    response = client.post(reverse("mfa_authenticate"), {"code": _current_code(secret)})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(staff.pk)
    assert client.get(reverse("admin:index")).status_code == 200


def test_createsuperuser_marks_the_email_verified(db):
    from allauth.account.models import EmailAddress
    from django.core.management import call_command

    call_command("createsuperuser", email="head@ipu.example", interactive=False, verbosity=0)
    user = User.objects.get(email="head@ipu.example")
    assert user.is_staff and user.is_superuser
    assert EmailAddress.objects.get(user=user).verified


def test_a_short_password_is_refused_in_arabic_too(client):
    with translation.override("ar"):
        signup = reverse("account_signup")
    response = client.post(
        signup, {"email": "new@parliament.example", "password1": "short", "password2": "short"}
    )
    assert response.status_code == 200
    assert "كلمة المرور هذه قصيرة جدًا" in response.content.decode()
    assert "too short" not in response.content.decode()
