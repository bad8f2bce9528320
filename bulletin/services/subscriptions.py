"""Subscriptions to the e-mail edition: double opt-in and one-click unsubscribe."""

from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from bulletin.exceptions import BulletinError
from bulletin.models import Subscriber
from bulletin.models.subscriptions import new_token
from centre.services.outbox import mail_queue_template

CONFIRMATION_VALID_FOR = timedelta(days=7)


def absolute_url(path: str) -> str:
    return settings.SITE_URL + path


def _path_in(language: str, method) -> str:
    with translation.override(language):
        return method()


def subscription_request(*, email: str, language: str) -> None:
    """Asks `email` to confirm a subscription in `language` (double opt-in).

    Promises the same outcome for the caller whatever the address's state, so the answer never
    tells whether an address is known: a new, pending or unsubscribed address is (re)sent the
    confirmation link, at most once an hour; a confirmed one is sent nothing and keeps its
    language until it confirms a change through a new subscription after unsubscribing.
    """
    email = email.strip()
    if language not in dict(settings.LANGUAGES):
        language = settings.LANGUAGE_CODE
    now = timezone.now()
    with transaction.atomic():
        subscriber = Subscriber.objects.select_for_update().filter(email__iexact=email).first()
        if subscriber is None:
            try:
                with transaction.atomic():
                    subscriber = Subscriber.objects.create(email=email, language=language)
            except IntegrityError:
                subscriber = Subscriber.objects.select_for_update().get(email__iexact=email)
        if subscriber.status == Subscriber.Status.CONFIRMED:
            return
        if subscriber.status == Subscriber.Status.UNSUBSCRIBED:
            subscriber.status = Subscriber.Status.PENDING
            subscriber.token = new_token()
            subscriber.unsubscribed_at = None
        subscriber.language = language
        subscriber.confirmation_sent_at = now
        subscriber.save()
        mail_queue_template(
            template="bulletin/email/subscription_confirm",
            context={
                "confirm_url": absolute_url(_path_in(language, subscriber.confirm_path)),
                "email": subscriber.email,
            },
            to=[subscriber.email],
            language=language,
            kind="bulletin-subscription",
            idempotency_key=f"bulletin-confirm:{subscriber.pk}:{subscriber.token}:{now:%Y%m%d%H}",
        )


def subscription_confirm(*, token: str) -> Subscriber:
    """Confirms the subscription the link was sent for. Confirming twice is harmless; a link
    that is unknown, expired (after seven days) or belongs to an address that unsubscribed is
    refused with a message."""
    with transaction.atomic():
        subscriber = Subscriber.objects.select_for_update().filter(token=token).first()
        if subscriber is None or subscriber.status == Subscriber.Status.UNSUBSCRIBED:
            raise BulletinError(_("This confirmation link is not valid. Please subscribe again."))
        if subscriber.status == Subscriber.Status.CONFIRMED:
            return subscriber
        sent = subscriber.confirmation_sent_at or subscriber.created_at
        if sent < timezone.now() - CONFIRMATION_VALID_FOR:
            raise BulletinError(_("This confirmation link has expired. Please subscribe again."))
        subscriber.status = Subscriber.Status.CONFIRMED
        subscriber.confirmed_at = timezone.now()
        subscriber.save(update_fields=["status", "confirmed_at"])
    return subscriber


def subscription_unsubscribe(*, token: str) -> Subscriber | None:
    """Ends the subscription the token belongs to; no mail is sent to it afterwards.
    Unsubscribing twice, or with an unknown token, changes nothing (returns None for an
    unknown token) so that a mail client's one-click POST always succeeds."""
    with transaction.atomic():
        subscriber = Subscriber.objects.select_for_update().filter(token=token).first()
        if subscriber is None:
            return None
        if subscriber.status != Subscriber.Status.UNSUBSCRIBED:
            subscriber.status = Subscriber.Status.UNSUBSCRIBED
            subscriber.unsubscribed_at = timezone.now()
            subscriber.save(update_fields=["status", "unsubscribed_at"])
    return subscriber
