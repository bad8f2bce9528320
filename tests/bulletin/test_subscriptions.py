"""Double opt-in, one-click unsubscribe (RFC 8058), the same answer for known and unknown
addresses, and the rate limit."""

import datetime
import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from bulletin.exceptions import BulletinError
from bulletin.models import Subscriber
from bulletin.services import subscriptions
from centre.models import OutgoingMail
from tests.bulletin.factories import SubscriberFactory

pytestmark = pytest.mark.django_db


def url(name, lang="en", **kwargs):
    with translation.override(lang):
        return reverse(name, kwargs=kwargs)


def confirmation_link(mail: OutgoingMail) -> str:
    return re.search(r"https?://\S+/subscribe/confirm/\S+/", mail.body_text).group(0)


def test_subscribing_sends_a_confirmation_link_and_confirming_it_subscribes(client):
    response = client.post(
        url("bulletin:subscribe"), {"email": "reader@parliament.example", "language": "fr"}
    )
    assert response.status_code == 302
    subscriber = Subscriber.objects.get()
    assert subscriber.status == Subscriber.Status.PENDING
    assert subscriber.language == "fr"
    mail = OutgoingMail.objects.get(kind="bulletin-subscription")
    assert mail.language == "fr"
    assert mail.to == ["reader@parliament.example"]
    link = confirmation_link(mail)
    assert "/fr/bulletin/subscribe/confirm/" in link

    path = link.split("://", 1)[1].split("/", 1)[1]
    assert client.get("/" + path).status_code == 200  # a link scanner's GET confirms nothing
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.PENDING
    assert client.post("/" + path).status_code == 200
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.CONFIRMED


def _answer(client, email):
    response = client.post(
        url("bulletin:subscribe"), {"email": email, "language": "en"}, follow=True
    )
    return response.status_code, response.redirect_chain, response.text


def test_the_answer_is_the_same_whether_or_not_the_address_is_known():
    SubscriberFactory(email="known@parliament.example")
    known = _answer(Client(), "known@parliament.example")
    unknown = _answer(Client(), "unknown@parliament.example")
    assert known == unknown
    # The confirmed address is not mailed again.
    assert not OutgoingMail.objects.filter(to=["known@parliament.example"]).exists()


def test_subscribing_twice_keeps_one_subscriber_and_one_mail_an_hour():
    subscriptions.subscription_request(email="Reader@Parliament.example", language="en")
    subscriptions.subscription_request(email="reader@parliament.example", language="en")
    assert Subscriber.objects.count() == 1
    assert OutgoingMail.objects.filter(kind="bulletin-subscription").count() == 1


def test_expired_confirmation_link_is_refused():
    subscriptions.subscription_request(email="late@parliament.example", language="en")
    subscriber = Subscriber.objects.get()
    Subscriber.objects.filter(pk=subscriber.pk).update(
        confirmation_sent_at=timezone.now() - datetime.timedelta(days=8)
    )
    with pytest.raises(BulletinError, match="expired"):
        subscriptions.subscription_confirm(token=subscriber.token)


def test_unknown_confirmation_link_gets_a_clear_message_not_a_500(client):
    response = client.post(url("bulletin:subscribe_confirm", token="nope"))
    assert response.status_code == 400
    assert "not valid" in response.text


def test_one_click_unsubscribe_works_with_a_post_without_cookies():
    subscriber = SubscriberFactory()
    client = Client(enforce_csrf_checks=True)
    response = client.post(
        url("bulletin:unsubscribe", token=subscriber.token),
        data="List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    assert not response.cookies
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.UNSUBSCRIBED


def test_unsubscribe_link_opened_in_a_browser_asks_before_unsubscribing(client):
    subscriber = SubscriberFactory()
    response = client.get(url("bulletin:unsubscribe", token=subscriber.token))
    assert response.status_code == 200
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.CONFIRMED


def test_unsubscribing_an_unknown_token_still_answers_200():
    response = Client().post(url("bulletin:unsubscribe", token="unknown"))
    assert response.status_code == 200


def test_resubscribing_after_unsubscribing_needs_a_new_confirmation():
    subscriber = SubscriberFactory(email="back@parliament.example")
    subscriptions.subscription_unsubscribe(token=subscriber.token)
    old_token = subscriber.token
    subscriptions.subscription_request(email="back@parliament.example", language="es")
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.PENDING
    assert subscriber.token != old_token
    with pytest.raises(BulletinError):
        subscriptions.subscription_confirm(token=old_token)


def test_bad_address_is_refused_in_the_readers_language_and_kept(client):
    response = client.post(
        url("bulletin:subscribe", lang="fr"), {"email": "not-an-address", "language": "fr"}
    )
    assert response.status_code == 200
    assert 'value="not-an-address"' in response.text
    assert "Saisissez une adresse" in response.text or "adresse" in response.text
    assert not Subscriber.objects.exists()


def test_subscribing_is_rate_limited_with_a_429(client):
    for n in range(10):
        client.post(url("bulletin:subscribe"), {"email": f"r{n}@p.example", "language": "en"})
    response = client.post(url("bulletin:subscribe"), {"email": "r@p.example", "language": "en"})
    assert response.status_code == 429
    assert 'value="r@p.example"' in response.text
    assert Subscriber.objects.count() == 10
