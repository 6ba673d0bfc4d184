import io
import os
import random
import time
import uuid
from datetime import timedelta
from pathlib import Path

import pytest
import redis
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.utils import timezone
from PIL import Image

from articles.roles import APPROVERS_GROUP, EDITORS_GROUP, MODERATORS_GROUP, REPORTERS_GROUP
from tests.factories import UserFactory


@pytest.fixture(autouse=True)
def _isolated_environment(settings, tmp_path):
    """Fast hashing, throw-away media folder and an empty cache for every test.

    The page cache is off unless a test turns it on (tests/articles/test_page_cache.py
    does), so query counts measure the uncached page.
    """
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.NEWSROOM_PAGE_CACHE = False
    # A public address like production's: the development default (127.0.0.1)
    # would look like a reader's IP address to the privacy checks.
    settings.NEWSROOM_SITE_URL = "https://tin.example.vn"
    settings.MEDIA_ROOT = tmp_path / "media"
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def now():
    return timezone.now()


@pytest.fixture
def an_hour_ago(now):
    return now - timedelta(hours=1)


@pytest.fixture
def editor(db):
    user = UserFactory(username="bientap", is_staff=True)
    user.groups.add(Group.objects.get(name=EDITORS_GROUP))
    return user


@pytest.fixture
def reporter(db):
    user = UserFactory(username="phongvien", is_staff=True, email="phongvien@toasoan.vn")
    user.groups.add(Group.objects.get(name=REPORTERS_GROUP))
    return user


@pytest.fixture
def approver(db):
    user = UserFactory(username="tongbientap", is_staff=True)
    user.groups.add(Group.objects.get(name=APPROVERS_GROUP))
    return user


@pytest.fixture
def approver_client(client, approver):
    client.force_login(approver)
    return client


@pytest.fixture
def moderator(db):
    user = UserFactory(username="kiemduyet", is_staff=True)
    user.groups.add(Group.objects.get(name=MODERATORS_GROUP))
    return user


@pytest.fixture
def superuser(db):
    return UserFactory(username="admin", is_staff=True, is_superuser=True)


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


def image_bytes(fmt: str = "JPEG", size: tuple[int, int] = (64, 48), **save_options) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 30, 40)).save(buffer, fmt, **save_options)
    return buffer.getvalue()


def noise_image_bytes(fmt: str, size: tuple[int, int] = (200, 200)) -> bytes:
    """An image of random pixels: it does not compress, so its first few
    kilobytes are truly a fraction of it (a flat colour would fit in them whole).
    """
    buffer = io.BytesIO()
    image = Image.frombytes("RGB", size, random.randbytes(size[0] * size[1] * 3))
    image.save(buffer, fmt)
    return buffer.getvalue()


CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="module")
def browser():
    """Debian's Chromium driven by Playwright, shared by a module's browser tests.

    Skipped when Chromium is not installed, unless NEWSROOM_REQUIRE_BROWSER=1
    (set by .ci/run), where a missing browser is a failure.
    """
    if not CHROMIUM.exists():
        message = f"{CHROMIUM} is not installed (apt-get install chromium)"
        if os.environ.get("NEWSROOM_REQUIRE_BROWSER") == "1":
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; the test's own
    # database calls are still synchronous and safe.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def article_page_queries(*, with_comments: bool, with_tags: bool = False) -> int:
    """Queries behind an article page: the article, bylines, photos, attached
    documents, its corrections and updates, its tags, the newer and older lists,
    "Tin liên quan" (articles sharing its tags when it has any, then its section),
    and one page of comments and their newsroom answers when it has any (the count
    is stored on the article). PostgreSQL reads the newer/older lists in one UNION
    ALL; SQLite cannot limit the parts of a compound query. "Đọc nhiều" costs no
    query here: its ranking is cached and empty (one query for its articles otherwise).
    """
    from django.db import connection

    lists = 1 if connection.features.supports_slicing_ordering_in_compound else 2
    related = 2 if with_tags else 1
    return 6 + lists + related + (2 if with_comments else 0)


def require_redis(url: str) -> redis.Redis:
    """A client for the Redis at ``url``; skips the test without one.

    Missing Redis is a failure instead when NEWSROOM_REQUIRE_REDIS=1 (set by .ci/run).
    """
    client = redis.Redis.from_url(url, socket_connect_timeout=0.5)
    try:
        client.ping()
    except redis.ConnectionError as error:
        if os.environ.get("NEWSROOM_REQUIRE_REDIS") == "1":
            pytest.fail(f"Redis is required here: {error}")
        pytest.skip(f"no Redis at {url}: {error}")
    return client


def use_redis_cache(settings, url: str) -> redis.Redis:
    """Point the default cache at the Redis at ``url``, under a prefix of its own.

    Returns a client for emptying the database afterwards (the tests that use
    it store values without expiry).
    """
    client = require_redis(url)
    settings.CACHES = {
        "default": {
            "BACKEND": "core.cache.ForgivingRedisCache",
            "LOCATION": url,
            "KEY_PREFIX": f"test-{uuid.uuid4().hex}",
        }
    }
    return client


def wait_for(condition, seconds: float = 3.0) -> bool:
    """Whether ``condition()`` became true within ``seconds`` (for other threads' work)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.005)
    return False


def through_wsgi(
    method: str,
    path: str,
    *,
    headers: dict[str, str] | None = None,
    body: bytes = b"",
):
    """Send one request through ``newsroom.wsgi.application``, what gunicorn runs.

    Django's test client builds its own request object, so it cannot show what
    happens before middleware (the request's constructor, which decodes the
    query string). Returns an HttpResponse with the status, headers and body
    the WSGI server would have sent.
    """
    from urllib.parse import unquote_to_bytes
    from wsgiref.util import setup_testing_defaults

    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections
    from django.http import HttpResponse

    from newsroom.wsgi import application

    path, _, query = path.partition("?")
    environ = {
        "REQUEST_METHOD": method,
        "PATH_INFO": unquote_to_bytes(path).decode("iso-8859-1"),
        # WSGI strings are bytes as latin-1: what came on the wire, as UTF-8.
        "QUERY_STRING": query.encode().decode("iso-8859-1"),
        "SERVER_NAME": "testserver",
        "HTTP_HOST": "testserver",
        "REMOTE_ADDR": "127.0.0.1",
        "CONTENT_LENGTH": str(len(body)),
        "wsgi.input": io.BytesIO(body),
    }
    for name, value in (headers or {}).items():
        key = name.upper().replace("-", "_")
        environ[key if key in ("CONTENT_TYPE", "CONTENT_LENGTH") else f"HTTP_{key}"] = value
    setup_testing_defaults(environ)
    started: list[str] = []
    # As the test client does: the test's transaction must outlive the request.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        result = application(
            environ, lambda status, headers, exc_info=None: started.extend([status, headers])
        )
        try:
            content = b"".join(result)
        finally:
            result.close()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)
    status, response_headers = started
    response = HttpResponse(content, status=int(status.split()[0]))
    for name, value in response_headers:
        response[name] = value
    return response


# Servers the tests start (gunicorn, Varnish, the S3 server, fake Varnish) listen
# here, away from the ephemeral range clients use and from other services.
TEST_PORTS = range(18000, 19000)


def free_test_port() -> int:
    """A loopback TCP port in ``TEST_PORTS`` that nothing listens on right now."""
    import socket

    start = random.randrange(len(TEST_PORTS))
    for offset in range(len(TEST_PORTS)):
        port = TEST_PORTS[(start + offset) % len(TEST_PORTS)]
        with socket.socket() as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError(f"no free port in {TEST_PORTS}")
