"""The database goes away and comes back; the site follows without being restarted.

gunicorn runs in production mode with Django's psycopg pool, talking to
PostgreSQL through a proxy the test can cut (tests/reliability/proxy.py).
Readers must get the Vietnamese 503 page while the database is gone, and
normal pages again within seconds of its return — also after a short restart
nobody noticed, when the pool still holds connections the server has closed.
"""

import threading
import time
import urllib.error
import urllib.request
from urllib.parse import urlsplit

import pytest

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
RECOVERY_LIMIT_SECONDS = 5.0
POOL_TIMEOUT_SECONDS = 5.0  # newsroom/env.py


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
                # Readers wait for the pool's timeout (5 s), not for a browser's.
                assert seconds < POOL_TIMEOUT_SECONDS + 2

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

            # A reader who arrives during an outage waits (up to the pool's 5 s)
            # and is served if the database comes back meanwhile.
            proxy.stop()
            note("database cut again")
            waiting: dict[str, tuple] = {}
            reader = threading.Thread(target=lambda: waiting.update(result=fetch(page)))
            reader.start()
            time.sleep(1.5)
            proxy.start()
            note("database back while a reader waits")
            reader.join(timeout=30)
            status, _, html, seconds = waiting["result"]
            note(f"the waiting reader: GET article → {status} after {seconds:.2f} s")
            assert status == 200, timeline
            assert "Bài nhận bình luận" in html

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
