"""A thread that follows a Redis pub/sub channel and says whether it can be trusted.

Values that every request reads (the page cache's change numbers, the
schedule of the next publication) are kept in each process's memory and
re-read when another process announces a change on a channel. That copy is
only as good as the subscription, so this listener keeps three rules:

* it subscribes *before* the owner loads the value (``on_subscribed``), so no
  change can fall between the load and the subscription;
* it pings the channel whenever it has been silent for a heartbeat, and the
  copy counts as current (``live``) only while the pongs come back;
* after any failure it is not live until it has subscribed and loaded afresh.

The owner reads Redis itself whenever the listener is not live.
"""

import logging
import threading
import time
from collections.abc import Callable

from redis.client import PubSub
from redis.exceptions import RedisError

from core.cache import ForgivingRedisCache

logger = logging.getLogger("newsroom.cache")

HEARTBEAT_SECONDS = 1.0
RETRY_SECONDS = 1.0


class AnnouncementListener:
    def __init__(
        self,
        backend: ForgivingRedisCache,
        channel: str,
        *,
        on_subscribed: Callable[[], None],
        on_message: Callable[[bytes], None],
        on_idle: Callable[[], None] = lambda: None,
        name: str = "announcements",
    ) -> None:
        self._backend = backend
        self._channel = channel
        self._on_subscribed = on_subscribed
        self._on_message = on_message
        self._on_idle = on_idle
        # True only while the subscription is confirmed and answering; read
        # without a lock (a single attribute read is atomic).
        self.live = False
        self._stopped = False
        threading.Thread(target=self._listen, name=name, daemon=True).start()

    def stop(self) -> None:
        self._stopped = True
        self.live = False

    def _listen(self) -> None:
        while not self._stopped:
            pubsub = None
            try:
                pubsub = self._backend.client().pubsub()
                pubsub.subscribe(self._channel)
                self._await(pubsub, "subscribe")
                self._on_subscribed()
                self.live = not self._stopped
                while not self._stopped:
                    self._on_idle()
                    message = pubsub.get_message(timeout=HEARTBEAT_SECONDS)
                    if message is None:
                        pubsub.ping()
                        self._await(pubsub, "pong")
                    elif message["type"] == "message":
                        self._on_message(message["data"])
            except (RedisError, OSError, TimeoutError) as error:
                if self.live:
                    logger.warning(
                        "lost the cache announcements, reading Redis until they are back",
                        extra={"channel": self._channel, "error": type(error).__name__},
                    )
                self.live = False
                time.sleep(RETRY_SECONDS)
            except Exception:
                self.live = False
                logger.exception("cache announcement listener failed; retrying")
                time.sleep(RETRY_SECONDS)
            finally:
                if pubsub is not None:
                    pubsub.close()
        self.live = False

    def _await(self, pubsub: PubSub, kind: str) -> None:
        """Wait for a reply of ``kind``, acting on announcements that come first."""
        deadline = time.monotonic() + HEARTBEAT_SECONDS
        while (left := deadline - time.monotonic()) > 0:
            message = pubsub.get_message(timeout=left)
            if message is None:
                continue
            if message["type"] == kind:
                return
            if message["type"] == "message":
                self._on_message(message["data"])
        raise TimeoutError(f"no {kind} from Redis within {HEARTBEAT_SECONDS} s")
