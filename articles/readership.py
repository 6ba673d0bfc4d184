"""Counting reads for the most-read lists ("Đọc nhiều"), without a database write per read.

The article page may come from the page cache (or a shared cache in front), so
it cannot count itself: a small script on the page sends a beacon
(``static/js/views.js``), answered 204 by :func:`article_view_record`'s view.
Reads are kept in a buffer and written in batches by :func:`article_views_flush`
(``manage.py articles_flush_views``, run every few minutes by cron):

* with Redis (``REDIS_URL``), one round trip per beacon: a Lua script that sets
  the reader's de-duplication key and, if it was not there, adds one to a hash of
  ``<article id>:<hour>`` counts; the flush renames the hash before reading it,
  so reads arriving meanwhile go to a fresh one;
* otherwise in this process's memory (development, tests): only a flush in the
  same process sees them.

Not counted: bots and link checkers (by user agent), prefetches and prerenders
(``Sec-Purpose``/``Purpose`` headers), and the same reader (address + article)
again within ``NEWSROOM_VIEW_DEDUPE_SECONDS``. The address is kept only as a
keyed hash inside a de-duplication key that expires with the window.

After writing, the flush ranks the last 24 hours and 7 days and keeps the ranking
in the cache; the pages read it from there, and are re-rendered (through
``most_read_changed``, which ``pagecache/invalidation.py`` listens to) only when
the ranking changed: at most once per flush, never per read.
"""

import hashlib
import hmac
import logging
import re
import threading
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.cache import cache, caches
from django.db import transaction
from django.db.models import Sum
from django.dispatch import Signal
from django.http import HttpRequest
from django.utils import timezone
from redis.exceptions import RedisError, ResponseError

from articles.models import Article, ArticleViewCount
from core.cache import ForgivingRedisCache

logger = logging.getLogger("articles")

# Sent after a flush changed the ranking (no arguments): the pages showing it are stale.
most_read_changed = Signal()

RANKING_CACHE_KEY = "articles:most-read-ranking"
# When no flush has stored a ranking (a cache that was emptied), the pages compute it
# and keep it this long; a flush replaces it sooner.
RANKING_FALLBACK_SECONDS = 300
# Ids kept per window beyond the list's length, for articles withdrawn since the flush.
RANKING_SPARE = 10
WINDOWS = {"day": timedelta(hours=24), "week": timedelta(days=7)}

_PENDING_KEY = "articles:views:pending"
_FLUSHING_KEY = "articles:views:flushing"
_SEEN_KEY = "articles:views:seen:{}"

BOT_USER_AGENT = re.compile(
    r"bot|crawl|spider|slurp|archiver|facebookexternalhit|facebookcatalog|embedly|"
    r"preview|headless|lighthouse|pagespeed|phantomjs|selenium|python|curl|wget|"
    r"httpclient|okhttp|go-http|java/|libwww|monitor|uptime|feedfetcher|\brss",
    re.IGNORECASE,
)


def request_is_countable(request: HttpRequest) -> bool:
    """Whether a beacon comes from a person reading the page now (not a bot, not a prefetch)."""
    meta = request.META
    user_agent = meta.get("HTTP_USER_AGENT", "")
    if not user_agent or BOT_USER_AGENT.search(user_agent):
        return False
    purposes = " ".join(
        meta.get(name, "") for name in ("HTTP_SEC_PURPOSE", "HTTP_PURPOSE", "HTTP_X_PURPOSE")
    ).lower()
    return not ("prefetch" in purposes or "prerender" in purposes or "preview" in purposes)


def hour_of(moment: datetime) -> datetime:
    return moment.astimezone(UTC).replace(minute=0, second=0, microsecond=0)


def _hour_number(moment: datetime) -> int:
    return int(moment.timestamp()) // 3600


def _seen_key(*, article_id: int, address: str | None) -> str:
    # A keyed hash: the raw address is never stored, and cannot be recovered by
    # hashing every IPv4 address without the key.
    digest = hmac.new(
        settings.SECRET_KEY.encode(),
        f"{address or 'unknown'}|{article_id}".encode(),
        hashlib.sha256,
    ).hexdigest()[:32]
    return _SEEN_KEY.format(digest)


# --- The buffer -------------------------------------------------------------------


_RECORD_SCRIPT = """
if redis.call('SET', KEYS[1], '1', 'NX', 'EX', ARGV[1]) then
  redis.call('HINCRBY', KEYS[2], ARGV[2], 1)
  return 1
end
return 0
"""


class _RedisBuffer:
    def __init__(self, backend: ForgivingRedisCache) -> None:
        self.backend = backend
        self.client = backend.client()
        self.pending = backend.make_key(_PENDING_KEY)
        self.flushing = backend.make_key(_FLUSHING_KEY)
        self.script = self.client.register_script(_RECORD_SCRIPT)

    def record(self, *, seen_key: str, field: str, window: int) -> bool:
        return bool(
            self.script(keys=[self.backend.make_key(seen_key), self.pending], args=[window, field])
        )

    def take(self) -> dict[str, int]:
        # A hash left by a flush that failed before committing is written first.
        if not self.client.exists(self.flushing):
            try:
                self.client.rename(self.pending, self.flushing)
            except ResponseError:  # "no such key": nothing was read since the last flush
                return {}
        raw: dict[Any, Any] = self.client.hgetall(self.flushing)
        return {_text(field): int(count) for field, count in raw.items()}

    def done(self) -> None:
        self.client.delete(self.flushing)


def _text(value: bytes | str) -> str:
    return value.decode() if isinstance(value, bytes) else value


class _MemoryBuffer:
    """Counts in this process, with the cache (local memory) for de-duplication."""

    def __init__(self) -> None:
        self._counts: Counter[str] = Counter()
        self._taken: Counter[str] = Counter()
        self._lock = threading.Lock()

    def record(self, *, seen_key: str, field: str, window: int) -> bool:
        if not cache.add(seen_key, 1, timeout=window):
            return False
        with self._lock:
            self._counts[field] += 1
        return True

    def take(self) -> dict[str, int]:
        with self._lock:
            if not self._taken:
                self._taken, self._counts = self._counts, Counter()
            return dict(self._taken)

    def done(self) -> None:
        with self._lock:
            self._taken = Counter()


_memory_buffer = _MemoryBuffer()


def _buffer() -> _RedisBuffer | _MemoryBuffer:
    backend = caches["default"]
    if isinstance(backend, ForgivingRedisCache):
        # One per cache object (Django makes one per thread): the script is registered once.
        buffer: _RedisBuffer | None = getattr(backend, "_view_buffer", None)
        if buffer is None:
            buffer = _RedisBuffer(backend)
            backend._view_buffer = buffer  # type: ignore[attr-defined]
        return buffer
    return _memory_buffer


def article_view_record(
    *, article_id: int, address: str | None, now: datetime | None = None
) -> bool:
    """Count one read of an article in the buffer, once per reader per window.

    Never touches the database: the article may not exist, which the flush sorts out.
    Returns whether the read was counted.
    """
    now = now or timezone.now()
    try:
        return _buffer().record(
            seen_key=_seen_key(article_id=article_id, address=address),
            field=f"{article_id}:{_hour_number(now)}",
            window=settings.NEWSROOM_VIEW_DEDUPE_SECONDS,
        )
    except (RedisError, OSError) as error:
        # A read not counted is better than a reader's error.
        logger.warning("view not counted: cache unavailable", extra={"error": type(error).__name__})
        return False


# --- The flush ----------------------------------------------------------------------


@dataclass(frozen=True)
class ViewsFlushResult:
    views: int  # reads written to the database
    articles: int  # articles they were of
    ranking_changed: bool


type Ranking = dict[str, list[int]]


def most_read_ranking_compute(*, now: datetime | None = None) -> Ranking:
    """The ids of the most-read visible articles of the last 24 hours and 7 days, most first.

    Two queries: one aggregate over each window's hourly counts.
    """
    now = now or timezone.now()
    current_hour = hour_of(now)
    length = settings.NEWSROOM_MOST_READ_ARTICLES + RANKING_SPARE
    visible = Article.objects.published().values("pk")
    ranking: Ranking = {}
    for name, window in WINDOWS.items():
        since = current_hour - window + timedelta(hours=1)
        rows = (
            ArticleViewCount.objects.filter(hour__gte=since, article__in=visible)
            .values("article_id")
            .annotate(total=Sum("views"))
            .order_by("-total", "-article_id")[:length]
        )
        ranking[name] = [row["article_id"] for row in rows]
    return ranking


def most_read_ranking() -> Ranking:
    """The ranking as the last flush left it in the cache, or computed now if it is gone."""
    ranking: Ranking | None = cache.get(RANKING_CACHE_KEY)
    if ranking is None:
        ranking = most_read_ranking_compute()
        cache.set(RANKING_CACHE_KEY, ranking, timeout=RANKING_FALLBACK_SECONDS)
    return ranking


def _parse(field: str) -> tuple[int, datetime] | None:
    article, _, hour = field.partition(":")
    try:
        return int(article), datetime.fromtimestamp(int(hour) * 3600, tz=UTC)
    except (ValueError, OverflowError, OSError):
        return None


def article_views_flush(*, now: datetime | None = None) -> ViewsFlushResult:
    """Write the buffered reads to the hourly counts, then rank the articles again.

    Run by one process at a time (cron). Reads of articles that do not exist (a
    forged beacon, a deleted article) are dropped.
    """
    buffer = _buffer()
    pending: Counter[tuple[int, datetime]] = Counter()
    for field, count in buffer.take().items():
        parsed = _parse(field)
        if parsed is not None and count > 0:
            pending[parsed] += count
    with transaction.atomic():
        existing = set(
            Article.objects.filter(pk__in={article for article, _ in pending}).values_list(
                "pk", flat=True
            )
        )
        pending = Counter({key: count for key, count in pending.items() if key[0] in existing})
        if pending:
            _add_counts(pending)
        ranking = most_read_ranking_compute(now=now)
        changed = cache.get(RANKING_CACHE_KEY) != ranking
        # Stored before the commit that makes the pages stale, so a page re-rendered
        # after it reads the new ranking.
        cache.set(RANKING_CACHE_KEY, ranking, timeout=None)
        if changed:
            most_read_changed.send(sender=ArticleViewCount)
        transaction.on_commit(buffer.done)
    return ViewsFlushResult(
        views=sum(pending.values()),
        articles=len({article for article, _ in pending}),
        ranking_changed=changed,
    )


def _add_counts(counts: Counter[tuple[int, datetime]]) -> None:
    pending = Counter(counts)
    rows = (
        ArticleViewCount.objects.select_for_update()
        .filter(
            article_id__in={article for article, _ in pending},
            hour__in={hour for _, hour in pending},
        )
        .order_by()
    )
    updated = []
    for row in rows:
        key = (row.article_id, row.hour)
        if key in pending:
            row.views += pending.pop(key)
            updated.append(row)
    ArticleViewCount.objects.bulk_update(updated, ["views"], batch_size=500)
    ArticleViewCount.objects.bulk_create(
        [
            ArticleViewCount(article_id=article, hour=hour, views=count)
            for (article, hour), count in pending.items()
        ],
        batch_size=500,
    )
