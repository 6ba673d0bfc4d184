"""One small cache value that every request reads, kept in process memory.

The page cache needs its content version on every request. Reading it from
Redis costs a network round trip, as much as all the rest of serving a cached
page. So each process keeps a copy, and whoever changes the value announces it
on a Redis pub/sub channel; a thread in every process listens and re-reads the
value when told. Readers then pay a memory read, and still see a change as
soon as the announcement arrives (well under a millisecond on a LAN).

Correctness rests on four rules:

* the listener subscribes *before* it reads the value, so no change can fall
  between the read and the subscription;
* an announcement makes the listener re-read the value from Redis rather than
  trust the message, so announcements arriving out of order cannot leave an
  old value behind;
* whenever the subscription is not known to be alive (not started yet, Redis
  restarted, a heartbeat went unanswered), ``get`` reads Redis as before;
* a change Redis could not take (a network cut it survives, data intact) is
  kept and written again as soon as Redis answers, rather than lost with the
  old value still in place for everyone.

With another cache backend (local memory in development and tests) there is
nothing to listen to and ``get``/``set`` use the cache directly.
"""

import logging
import os
import threading
from typing import Any

from django.core.cache import cache, caches
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

from core.announcements import AnnouncementListener
from core.cache import ForgivingRedisCache, redis_servers

logger = logging.getLogger("newsroom.cache")


_MISSING = object()


class SharedValue:
    def __init__(self, key: str):
        self.key = key
        self._value: Any = _MISSING
        self._listener: AnnouncementListener | None = None
        # Which process and which Redis the listener was started for: a forked
        # worker or a changed configuration (tests) needs a listener of its own.
        self._listening_for: tuple[int, tuple[str, ...], str] | None = None
        self._start_lock = threading.Lock()
        # A value set while Redis could not take it, to be written again.
        self._unwritten: Any = _MISSING
        self._write_lock = threading.Lock()

    def get(self, default: Any = None) -> Any:
        backend = _redis_backend()
        if backend is not None:
            self._ensure_listening(backend)
            if self._live_now():
                return default if self._value is _MISSING else self._value
        return cache.get(self.key, default)

    def set(self, value: Any) -> None:
        """Store ``value`` and announce it.

        If Redis cannot take it now (a network cut that Redis itself survives),
        the value is kept and the listener writes it as soon as Redis answers
        again: a lost write would leave every process on the old version.
        """
        backend = _redis_backend()
        if backend is None:
            cache.set(self.key, value, timeout=None)
            return
        self._ensure_listening(backend)
        self._unwritten = value
        self._write_unwritten(backend)

    def add(self, value: Any) -> bool:
        """Set the value unless one exists; True if this call set it."""
        added = cache.add(self.key, value, timeout=None)
        if added:
            self.set(value)  # the same value again, to announce it
        return added

    @property
    def listening(self) -> bool:
        return self._live_now()

    def _live_now(self) -> bool:
        return self._listener is not None and self._listener.live

    def _write_unwritten(self, backend: ForgivingRedisCache) -> None:
        """Store and announce the value last set, unless that already happened."""
        with self._write_lock:
            value = self._unwritten
            if value is _MISSING:
                return
            try:
                # Not the forgiving set, which would swallow the failure.
                RedisCache.set(backend, self.key, value, timeout=None)
                backend.client().publish(self._channel(backend), b"changed")
            except (RedisError, OSError) as error:
                logger.error(
                    "could not store a changed cache value; retrying when Redis answers",
                    extra={"error": repr(error)},
                )
                return
            if self._unwritten is value:
                self._unwritten = _MISSING
            if self._live_now():
                # This process sees its own change at once; the others when the
                # announcement arrives.
                self._value = value

    def _channel(self, backend: ForgivingRedisCache) -> str:
        return backend.make_key(self.key) + ":changed"

    def _ensure_listening(self, backend: ForgivingRedisCache) -> None:
        # Django gives each thread its own backend object, so compare what
        # they point at, not the objects.
        target = (os.getpid(), redis_servers(backend), backend.make_key(self.key))
        if self._listening_for == target:
            return
        with self._start_lock:
            if self._listening_for == target:
                return
            if self._listener is not None:
                self._listener.stop()
            self._value = _MISSING
            current: list[AnnouncementListener] = []

            def refresh(_data: bytes = b"") -> None:
                # Not the forgiving get: a failed read must raise, not pass for "no value".
                value = RedisCache.get(backend, self.key, _MISSING)
                if current and current[0] is self._listener:
                    self._value = value

            def subscribed() -> None:
                self._write_unwritten(backend)
                refresh()

            def idle() -> None:
                if self._unwritten is not _MISSING:
                    self._write_unwritten(backend)

            self._listener = AnnouncementListener(
                backend,
                self._channel(backend),
                on_subscribed=subscribed,
                on_message=refresh,
                on_idle=idle,
                name=f"shared-value {self.key}",
            )
            current.append(self._listener)
            self._listening_for = target


def _redis_backend() -> ForgivingRedisCache | None:
    backend = caches["default"]
    return backend if isinstance(backend, ForgivingRedisCache) else None
