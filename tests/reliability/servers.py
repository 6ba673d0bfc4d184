"""Helpers for the reliability tests that run the site as production does.

A fresh PostgreSQL database, ``manage.py`` in a subprocess, and gunicorn on a
free loopback port with production settings. Everything here stays on
127.0.0.1 and is stopped by the caller's ``with`` block, even when a test fails.
"""

import json
import os
import signal
import socket
import subprocess
import sys
import textwrap
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_ADMIN_URL = "postgres://postgres@127.0.0.1:5432/postgres"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def postgres_admin_url_or_skip() -> str:
    """A URL to the ``postgres`` database of the server these tests may use, or skip.

    The server named by DATABASE_URL when that is PostgreSQL, else the local
    default (127.0.0.1:5432, user postgres). Skips when neither answers.
    """
    import psycopg

    database_url = os.environ.get("DATABASE_URL", "")
    if urlsplit(database_url).scheme in {"postgres", "postgresql"}:
        admin_url = urlunsplit(urlsplit(database_url)._replace(path="/postgres", query=""))
    else:
        admin_url = DEFAULT_ADMIN_URL
    try:
        psycopg.connect(admin_url, connect_timeout=2).close()
    except psycopg.OperationalError as error:
        pytest.skip(f"PostgreSQL is not reachable at {_without_password(admin_url)}: {error}")
    return admin_url


def _without_password(url: str) -> str:
    parts = urlsplit(url)
    netloc = f"{parts.username or ''}@{parts.hostname}:{parts.port or 5432}"
    return urlunsplit(parts._replace(netloc=netloc))


def database_url(admin_url: str, name: str, *, port: int | None = None) -> str:
    """``admin_url`` pointing at database ``name`` (and, if given, another port)."""
    parts = urlsplit(admin_url)
    netloc = parts.netloc
    if port is not None:
        netloc = f"{netloc.rsplit(':', 1)[0] if parts.port else netloc}:{port}"
    return urlunsplit(parts._replace(netloc=netloc, path=f"/{name}"))


def create_database(admin_url: str, name: str) -> str:
    import psycopg

    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    return database_url(admin_url, name)


def drop_database(admin_url: str, name: str) -> None:
    import psycopg

    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def production_env(database_url: str, workdir: Path, **overrides: str) -> dict[str, str]:
    """The environment of a production deployment, on plain HTTP and loopback.

    Built from scratch rather than copied from the test run, so a REDIS_URL or
    DJANGO_DEBUG in the developer's shell cannot change what is measured.
    """
    static_root = workdir / "static"
    media_root = workdir / "media"
    media_root.mkdir(parents=True, exist_ok=True)
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": os.environ.get("HOME", str(workdir)),
        "LANG": "C.UTF-8",
        "PYTHONDONTWRITEBYTECODE": "1",
        "DJANGO_SETTINGS_MODULE": "newsroom.settings",
        "DJANGO_ENV": "production",
        "SECRET_KEY": "reliability-" + "k" * 50,
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
        "DATABASE_URL": database_url,
        "STATIC_ROOT": str(static_root),
        "MEDIA_ROOT": str(media_root),
        "NEWSROOM_VAR_DIR": str(workdir / "var"),
        "LOG_LEVEL": "WARNING",
        "LOG_FORMAT": "text",
    }
    env.update(overrides)
    return env


def manage(args: list[str], env: dict[str, str]) -> None:
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    if result.returncode:
        raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{result.stdout}{result.stderr}")


def run_django(script: str, env: dict[str, str]) -> dict:
    """Run ``script`` with Django set up in a subprocess; it prints one JSON object."""
    code = "import django, json\ndjango.setup()\n" + textwrap.dedent(script)
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    if result.returncode:
        raise RuntimeError(f"Django script failed:\n{result.stdout}{result.stderr}")
    return json.loads(result.stdout.strip().splitlines()[-1])


SEED_ARTICLES = """
    from datetime import timedelta
    from django.utils import timezone
    from articles import services
    from articles.models import Article, Section

    section = services.section_save(section=Section(name="Thời sự", order=1))

    def article(title, **fields):
        return services.article_save(article=Article(
            title=title, section=section, lead="Sáng nay, thành phố họp báo.",
            body="<p>Nội dung.</p>", status=Article.Status.PUBLISHED,
            published_at=timezone.now() - timedelta(hours=1), **fields))

    open_article = article("Bài nhận bình luận")
    closed_article = article("Bài đã đóng bình luận", comments_closed=True)
    print(json.dumps({
        "open_pk": open_article.pk,
        "open_url": open_article.get_absolute_url(),
        "closed_pk": closed_article.pk,
    }))
"""


@dataclass
class Server:
    port: int
    process: subprocess.Popen
    log_path: Path

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")

    def stop(self) -> None:
        _stop(self.process)


@contextmanager
def gunicorn(
    env: dict[str, str],
    log_path: Path,
    *,
    workers: int = 2,
    access_log: bool = False,
    port: int | None = None,
) -> Iterator[Server]:
    """gunicorn with ``workers`` sync workers on loopback (``port`` or a free one), stopped on exit.

    With ``access_log``, each request is logged as "access <worker pid> <path>".
    """
    port = port or free_port()
    with log_path.open("wb") as log_file:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "newsroom.wsgi",
                "--workers",
                str(workers),
                "--bind",
                f"127.0.0.1:{port}",
                # Clients queue in the listen backlog while both workers are busy;
                # none of them should wait anywhere near this long.
                "--timeout",
                "60",
                "--log-level",
                "warning",
                *(
                    ["--access-logfile", "-", "--access-logformat", "access %(p)s %(U)s"]
                    if access_log
                    else []
                ),
            ],
            cwd=ROOT,
            env=env,
            stdout=log_file,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    server = Server(port, process, log_path)
    try:
        _wait_until_up(server)
        yield server
    finally:
        _stop(process)


def _wait_until_up(server: Server) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise RuntimeError(f"gunicorn exited:\n{server.log()}")
        try:
            with urllib.request.urlopen(f"{server.base}/healthz/", timeout=5) as response:  # noqa: S310
                if response.status == 200:
                    return
        # Refused, reset or timed out while the workers are still starting.
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"gunicorn did not answer /healthz/ within 30 s:\n{server.log()}")


def _stop(process: subprocess.Popen) -> None:
    """SIGTERM to gunicorn's own process group, SIGKILL if it lingers."""
    if process.poll() is not None:
        return
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=15)
    except ProcessLookupError:
        pass
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=5)
