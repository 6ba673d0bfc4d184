"""The database goes away and comes back; the site follows without being restarted.

gunicorn runs in production mode with Django's psycopg pool, talking to
PostgreSQL through a proxy the test can cut (tests/reliability/proxy.py).
Readers must get the Vietnamese 503 page while the database is gone, and
normal pages again within seconds of its return — also after a short restart
nobody noticed, when the pool still holds connections the server has closed.
"""

import time
import urllib.error
import urllib.request
from urllib.parse import urlsplit

import pytest

from tests.conftest import require_redis
from tests.reliability.proxy import TcpProxy
from tests.reliability.servers import (
    SEED_ARTICLES,
    create_database,
    database_url,
    drop_database,
    gunicorn,
    manage,
    postgres_admin_url_or_skip,
    production_env,
    run_django,
)

pytestmark = pytest.mark.slow

DATABASE = "toasoan_outage"
OUTAGE_REDIS_URL = "redis://127.0.0.1:6379/11"
RECOVERY_LIMIT_SECONDS = 5.0
POOL_TIMEOUT_SECONDS = 1.0  # core/env.py


def fetch(url: str) -> tuple[int, dict[str, str], str, float]:
    """Status, headers, body and seconds taken for a GET (no exception for 5xx)."""
    started = time.monotonic()
    try:
        with urllib.request.urlopen(url, timeout=60) as response:  # noqa: S310 (loopback)
            status, headers, body = response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        status, headers, body = error.code, dict(error.headers), error.read()
    return status, headers, body.decode(errors="replace"), time.monotonic() - started


def test_site_serves_503_during_a_database_outage_and_recovers_without_restart(tmp_path):
    admin_url = postgres_admin_url_or_skip()
    target = urlsplit(admin_url)
    direct_url = create_database(admin_url, DATABASE)
    proxy = TcpProxy((target.hostname, target.port or 5432))
    proxy.start()
    timeline: list[str] = []
    began = time.monotonic()

    def note(event: str) -> None:
        timeline.append(f"{time.monotonic() - began:6.2f} s  {event}")

    try:
        setup_env = production_env(direct_url, tmp_path)
        manage(["migrate", "--no-input"], setup_env)
        manage(["collectstatic", "--no-input"], setup_env)
        article_url = run_django(SEED_ARTICLES, setup_env)["open_url"]
        env = production_env(
            database_url(admin_url, DATABASE, port=proxy.port),
            tmp_path,
            DATABASE_POOL="1",
            NEWSROOM_PAGE_CACHE="0",  # every page view must reach the database
        )
        # One worker, so every request below meets the same connection pool and
        # the outcome does not depend on which worker the kernel wakes.
        with gunicorn(env, tmp_path / "gunicorn.log", workers=1) as server:
            page = server.base + article_url

            for _ in range(3):
                status, _, html, seconds = fetch(page)
                note(f"database up: GET article → {status} in {seconds:.2f} s")
                assert status == 200
                assert "Bài nhận bình luận" in html

            proxy.stop()
            note("database cut (proxy stopped, open connections dropped)")
            for attempt in (1, 2):
                status, headers, html, seconds = fetch(page)
                note(f"database down: GET article → {status} in {seconds:.2f} s")
                assert status == 503, (attempt, status, html[:500])
                assert headers.get("Retry-After") == "30"
                assert "Hệ thống tạm thời gián đoạn" in html
                assert "Traceback" not in html
                assert "OperationalError" not in html
                assert "PoolTimeout" not in html
                # Readers wait for the pool's timeout (1 s), not for a browser's,
                # so a few of them cannot tie up every worker.
                assert seconds < POOL_TIMEOUT_SECONDS + 1

            proxy.start()
            back = time.monotonic()
            note("database back (proxy started)")
            statuses = []
            while True:
                status, _, html, seconds = fetch(page)
                statuses.append(status)
                note(f"after recovery: GET article → {status} in {seconds:.2f} s")
                if status == 200 or time.monotonic() - back > RECOVERY_LIMIT_SECONDS:
                    break
                time.sleep(0.2)
            recovered_after = time.monotonic() - back
            assert status == 200, timeline
            assert "Bài nhận bình luận" in html
            assert recovered_after < RECOVERY_LIMIT_SECONDS, timeline

            # A restart too short for any reader to notice: the pool's idle
            # connections were closed by the server, and must not reach a reader.
            for _ in range(3):
                fetch(page)
            pooled = proxy.open_connections
            assert pooled >= 1, timeline  # else there is no idle connection to cut
            proxy.stop()
            proxy.start()
            note(f"database restarted while idle ({pooled} pooled connections cut)")
            for _ in range(5):
                status, _, _, seconds = fetch(page)
                note(f"after the idle restart: GET article → {status} in {seconds:.2f} s")
                assert status == 200, timeline
            server_log = server.log()
    finally:
        proxy.stop()
        print("\ndatabase outage timeline:\n" + "\n".join(timeline))
        drop_database(admin_url, DATABASE)
    # Outage errors are logged (with their traceback) for the operators; nothing else.
    errors = [line for line in server_log.splitlines() if line[:4].isdigit() and " ERROR " in line]
    assert errors and all("Service Unavailable" in line for line in errors), errors


EDIT_DIRECTLY = """
    from articles import services
    from articles.models import Article
    article = Article.objects.get(pk={pk})
    article.title = "Tiêu đề sửa khi máy chủ web mất cơ sở dữ liệu"
    services.article_save(article=article)
    print(json.dumps({{"ok": True}}))
"""


def test_cached_pages_are_served_while_the_database_is_away(tmp_path):
    """Readers of cached pages see no outage; others get the 503 at once, freeing the workers.

    The page cache shares Redis with the editors' processes, which still reach
    the database directly: an edit made during the outage makes the cached
    page stale, and readers keep getting the copy they had rather than a 503.
    """
    admin_url = postgres_admin_url_or_skip()
    redis = require_redis(OUTAGE_REDIS_URL)
    redis.flushdb()
    target = urlsplit(admin_url)
    direct_url = create_database(admin_url, DATABASE)
    proxy = TcpProxy((target.hostname, target.port or 5432))
    proxy.start()
    try:
        setup_env = production_env(direct_url, tmp_path, REDIS_URL=OUTAGE_REDIS_URL)
        manage(["migrate", "--no-input"], setup_env)
        manage(["collectstatic", "--no-input"], setup_env)
        seeded = run_django(SEED_ARTICLES, setup_env)
        env = production_env(
            database_url(admin_url, DATABASE, port=proxy.port),
            tmp_path,
            REDIS_URL=OUTAGE_REDIS_URL,
            NEWSROOM_PAGE_CACHE="1",
        )
        with gunicorn(env, tmp_path / "gunicorn.log", workers=1) as server:
            cached = server.base + seeded["open_url"]
            for _ in range(2):
                status, headers, html, _ = fetch(cached)
            assert (status, headers["X-Page-Cache"]) == (200, "hit")

            proxy.stop()
            status, headers, html, seconds = fetch(cached)
            assert (status, headers["X-Page-Cache"]) == (200, "hit")
            assert "Bài nhận bình luận" in html

            # Never cached: the 503 comes within about a second.
            status, headers, html, seconds = fetch(server.base + "/tac-gia/khong-co-ai/")
            assert status == 503
            assert "Hệ thống tạm thời gián đoạn" in html
            assert seconds < POOL_TIMEOUT_SECONDS + 1

            # An editor's process still reaches the database and makes the page stale.
            run_django(EDIT_DIRECTLY.format(pk=seeded["open_pk"]), setup_env)
            status, headers, html, seconds = fetch(cached)
            assert (status, headers["X-Page-Cache"]) == (200, "stale")
            assert headers["Cache-Control"] == "no-store"  # no proxy keeps it past the outage
            assert "Bài nhận bình luận" in html
            assert seconds < POOL_TIMEOUT_SECONDS + 1

            proxy.start()
            for _ in range(20):
                status, headers, html, _ = fetch(cached)
                if "Tiêu đề sửa khi máy chủ web mất cơ sở dữ liệu" in html:
                    break
                time.sleep(0.25)
            assert status == 200
            assert "Tiêu đề sửa khi máy chủ web mất cơ sở dữ liệu" in html
    finally:
        proxy.stop()
        drop_database(admin_url, DATABASE)
        redis.flushdb()
