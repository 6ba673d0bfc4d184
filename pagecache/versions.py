"""When each dependency key last changed, known to every process at memory speed.

Every change gets a *sequence number* that grows with time; each changed key
remembers the number of its last change. A page remembers the number that was
current when its render began, and stays valid while none of its keys has a
newer one. No page is ever deleted: it just stops being valid, and expires.

With Redis (several processes, several servers) the numbers live in Redis:
a sorted set of key → number of its last change, and the current number,
both written by one Lua script that takes the number from Redis's own clock,
so app servers whose clocks disagree still agree on the order. The script
announces each change on a pub/sub channel; a thread in every process keeps
a copy of the whole set in memory, so a cache hit costs no round trip. The
listener keeps the rules of ``core/announcements.py`` (subscribe before
loading, trust the copy only while the subscription answers its heartbeat,
read Redis otherwise); a change Redis could not take is kept and written when
Redis answers, and until then nothing cached is trusted.

Without Redis (one process: the development server, tests), a dictionary.

Keys whose last change is older than the longest a page may be kept are
forgotten, on both sides: every page that could be older than that change
has expired anyway. That keeps the set to the keys changed in the last
``NEWSROOM_PAGE_CACHE_SECONDS`` (plus a margin for slow renders).
"""

import logging
import os
import threading
import time
from collections.abc import Collection
from typing import Protocol, cast

from django.conf import settings
from django.core.cache import caches
from redis.exceptions import RedisError

from core.announcements import AnnouncementListener
from core.cache import ForgivingRedisCache, redis_servers

logger = logging.getLogger("pagecache")

# A render that takes longer than this could be stored with keys already forgotten.
RENDER_MARGIN_SECONDS = 120


def _horizon_us() -> int:
    return (settings.NEWSROOM_PAGE_CACHE_SECONDS + RENDER_MARGIN_SECONDS) * 1_000_000


class KeyVersions(Protocol):
    def current(self) -> int | None:
        """The number of the latest change; None when it cannot be known now."""

    def newest(self, keys: Collection[str]) -> int | None:
        """The number of the latest change to any of ``keys`` (0 if none); None if unknown."""

    def bump(self, keys: Collection[str]) -> None:
        """Record a change to ``keys`` now."""


class LocalKeyVersions:
    """One process's numbers, for the local-memory cache."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._seq = 0
        self._changed: dict[str, int] = {}

    def current(self) -> int:
        return self._seq

    def newest(self, keys: Collection[str]) -> int:
        changed = self._changed
        return max((changed.get(key, 0) for key in keys), default=0)

    def bump(self, keys: Collection[str]) -> None:
        with self._lock:
            now = time.time_ns() // 1000
            self._seq = seq = max(self._seq + 1, now)
            for key in keys:
                self._changed[key] = seq
            if len(self._changed) > 10_000:
                horizon = now - _horizon_us()
                self._changed = {k: v for k, v in self._changed.items() if v >= horizon}


# KEYS: the current number, the sorted set, the channel. ARGV: the horizon in
# microseconds, then the changed keys. Redis's clock, so that every app server
# agrees on the order of changes whatever its own clock says.
_BUMP_SCRIPT = """
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local seq = math.max(tonumber(redis.call('GET', KEYS[1]) or '0') + 1, now)
local text = string.format('%d', seq)
redis.call('SET', KEYS[1], text)
for i = 2, #ARGV do redis.call('ZADD', KEYS[2], text, ARGV[i]) end
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', string.format('%d', now - tonumber(ARGV[1])))
redis.call('PUBLISH', KEYS[3], text .. ' ' .. table.concat(ARGV, ' ', 2))
return text
"""


class RedisKeyVersions:
    """The numbers in Redis, mirrored in this process's memory."""

    def __init__(self, backend: ForgivingRedisCache) -> None:
        self._seq_key = backend.make_key("pagecache:seq")
        self._set_key = backend.make_key("pagecache:changed")
        self._channel = backend.make_key("pagecache:announce")
        self._backend = backend
        self._bump = backend.client().register_script(_BUMP_SCRIPT)
        # The copy: trusted only while the listener is live; replaced whole on (re)load.
        self._seq = 0
        self._changed: dict[str, int] = {}
        self._unwritten: set[str] = set()
        self._write_lock = threading.Lock()
        self._listener = AnnouncementListener(
            backend,
            self._channel,
            on_subscribed=self._on_subscribed,
            on_message=self._on_message,
            on_idle=self._on_idle,
            name="pagecache versions",
        )

    @property
    def listening(self) -> bool:
        return self._listener.live

    def current(self) -> int | None:
        if self._unwritten:
            return None
        if self._listener.live:
            return self._seq
        try:
            value = self._backend.client().get(self._seq_key)
        except (RedisError, OSError):
            return None
        return int(value or 0)

    def newest(self, keys: Collection[str]) -> int | None:
        if self._unwritten:
            return None
        if self._listener.live:
            changed = self._changed
            return max((changed.get(key, 0) for key in keys), default=0)
        if not keys:
            return 0
        try:
            scores = self._backend.client().zmscore(self._set_key, list(keys))
        except (RedisError, OSError):
            return None
        return int(max((score or 0 for score in scores), default=0))

    def bump(self, keys: Collection[str]) -> None:
        """Record the change; if Redis cannot take it now, keep it for when it can."""
        with self._write_lock:
            self._unwritten.update(keys)
        self._write_unwritten()

    def _write_unwritten(self) -> None:
        with self._write_lock:
            if not self._unwritten:
                return
            keys = sorted(self._unwritten)
            try:
                seq = int(self._bump(keys=[self._seq_key, self._set_key, self._channel],
                                     args=[_horizon_us(), *keys]))  # fmt: skip
            except (RedisError, OSError) as error:
                logger.error(
                    "could not record changed pages; retrying when Redis answers",
                    extra={"error": repr(error)},
                )
                return
            self._unwritten.clear()
            # This process sees its own change at once, the others when the
            # announcement arrives.
            self._apply(seq, keys)

    def _apply(self, seq: int, keys: Collection[str]) -> None:
        changed = self._changed
        for key in keys:
            if changed.get(key, 0) < seq:
                changed[key] = seq
        if seq > self._seq:
            self._seq = seq
        if len(changed) > 50_000:
            horizon = seq - _horizon_us()
            self._changed = {k: v for k, v in changed.items() if v >= horizon}

    def _load(self) -> None:
        client = self._backend.client()
        seq = int(client.get(self._seq_key) or 0)
        # redis-py types replies for its sync and async clients at once.
        rows = cast(
            "list[tuple[bytes, float]]", client.zrange(self._set_key, 0, -1, withscores=True)
        )
        self._changed = {key.decode(): int(score) for key, score in rows}
        self._seq = seq

    def _on_message(self, data: bytes) -> None:
        seq_text, *keys = data.decode().split(" ")
        self._apply(int(seq_text), keys)

    def _on_subscribed(self) -> None:
        self._write_unwritten()
        self._load()

    def _on_idle(self) -> None:
        if self._unwritten:
            self._write_unwritten()

    def stop(self) -> None:
        self._listener.stop()


_lock = threading.Lock()
# (pid, "redis", servers, key prefix) or ("local", location)
type _BackendIdentity = tuple[int, str, tuple[str, ...], str] | tuple[str, str]
_instances: dict[_BackendIdentity, KeyVersions] = {}


def key_versions() -> KeyVersions:
    """The numbers for the configured cache: one per process and Redis location.

    A forked worker, or a test that switches the cache, gets its own (a
    listener thread does not survive a fork).
    """
    backend = caches["default"]
    if isinstance(backend, ForgivingRedisCache):
        identity: _BackendIdentity = (
            os.getpid(),
            "redis",
            redis_servers(backend),
            backend.key_prefix,
        )
    else:
        # Every thread's backend object shares one local-memory store.
        identity = ("local", settings.CACHES["default"].get("LOCATION", ""))
    versions = _instances.get(identity)
    if versions is None:
        with _lock:
            versions = _instances.get(identity)
            if versions is None:
                if isinstance(backend, ForgivingRedisCache):
                    versions = RedisKeyVersions(backend)
                else:
                    versions = LocalKeyVersions()
                _instances[identity] = versions
    return versions
