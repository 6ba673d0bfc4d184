import pytest

from pagecache.middleware import recent_pages


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.NEWSROOM_PAGE_CACHE = True
    recent_pages.clear()
    yield
    recent_pages.clear()


calls: list[frozenset[str]] = []


def remember_purge(*, keys: frozenset[str]) -> None:
    calls.append(keys)


@pytest.fixture
def purged(settings):
    """The keys each call of the purge hook was given, in order."""
    calls.clear()
    settings.NEWSROOM_PAGE_CACHE_PURGE_HOOK = "tests.pagecache.conftest.remember_purge"
    yield calls
    calls.clear()
