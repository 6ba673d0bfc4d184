"""The anonymous page cache: each page kept with what it showed, valid until that changes.

A cached page is stored with the dependency keys recorded while it was
rendered (``core/dependencies.py``) and the number of the latest change at
the moment its render began (``pagecache/versions.py``). It is served while
none of its keys has changed since; a change re-renders only the pages that
showed what changed (``pagecache/invalidation.py`` decides what that is).
Checking costs a few dictionary reads: every process keeps the numbers in
memory, kept current by Redis pub/sub, and the hottest pages too.

Why the number from *before* the render: a change committed while a page is
being rendered may or may not be in it; such a page is treated as older than
the change and rendered again on the next request. It can be stale for one
request, never for ten minutes.

What is cached, and under which key:

* only GET requests of anonymous readers (no session or message cookie) to
  the views listed in ``CACHEABLE_VIEWS``; staff and a reader who was just
  told "your comment awaits moderation" always get a fresh, private page, and
  a response that sets a cookie or says ``private``/``no-cache`` is never
  stored, so a CSRF token or one reader's message cannot reach another;
* the key is the language, the path and only the query parameters the view
  uses (``?page=`` for lists); the others (``utm_source``, ``fbclid``, random
  junk) are dropped before the view sees them, so they share one entry and
  cannot fill the cache. Nothing in a page comes from the Host header: absolute
  URLs come from ``NEWSROOM_SITE_URL``.

Cached responses tell a shared cache in front that it may keep them
(``s-maxage``) while browsers revalidate every time (``max-age=0``, with the
ETag a 304 is cheap), and name their keys in ``Surrogate-Key`` so a proxy can
purge exactly what changed (``NEWSROOM_PAGE_CACHE_PURGE_HOOK`` is told).

When the database cannot be reached, a page that was cached is served even
if it has been made stale since (``X-Page-Cache: stale``), rather than a 503.
"""

import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, QueryDict
from django.urls import Resolver404, resolve
from django.utils.cache import patch_cache_control, set_response_etag

from comments.selectors import PAGE_PARAMETER as COMMENT_PAGE_PARAMETER
from core.dependencies import recording
from pagecache import schedule
from pagecache.versions import key_versions

# The pages readers see without logging in, and the query parameters each reads.
CACHEABLE_VIEWS: dict[str, tuple[str, ...]] = {
    "articles:home": ("page",),
    "articles:section": ("page",),
    "articles:author": ("page",),
    "articles:tag": ("page",),
    "articles:tag_feed": (),
    "articles:detail": (COMMENT_PAGE_PARAMETER,),
    "articles:feed": (),
    "articles:section_feed": (),
    "articles:author_feed": (),
    "sitemap_index": (),
    "sitemap": ("p",),
    "news_sitemap": (),
    "robots_txt": (),
    "articles:corrections": ("page",),
}


MAX_SURROGATE_KEY_HEADER = 6000


@dataclass(frozen=True, slots=True)
class CachedPage:
    rendered_after: int  # the number of the latest change when the render began
    keys: frozenset[str]
    content: bytes
    headers: tuple[tuple[str, str], ...]
    expires: float  # time.time(), the same bound as the shared cache's timeout

    def response(self, state: str) -> HttpResponse:
        response = HttpResponse(self.content)
        for name, value in self.headers:
            response.headers[name] = value
        response["X-Page-Cache"] = state
        return response


class _RecentPages:
    """A small per-process copy of the most read pages.

    The shared cache (Redis) costs a round trip and an unpickling per read; the
    hottest pages are kept here too, so a hit touches neither Redis nor the
    database. They are checked against the change numbers like any other copy.
    """

    # 1,024 pages of ~40 KB: about 40 MB per worker. At 256 the long tail of a
    # 500-article site went to Redis and readers got 0.73 × healthz; at 1,024, 1.02 ×.
    def __init__(self, size: int = 1024):
        self.size = size
        self._pages: OrderedDict[str, CachedPage] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: str) -> CachedPage | None:
        with self._lock:
            page = self._pages.get(key)
            if page is not None:
                self._pages.move_to_end(key)
        return page

    def put(self, key: str, page: CachedPage) -> None:
        with self._lock:
            self._pages[key] = page
            self._pages.move_to_end(key)
            while len(self._pages) > self.size:
                self._pages.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._pages.clear()


recent_pages = _RecentPages()


class AnonymousPageCacheMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not settings.NEWSROOM_PAGE_CACHE or request.method != "GET":
            return self.get_response(request)
        parameters = self._cacheable_parameters(request)
        if parameters is None:
            return self.get_response(request)
        if self._is_private(request):
            response = self.get_response(request)
            patch_cache_control(response, private=True)
            return response

        self._keep_only(request, parameters)
        key = self._key(request)
        schedule.visibility_changes_due()
        versions = key_versions()
        page = self._cached(key)
        if page is not None:
            newest = versions.newest(page.keys)
            if newest is not None and newest <= page.rendered_after:
                return page.response("hit")

        rendered_after = versions.current()
        with recording() as keys:
            response = self.get_response(request)
        if response.status_code == 503 and page is not None:
            # The database is away: what readers saw a moment ago beats an error
            # page. Not for a shared cache to keep: it would outlive the outage.
            stale = page.response("stale")
            stale["Cache-Control"] = "no-store"
            return stale
        if rendered_after is not None and self._may_store(response):
            self._store(key, response, rendered_after=rendered_after, keys=keys)
        return response

    @staticmethod
    def _cacheable_parameters(request: HttpRequest) -> tuple[str, ...] | None:
        try:
            match = resolve(request.path_info)
        except Resolver404:
            return None
        return CACHEABLE_VIEWS.get(match.view_name)

    @staticmethod
    def _is_private(request: HttpRequest) -> bool:
        cookies = request.COOKIES
        return settings.SESSION_COOKIE_NAME in cookies or "messages" in cookies

    @staticmethod
    def _keep_only(request: HttpRequest, parameters: tuple[str, ...]) -> None:
        """Drop the query parameters the view does not read, so the key says what the page is."""
        kept = QueryDict(mutable=True)
        for name in parameters:
            values = request.GET.getlist(name)
            if values:
                kept.setlist(name, values[:1])
        query = kept.urlencode()
        # Built as Django builds GET, from the query string: immutable.
        request.GET = QueryDict(query)
        request.META["QUERY_STRING"] = query

    @staticmethod
    def _key(request: HttpRequest) -> str:
        language = getattr(request, "LANGUAGE_CODE", settings.LANGUAGE_CODE)
        query = request.META["QUERY_STRING"]
        return f"page:{language}:{request.path}" + (f"?{query}" if query else "")

    @staticmethod
    def _cached(key: str) -> CachedPage | None:
        page = recent_pages.get(key)
        if page is None:
            page = cache.get(key)
            if page is None:
                return None
            recent_pages.put(key, page)
        return page if time.time() < page.expires else None

    @staticmethod
    def _may_store(response: HttpResponse) -> bool:
        if response.status_code != 200 or response.streaming or response.cookies:
            return False
        cache_control = response.get("Cache-Control", "")
        return not any(word in cache_control for word in ("private", "no-cache", "no-store"))

    @staticmethod
    def _store(key: str, response: HttpResponse, *, rendered_after: int, keys: set[str]) -> None:
        timeout = settings.NEWSROOM_PAGE_CACHE_SECONDS
        # Browsers revalidate every time (cheap, thanks to the ETag), so an
        # approved comment or a correction shows up at once; a shared cache in
        # front may keep the page, and is told which keys purge it.
        patch_cache_control(
            response, public=True, max_age=0, must_revalidate=True, s_maxage=timeout
        )
        surrogate_keys = " ".join(sorted(keys))
        if len(surrogate_keys) > MAX_SURROGATE_KEY_HEADER:
            # Too many to name in a header proxies accept (Varnish's default
            # limit is 8 KB): only this cache, which keeps them all, holds the page.
            patch_cache_control(response, s_maxage=0)
        else:
            response["Surrogate-Key"] = surrogate_keys
        set_response_etag(response)
        page = CachedPage(
            rendered_after=rendered_after,
            keys=frozenset(keys),
            content=response.content,
            headers=tuple(response.headers.items()),
            expires=time.time() + timeout,
        )
        cache.set(key, page, timeout=timeout)
        recent_pages.put(key, page)
        response["X-Page-Cache"] = "miss"
