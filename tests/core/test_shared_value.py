"""The page cache's version, kept in each process and refreshed through Redis pub/sub.

Two ``SharedValue`` objects stand for two server processes: they share nothing
but Redis, exactly as two gunicorn workers do. These tests need a Redis server
(127.0.0.1:6379, database 13, which they empty); they are skipped without one,
except in CI (NEWSROOM_REQUIRE_REDIS=1), where that is a failure.
"""

import threading

import pytest
import redis
from django.core.cache import cache
from django.core.cache.backends.redis import RedisCache

from core.cache import ForgivingRedisCache
from core.shared_value import SharedValue
from tests.conftest import use_redis_cache, wait_for

REDIS_URL = "redis://127.0.0.1:6379/13"


@pytest.fixture
def redis_cache(settings):
    client = use_redis_cache(settings, REDIS_URL)
    yield cache
    client.flushdb()


@pytest.fixture
def main_thread_redis_reads(monkeypatch):
    """How many times this (the request) thread read Redis; the listeners' reads do not count."""
    reads = []
    original = ForgivingRedisCache.get

    def counting_get(self, key, default=None, version=None):
        if threading.current_thread() is threading.main_thread():
            reads.append(key)
        return original(self, key, default, version)

    monkeypatch.setattr(ForgivingRedisCache, "get", counting_get)
    return reads


def test_a_listening_process_reads_the_value_from_memory(redis_cache, main_thread_redis_reads):
    writer, reader = SharedValue("state"), SharedValue("state")
    writer.set(("version", 1))

    assert reader.get() == ("version", 1)
    assert wait_for(lambda: reader.listening)
    main_thread_redis_reads.clear()
    assert [reader.get() for _ in range(100)] == [("version", 1)] * 100
    assert main_thread_redis_reads == []


def test_a_change_announced_by_another_process_reaches_this_one(redis_cache):
    writer, reader = SharedValue("state"), SharedValue("state")
    writer.set(("version", 1))
    reader.get()
    assert wait_for(lambda: reader.listening)

    writer.set(("version", 2))

    assert wait_for(lambda: reader.get() == ("version", 2), seconds=1.0)


def test_the_writing_process_sees_its_own_change_at_once(redis_cache):
    value = SharedValue("state")
    value.set(("version", 1))
    value.get()
    assert wait_for(lambda: value.listening)

    value.set(("version", 2))

    assert value.get() == ("version", 2)


def test_without_the_subscription_every_read_goes_to_redis(redis_cache, main_thread_redis_reads):
    writer, reader = SharedValue("state"), SharedValue("state")
    writer.set(("version", 1))
    reader.get()
    assert wait_for(lambda: reader.listening)

    # As when Redis restarts or the network drops the connection.
    redis.Redis.from_url(REDIS_URL).client_kill_filter(_type="pubsub")
    assert wait_for(lambda: not reader.listening)
    # A change nobody announced: only a read from Redis can see it.
    cache.set("state", ("version", 3), timeout=None)
    main_thread_redis_reads.clear()

    assert reader.get() == ("version", 3)
    assert len(main_thread_redis_reads) == 1
    # The listener comes back on its own and starts from the current value.
    assert wait_for(lambda: reader.listening, seconds=5.0)
    assert reader.get() == ("version", 3)


def test_a_missing_value_reads_as_the_default(redis_cache):
    reader = SharedValue("never-set")
    reader.get()
    assert wait_for(lambda: reader.listening)

    assert reader.get("default") == "default"
    assert SharedValue("never-set").add(("version", 1)) is True
    assert wait_for(lambda: reader.get() == ("version", 1), seconds=1.0)


def test_a_change_redis_could_not_take_is_written_when_it_answers_again(
    redis_cache, monkeypatch, caplog
):
    writer, reader = SharedValue("state"), SharedValue("state")
    writer.set(("version", 1))
    reader.get()
    assert wait_for(lambda: reader.listening and writer.listening)
    real_set = RedisCache.set
    refusals = []

    def refuse_once(self, *args, **kwargs):
        if not refusals:
            refusals.append(args)
            raise redis.ConnectionError("network cut")
        return real_set(self, *args, **kwargs)

    monkeypatch.setattr(RedisCache, "set", refuse_once)

    writer.set(("version", 2))  # an editor publishes during the cut

    assert refusals, "the write did not reach Redis at all"
    assert "could not store a changed cache value" in caplog.text
    assert wait_for(lambda: reader.get() == ("version", 2), seconds=3.0)
    assert cache.get("state") == ("version", 2)
