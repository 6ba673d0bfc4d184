"""Whole-page cache for anonymous readers, kept correct by a content version.

Why a version instead of deleting keys: one edit can change many pages (the
article, its section, the home page, the newer/older lists of its
neighbours, an author page). Every cached page's key carries the current
version; anything readers can see changing bumps it, so every page is rebuilt
on its next request and nothing stale is ever served. Edits are rare next to
reads, so rebuilding everything after one is cheap.

Scheduled articles change what readers see without anyone saving anything, so
the version state also holds the time of the soonest scheduled article; the
first request after that moment bumps the version.

Only anonymous readers are served from the cache: a request carrying a session
or a messages cookie (staff, or a reader who was just told "your comment awaits
moderation") always gets a fresh page, and a response that sets a cookie or
says ``private``/``no-cache`` is never stored, so a CSRF token or one reader's
message cannot reach another.
"""

import logging
import threading
import time
from collections import OrderedDict
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.urls import Resolver404, resolve
from django.utils.cache import patch_cache_control, set_response_etag

from articles.models import Article
from newsroom.shared_value import SharedValue

logger = logging.getLogger(__name__)

STATE_KEY = "pagecache:state"
# Read on every request: with Redis, each process keeps a copy that is
# refreshed when another process announces a change (see newsroom/shared_value.py).
_state = SharedValue(STATE_KEY)
# Pages readers see without logging in; everything else is never cached here.
CACHEABLE_VIEWS = frozenset(
    {"articles:home", "articles:section", "articles:author", "articles:detail"}
)
NO_SCHEDULE = float("inf")


def public_content_changed() -> None:
    """Call whenever something readers can see changes; takes effect at commit.

    Bumping before the commit would let a reader rebuild a page from the old
    data under the new version, which would then stay stale. One bump per
    transaction is enough: saving an article with its photos in the admin
    reports a change for each, but readers need a single new version.
    """
    if _bump_already_due():
        return

    # Marked, rather than recognised as _bump_version: a bump that already ran
    # can stay in Django's list (its test helper runs callbacks without removing them).
    def bump() -> None:
        bump.waiting = False
        _bump_version()

    bump.waiting = True
    transaction.on_commit(bump)


def _bump_already_due() -> bool:
    """Whether this transaction has a bump waiting for its commit already.

    A waiting bump covers the current change too: Django drops it only when a
    savepoint that was open at registration is rolled back, and every savepoint
    still open encloses the current change, which is then rolled back as well.
    """
    connection = transaction.get_connection()
    return connection.in_atomic_block and any(
        getattr(func, "waiting", False) for _savepoints, func, _robust in connection.run_on_commit
    )


def _bump_version() -> None:
    # A fresh random version (not incr) survives a cache that lost the key:
    # keys from before can never be mistaken for current ones.
    _state.set((time.time_ns(), _next_scheduled_time()))


def _next_scheduled_time() -> float:
    soonest = (
        Article.objects.scheduled()
        .order_by("published_at")
        .values_list("published_at", flat=True)
        .first()
    )
    return soonest.timestamp() if soonest else NO_SCHEDULE


def current_version() -> int:
    state = _state.get()
    if state is None:
        state = (time.time_ns(), _next_scheduled_time())
        if not _state.add(state):
            state = _state.get() or state
    version, next_scheduled = state
    if time.time() >= next_scheduled:
        # A scheduled article has just gone live.
        _bump_version()
        version = _state.get((version, NO_SCHEDULE))[0]
    return version


class _RecentPages:
    """A small per-process copy of the most read pages.

    The shared cache (Redis) costs a round trip and an unpickling per read; the
    hottest pages are kept here too, under the same versioned key, so a hit
    touches neither Redis nor the database (the version itself is in memory,
    see newsroom/shared_value.py). A new version makes every entry here
    unreachable, like in the shared cache.
    """

    def __init__(self, size: int = 256):
        self.size = size
        self._pages: OrderedDict[str, tuple[float, bytes, list[tuple[str, str]]]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: str) -> HttpResponse | None:
        with self._lock:
            page = self._pages.get(key)
            if page is not None:
                self._pages.move_to_end(key)
        if page is None:
            return None
        expires, content, headers = page
        if time.monotonic() > expires:  # the same bound as the shared cache's timeout
            return None
        response = HttpResponse(content)
        for name, value in headers:
            response.headers[name] = value
        return response

    def put(self, key: str, response: HttpResponse) -> None:
        with self._lock:
            expires = time.monotonic() + settings.NEWSROOM_PAGE_CACHE_SECONDS
            self._pages[key] = (expires, response.content, list(response.headers.items()))
            self._pages.move_to_end(key)
            while len(self._pages) > self.size:
                self._pages.popitem(last=False)


_recent_pages = _RecentPages()


class AnonymousPageCacheMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not settings.NEWSROOM_PAGE_CACHE or not self._may_use_cache(request):
            return self.get_response(request)
        key = self._key(request)
        response = _recent_pages.get(key)
        if response is None:
            response = cache.get(key)
            if response is not None:
                _recent_pages.put(key, response)
        if response is not None:
            response["X-Page-Cache"] = "hit"
            return response
        response = self.get_response(request)
        if self._may_store(response):
            # Browsers revalidate every time (cheap, thanks to the ETag), so an
            # approved comment or a correction shows up at once. The ETag is
            # computed once here rather than on every hit.
            patch_cache_control(response, no_cache=True)
            set_response_etag(response)
            cache.set(key, response, timeout=settings.NEWSROOM_PAGE_CACHE_SECONDS)
            _recent_pages.put(key, response)
            response["X-Page-Cache"] = "miss"
        return response

    def _may_use_cache(self, request: HttpRequest) -> bool:
        if request.method != "GET":
            return False
        cookies = request.COOKIES
        if settings.SESSION_COOKIE_NAME in cookies or "messages" in cookies:
            return False
        try:
            match = resolve(request.path_info)
        except Resolver404:
            return False
        return match.view_name in CACHEABLE_VIEWS

    def _key(self, request: HttpRequest) -> str:
        language = getattr(request, "LANGUAGE_CODE", settings.LANGUAGE_CODE)
        return f"pagecache:{current_version()}:{language}:{request.get_full_path()}"

    @staticmethod
    def _may_store(response: HttpResponse) -> bool:
        if response.status_code != 200 or response.streaming or response.cookies:
            return False
        cache_control = response.get("Cache-Control", "")
        return not any(word in cache_control for word in ("private", "no-cache", "no-store"))
