"""core/cache.py: the Redis cache answers as an empty cache while Redis is unreachable."""

import pytest
from django.core.cache.backends.redis import RedisCache

from core.cache import ForgivingRedisCache, redis_servers

DEAD_REDIS = "redis://127.0.0.1:1/0"  # nothing listens on port 1: connections are refused


def test_an_unreachable_cache_reads_as_empty():
    cache = ForgivingRedisCache(DEAD_REDIS, {})

    assert cache.get("any", "default") == "default"
    assert cache.get_many(["any"]) == {}
    assert cache.add("any", 1) is False


def test_an_unreachable_cache_counts_nothing_as_a_missing_key_does():
    # incr's contract for a key the cache does not hold is ValueError; a count of None
    # would break callers that compare it (the captcha quota).
    cache = ForgivingRedisCache(DEAD_REDIS, {})

    with pytest.raises(ValueError):
        cache.incr("any")
    with pytest.raises(ValueError):  # also while it is not tried again
        cache.incr("any")


def test_redis_servers_are_the_configured_locations():
    """Pins the one private attribute read (Django keeps the locations in ``_servers``).

    The page cache tells processes apart by it; if an upgrade renames it, this
    fails here rather than every process sharing one listener by mistake.
    """
    backend = ForgivingRedisCache(
        "redis://127.0.0.1:6399/3,redis://127.0.0.1:6399/4", {"KEY_PREFIX": "t"}
    )
    assert redis_servers(backend) == ("redis://127.0.0.1:6399/3", "redis://127.0.0.1:6399/4")
    assert redis_servers(RedisCache("redis://127.0.0.1:6399/5", {})) == (
        "redis://127.0.0.1:6399/5",
    )
