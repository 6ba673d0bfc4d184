"""A fixed-window counter per client address, kept in the cache.

For anonymous endpoints that must not be hammered from one address (a
private status page whose tokens must not be guessed, the spoken captcha
that runs a program per request). Nothing is written to the database, so a
refused request costs a cache round trip.
"""

from django.core.cache import cache


def address_allowed(*, bucket: str, address: str | None, limit: int, window_seconds: int) -> bool:
    """Count one request from ``address`` in ``bucket``; ``False`` once past ``limit``.

    ``limit`` 0 means no cap. The window starts with the first request and
    lasts ``window_seconds``; unknown addresses share one count.
    """
    if not limit:
        return True
    key = f"ratelimit:{bucket}:{address or 'unknown'}"
    cache.add(key, 0, timeout=window_seconds)
    try:
        count = cache.incr(key)
    except ValueError:  # the window ended between the two calls, or the cache is away
        count = 1
    return count <= limit
