"""core/cache.py: the Redis cache that degrades to no cache, and what it reads of Django's."""

from django.core.cache.backends.redis import RedisCache

from core.cache import ForgivingRedisCache, redis_servers


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


def test_an_unreachable_redis_is_a_miss_not_an_error():
    backend = ForgivingRedisCache("redis://127.0.0.1:1/0", {})
    assert backend.get("anything", "default") == "default"
    backend.set("anything", 1)  # skipped, logged
    assert backend.get("anything") is None
