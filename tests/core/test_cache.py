"""The Redis cache answers as an empty cache while Redis is unreachable."""

import pytest

from core.cache import ForgivingRedisCache

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
