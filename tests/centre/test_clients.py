"""Behind the TLS proxy, each reader is counted by their own address, not the proxy's."""

import pytest
from django.test import RequestFactory

from centre.clients import client_ip

PROXY = "10.0.0.2"


def _request(forwarded=None):
    extra = {"REMOTE_ADDR": PROXY}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **extra)


def test_without_trusted_proxies_the_header_is_not_believed(settings):
    settings.TRUSTED_PROXY_COUNT = 0
    assert client_ip(_request("203.0.113.7")) == PROXY


def test_behind_one_proxy_the_client_is_the_address_it_appended(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_ip(_request("203.0.113.7")) == "203.0.113.7"
    # A client writing its own header cannot choose its address: the proxy's entry is last.
    assert client_ip(_request("198.51.100.1, 203.0.113.7")) == "203.0.113.7"


def test_behind_two_proxies_and_with_a_missing_header(settings):
    settings.TRUSTED_PROXY_COUNT = 2
    assert client_ip(_request("198.51.100.1, 203.0.113.7, 10.0.0.1")) == "203.0.113.7"
    assert client_ip(_request("10.0.0.1")) == PROXY
    assert client_ip(_request()) == PROXY


@pytest.mark.django_db
def test_two_readers_behind_the_proxy_have_their_own_allowance(client, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    form = {"contact_name": "Typed name"}
    url = "/en/partners/take-part/new-hub/"
    for _ in range(21):
        busy = client.post(url, form, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="203.0.113.7")
    assert busy.status_code == 429
    other = client.post(url, form, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="203.0.113.8")
    assert other.status_code == 400  # the form's own errors, not the limit
