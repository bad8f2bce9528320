"""Who is asking: the client's address, for the rate limits of sign-in and the public forms."""

from django.conf import settings


def client_ip(request) -> str:
    """The address of the client behind the proxies the portal runs behind.

    Each trusted proxy appends the address it received the request from to X-Forwarded-For,
    so with TRUSTED_PROXY_COUNT proxies the client is that many entries from the end; what a
    client writes in the header itself comes before and is never believed. Without trusted
    proxies (or a header shorter than expected) it is the connection's address. allauth reads
    the same setting (ALLAUTH_TRUSTED_PROXY_COUNT) for its own limits.
    """
    count = settings.TRUSTED_PROXY_COUNT
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    addresses = [address.strip() for address in forwarded.split(",") if address.strip()]
    if count and len(addresses) >= count:
        return addresses[-count]
    return request.META["REMOTE_ADDR"]
