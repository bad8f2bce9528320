from allauth.account.models import EmailAddress

from centre.models import User


def account_mark_email_verified(*, user: User) -> EmailAddress:
    """Records the user's e-mail address as verified and primary, for accounts the secretariat
    creates itself. Calling it again changes nothing."""
    address, _created = EmailAddress.objects.update_or_create(
        user=user, email=user.email, defaults={"verified": True, "primary": True}
    )
    return address
