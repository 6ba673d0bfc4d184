"""Change numbers shared through Redis: every process sees a change at once, from memory.

Two ``RedisKeyVersions`` stand for two server processes: they share nothing but
Redis. Redis on 127.0.0.1:6379, database 14, which these tests empty; skipped
without it, except in CI (NEWSROOM_REQUIRE_REDIS=1).
"""

import time

import pytest
from django.core.cache import caches
from redis.exceptions import ConnectionError as RedisConnectionError

from pagecache import versions as versions_module
from pagecache.versions import LocalKeyVersions, RedisKeyVersions
from tests.conftest import use_redis_cache, wait_for

REDIS_URL = "redis://127.0.0.1:6379/14"


@pytest.fixture
def backend(settings):
    client = use_redis_cache(settings, REDIS_URL)
    yield caches["default"]
    client.flushdb()


@pytest.fixture
def two_processes(backend):
    first, second = RedisKeyVersions(backend), RedisKeyVersions(backend)
    assert wait_for(lambda: first.listening and second.listening)
    yield first, second
    first.stop()
    second.stop()


def test_a_change_in_one_process_reaches_the_other_from_memory(two_processes, monkeypatch):
    first, second = two_processes
    before = second.current()
    first.bump({"article:1", "article?section=2"})
    # The process that changed it knows at once.
    assert first.newest({"article:1"}) > before
    assert wait_for(lambda: second.newest({"article:1"}) > before)
    assert second.newest({"article:1"}) == second.newest({"article?section=2"})
    assert second.newest({"article:999"}) == 0
    assert second.current() >= second.newest({"article:1"})

    # Read from memory: no Redis command while the subscription is alive.
    def no_redis(*args, **kwargs):
        raise AssertionError("read Redis")

    monkeypatch.setattr(type(second._backend), "client", no_redis)
    assert second.newest({"article:1", "article:2"}) > before


def test_numbers_grow_with_every_change(two_processes):
    first, second = two_processes
    first.bump({"a"})
    one = first.newest({"a"})
    second.bump({"a"})
    assert wait_for(lambda: first.newest({"a"}) > one)


def test_without_the_subscription_reads_go_to_redis(backend):
    reader = RedisKeyVersions(backend)
    reader.stop()  # never listening: as after a lost subscription
    assert wait_for(lambda: not reader.listening)
    writer = RedisKeyVersions(backend)
    try:
        writer.bump({"article:7"})
        newest = writer.newest({"article:7"})
        assert newest > 0
        assert reader.newest({"article:7", "article:8"}) == newest
        assert reader.current() == newest
    finally:
        writer.stop()


def test_a_change_redis_refused_is_written_when_it_answers(two_processes, monkeypatch):
    first, second = two_processes
    real_script = first._bump
    failures = []

    def refuse_once(**kwargs):
        if not failures:
            failures.append(1)
            raise RedisConnectionError("network cut")
        return real_script(**kwargs)

    monkeypatch.setattr(first, "_bump", refuse_once)
    before = second.current()
    first.bump({"article:3"})
    # Until it is written, nothing cached is trusted by the process that holds it.
    assert first.newest({"article:4"}) is None or first.newest({"article:3"}) > before
    assert wait_for(lambda: second.newest({"article:3"}) > before, seconds=5)


def test_old_changes_are_forgotten_once_no_page_can_be_older(backend, settings, monkeypatch):
    settings.NEWSROOM_PAGE_CACHE_SECONDS = 1
    monkeypatch.setattr(versions_module, "RENDER_MARGIN_SECONDS", 0)
    writer = RedisKeyVersions(backend)
    try:
        writer.bump({"article:old"})
        time.sleep(1.1)
        writer.bump({"article:new"})
        stored = {
            key.decode()
            for key in backend.client().zrange(backend.make_key("pagecache:changed"), 0, -1)
        }
        assert stored == {"article:new"}
    finally:
        writer.stop()


def test_local_numbers_for_one_process():
    local = LocalKeyVersions()
    start = local.current()
    local.bump({"article:1"})
    assert local.newest({"article:1", "article:2"}) > start
    assert local.newest({"article:2"}) == 0
    assert local.current() == local.newest({"article:1"})
