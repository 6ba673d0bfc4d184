"""A Redis cache that degrades to "no cache" when Redis is unreachable.

Django's RedisCache raises on a connection error, which would turn a cache
outage into a site outage. Here a failed read is a miss and a failed write is
skipped, each logged; pages are then built from the database as if uncached.
After a failure the cache is not tried again for a few seconds, so a dead
Redis costs one connection timeout per process every few seconds, not one per
request.
"""

import logging
import time
from collections.abc import Callable
from functools import wraps
from typing import Any, Concatenate

from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis import Redis
from redis.connection import ConnectionPool
from redis.exceptions import RedisError

logger = logging.getLogger("newsroom.cache")

RETRY_AFTER_SECONDS = 5.0


def _forgiving[**P, R](
    method: Callable[Concatenate[RedisCache, P], R], fallback: Callable[P, R]
) -> Callable[Concatenate["ForgivingRedisCache", P], R]:
    """``method``, answering ``fallback(...)`` instead while Redis is unreachable."""

    @wraps(method)
    def wrapper(self: "ForgivingRedisCache", /, *args: P.args, **kwargs: P.kwargs) -> R:
        if time.monotonic() < self._unavailable_until:
            return fallback(*args, **kwargs)
        try:
            return method(self, *args, **kwargs)
        except (RedisError, OSError) as error:
            self._unavailable_until = time.monotonic() + RETRY_AFTER_SECONDS
            logger.warning(
                "cache unavailable, serving without it",
                extra={"operation": method.__name__, "error": type(error).__name__},
            )
            return fallback(*args, **kwargs)

    return wrapper


def _default_argument(key: Any, default: Any | None = None, version: int | None = None) -> Any:
    return default


def _missing_key(key: Any, delta: int = 1, version: int | None = None) -> int:
    """What ``incr`` does for a key the cache does not hold: an unreachable cache holds none."""
    raise ValueError(f"Key {key!r} not found: the cache is unavailable")


class ReusingRedisCacheClient(RedisCacheClient):
    """Django's client, keeping one ``redis.Redis`` per connection pool.

    Django builds a new ``redis.Redis`` for every cache call, and its
    constructor fills a table of some 170 response callbacks each time: about
    half the cost of a cache hit. A ``redis.Redis`` is safe to share between
    threads (each command borrows a connection from the pool), so one per pool
    is enough.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._clients: dict[int, Redis] = {}

    def get_client(
        self, key: str | bytes | memoryview | None = None, *, write: bool = False
    ) -> Redis:
        # Both private names are Django's (django/core/cache/backends/redis.py), which
        # django-stubs does not declare.
        pool: ConnectionPool = self._get_connection_pool(write)  # type: ignore[attr-defined]
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)  # type: ignore[attr-defined]
        return client


def redis_servers(backend: RedisCache) -> tuple[str, ...]:
    """The Redis locations a cache backend was configured with.

    Django keeps them only in the private ``_servers``; reading it here, in
    one place with a test (tests/core/test_cache.py), makes an upgrade
    that renames it fail loudly.
    """
    return tuple(backend._servers)  # type: ignore[attr-defined]  # private, not in django-stubs


class ForgivingRedisCache(RedisCache):
    def __init__(self, server: str | list[str], params: dict[str, Any]) -> None:
        options = dict(params.get("OPTIONS", {}))
        # Fail fast: a reader should not wait seconds for a cache that is down.
        options.setdefault("socket_connect_timeout", 0.5)
        options.setdefault("socket_timeout", 0.5)
        super().__init__(server, {**params, "OPTIONS": options})
        self._class = ReusingRedisCacheClient
        self._unavailable_until = 0.0

    def client(self) -> Redis:
        """The ``redis.Redis`` behind this cache, for what Django's API lacks (pub/sub)."""
        return self._cache.get_client(write=True)

    get = _forgiving(RedisCache.get, _default_argument)
    get_many = _forgiving(RedisCache.get_many, lambda *a, **k: {})
    has_key = _forgiving(RedisCache.has_key, lambda *a, **k: False)
    set = _forgiving(RedisCache.set, lambda *a, **k: None)
    set_many = _forgiving(RedisCache.set_many, lambda *a, **k: [])
    add = _forgiving(RedisCache.add, lambda *a, **k: False)
    touch = _forgiving(RedisCache.touch, lambda *a, **k: False)
    delete = _forgiving(RedisCache.delete, lambda *a, **k: False)
    delete_many = _forgiving(RedisCache.delete_many, lambda *a, **k: None)
    # Not None: callers compare the count (comments.services.captcha_quota_take), and
    # a missing key is what incr reports with ValueError.
    incr = _forgiving(RedisCache.incr, _missing_key)
    clear = _forgiving(RedisCache.clear, lambda: None)
