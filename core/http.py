"""Request helpers shared by the apps and django-axes."""

import codecs
import ipaddress

from django.conf import settings
from django.core.handlers.asgi import ASGIHandler, ASGIRequest
from django.core.handlers.wsgi import WSGIHandler, WSGIRequest
from django.http import HttpRequest

from core.text import normalize_text


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


# Charsets a request may declare for its query string and form data: what
# browsers send (UTF-8) and a few real text charsets older clients use,
# Vietnamese Windows (cp1258) among them. Python knows many more codecs, some
# of which are not text at all (rot13, base64: a LookupError when decoding) or
# turn escapes into anything (unicode_escape makes "\\ud800" a lone surrogate,
# which can be neither rendered nor stored).
READABLE_CHARSETS = frozenset({"utf-8", "ascii", "iso8859-1", "iso8859-15", "cp1252", "cp1258"})


def charset_is_readable(charset: str) -> bool:
    """Whether a request that declares ``charset`` may be decoded with it."""
    try:
        return codecs.lookup(charset).name in READABLE_CHARSETS
    except LookupError:
        return False


def request_charset_refused(request: HttpRequest) -> bool:
    """Whether the request declares a charset that is not ``charset_is_readable``."""
    # None only on a bare HttpRequest(); WSGI and ASGI requests parse Content-Type at once.
    charset = (request.content_params or {}).get("charset")
    return charset is not None and not charset_is_readable(charset)


class _ReadableCharsetOnly:
    """Never adopts a declared charset that is not readable; UTF-8 stays.

    Django's request applies the ``charset=`` of Content-Type in its
    constructor and decodes the query string with it at once, so
    ``charset=rot13`` on ``/healthz/?a`` raised before any middleware could
    answer. Here such a charset is left out (Content-Type still says it, and
    ``UnreadableCharsetMiddleware`` answers 400).
    """

    @property
    def encoding(self) -> str | None:
        # HttpRequest's own storage, which django-stubs does not declare.
        encoding: str | None = self._encoding  # type: ignore[attr-defined]
        return encoding

    @encoding.setter
    def encoding(self, value: str | None) -> None:
        if value is not None and not charset_is_readable(value):
            value = None
        # django-stubs types the property's setter as an overload, without ``fset``.
        HttpRequest.encoding.fset(self, value)  # type: ignore[attr-defined]


class NewsroomWSGIRequest(_ReadableCharsetOnly, WSGIRequest):
    pass


class NewsroomASGIRequest(_ReadableCharsetOnly, ASGIRequest):
    pass


class NewsroomWSGIHandler(WSGIHandler):
    """Django's WSGI handler with requests that survive any declared charset."""

    request_class = NewsroomWSGIRequest


class NewsroomASGIHandler(ASGIHandler):
    """Django's ASGI handler with requests that survive any declared charset."""

    request_class = NewsroomASGIRequest
