"""A change made in one process reaches pages cached by every gunicorn worker.

Each worker keeps the page cache's version in memory and hears about changes
through Redis pub/sub (core/shared_value.py). Here two workers have the
article cached, another process (as the admin would) changes it, and every
following request, whichever worker takes it, must show the change.
"""

import urllib.request
from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.conftest import require_redis
from tests.reliability.servers import (
    SEED_ARTICLES,
    create_database,
    drop_database,
    gunicorn,
    manage,
    postgres_admin_url_or_skip,
    production_env,
    run_django,
)

pytestmark = pytest.mark.slow

DATABASE = "toasoan_pagecache_workers"
REDIS_URL = "redis://127.0.0.1:6379/12"
BATCH = 40  # requests sent 8 at a time, so that the kernel hands them to both workers


def get(url: str) -> tuple[str, str]:
    with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310 (loopback)
        return response.headers.get("X-Page-Cache", ""), response.read().decode()


def read_until_both_workers_served(server, path: str) -> list[tuple[str, str]]:
    """Batches of concurrent GETs until both workers have answered some of them."""
    skip = len(workers_that_served(server, path, unique=False))
    responses = []
    with ThreadPoolExecutor(max_workers=8) as pool:
        for _ in range(10):
            responses += pool.map(get, [server.base + path] * BATCH)
            if len(workers_that_served(server, path, skip=skip)) == 2:
                return responses
    raise AssertionError(f"one worker answered all {len(responses)} requests")


def workers_that_served(server, path: str, *, skip: int = 0, unique: bool = True):
    """The pids of the workers in the access log lines for ``path``, after the first ``skip``."""
    lines = [line.split() for line in server.log().splitlines() if line.startswith("access ")]
    pids = [pid for _, pid, logged_path in lines if logged_path == path][skip:]
    return set(pids) if unique else pids


RETITLE = """
    from articles import services
    from articles.models import Article
    article = Article.objects.get(pk={pk})
    article.title = "Tiêu đề đã sửa sau khi trang được lưu"
    services.article_save(article=article)
    print(json.dumps({{"ok": True}}))
"""


def test_an_edit_in_another_process_is_seen_by_every_worker_at_once(tmp_path):
    admin_url = postgres_admin_url_or_skip()
    require_redis(REDIS_URL).flushdb()
    database_url = create_database(admin_url, DATABASE)
    try:
        env = production_env(database_url, tmp_path, REDIS_URL=REDIS_URL, NEWSROOM_PAGE_CACHE="1")
        manage(["migrate", "--no-input"], env)
        manage(["collectstatic", "--no-input"], env)
        seeded = run_django(SEED_ARTICLES, env)
        with gunicorn(env, tmp_path / "gunicorn.log", workers=2, access_log=True) as server:
            path = seeded["open_url"]
            before = read_until_both_workers_served(server, path)
            assert all("Bài nhận bình luận" in html for _, html in before)
            # Both workers have it cached: at most the first request of each missed.
            assert sum(state == "hit" for state, _ in before) >= len(before) - 2

            run_django(RETITLE.format(pk=seeded["open_pk"]), env)

            after = read_until_both_workers_served(server, path)
        stale = [n for n, (_, html) in enumerate(after) if "Tiêu đề đã sửa" not in html]
        assert stale == [], f"requests {stale} after the edit showed the old title"
        assert sum(state == "hit" for state, _ in after) >= len(after) - 2
    finally:
        drop_database(admin_url, DATABASE)
