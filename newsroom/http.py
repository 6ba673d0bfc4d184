"""Request helpers shared by the apps and django-axes."""

import ipaddress

from django.conf import settings
from django.http import HttpRequest

from articles.text import normalize_text


def client_ip(request: HttpRequest) -> str | None:
    """The client's IP address, as flood control, duplicate checks and login lockout see it.

    ``REMOTE_ADDR`` unless the site runs behind ``TRUSTED_PROXY_COUNT``
    reverse proxies, in which case the address is taken from that position in
    ``X-Forwarded-For`` counting from the right: entries further left are
    written by the client and can be forged.
    """
    candidate = request.META.get("REMOTE_ADDR", "")
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies:
        forwarded = [
            part.strip()
            for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if part.strip()
        ]
        if len(forwarded) >= proxies:
            candidate = forwarded[-proxies]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return None


def client_user_agent(request: HttpRequest) -> str:
    return normalize_text(request.META.get("HTTP_USER_AGENT", ""))
