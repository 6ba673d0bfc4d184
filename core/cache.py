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
from functools import wraps

from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import RedisError

logger = logging.getLogger("newsroom.cache")

RETRY_AFTER_SECONDS = 5.0


def _forgiving(default_factory):
    def decorator(method):
        @wraps(method)
        def wrapper(self, *args, **kwargs):
            if time.monotonic() < self._unavailable_until:
                return default_factory(*args, **kwargs)
            try:
                return method(self, *args, **kwargs)
            except (RedisError, OSError) as error:
                self._unavailable_until = time.monotonic() + RETRY_AFTER_SECONDS
                logger.warning(
                    "cache unavailable, serving without it",
                    extra={"operation": method.__name__, "error": type(error).__name__},
                )
                return default_factory(*args, **kwargs)

        return wrapper

    return decorator


def _default_argument(key, default=None, *args, **kwargs):
    return default


class ReusingRedisCacheClient(RedisCacheClient):
    """Django's client, keeping one ``redis.Redis`` per connection pool.

    Django builds a new ``redis.Redis`` for every cache call, and its
    constructor fills a table of some 170 response callbacks each time: about
    half the cost of a cache hit. A ``redis.Redis`` is safe to share between
    threads (each command borrows a connection from the pool), so one per pool
    is enough.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


def redis_servers(backend: RedisCache) -> tuple[str, ...]:
    """The Redis locations a cache backend was configured with.

    Django keeps them only in the private ``_servers``; reading it here, in
    one place with a test (tests/core/test_cache.py), makes an upgrade
    that renames it fail loudly.
    """
    return tuple(backend._servers)


class ForgivingRedisCache(RedisCache):
    def __init__(self, server, params):
        options = dict(params.get("OPTIONS", {}))
        # Fail fast: a reader should not wait seconds for a cache that is down.
        options.setdefault("socket_connect_timeout", 0.5)
        options.setdefault("socket_timeout", 0.5)
        super().__init__(server, {**params, "OPTIONS": options})
        self._class = ReusingRedisCacheClient
        self._unavailable_until = 0.0

    def client(self):
        """The ``redis.Redis`` behind this cache, for what Django's API lacks (pub/sub)."""
        return self._cache.get_client(write=True)

    get = _forgiving(_default_argument)(RedisCache.get)
    get_many = _forgiving(lambda *a, **k: {})(RedisCache.get_many)
    has_key = _forgiving(lambda *a, **k: False)(RedisCache.has_key)
    set = _forgiving(lambda *a, **k: None)(RedisCache.set)
    set_many = _forgiving(lambda *a, **k: [])(RedisCache.set_many)
    add = _forgiving(lambda *a, **k: False)(RedisCache.add)
    touch = _forgiving(lambda *a, **k: False)(RedisCache.touch)
    delete = _forgiving(lambda *a, **k: False)(RedisCache.delete)
    delete_many = _forgiving(lambda *a, **k: None)(RedisCache.delete_many)
    incr = _forgiving(lambda *a, **k: None)(RedisCache.incr)
    clear = _forgiving(lambda *a, **k: False)(RedisCache.clear)
