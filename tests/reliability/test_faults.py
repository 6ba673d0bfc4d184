"""What readers get when a service the site depends on is down."""

import logging
import subprocess
import sys
import textwrap

import pytest
from django.test import override_settings

from tests.factories import ArticleFactory

DEAD_PORT = 1  # nothing listens on port 1: connections are refused at once


@pytest.mark.django_db
def test_pages_are_served_without_cache_when_redis_is_unreachable(client, caplog):
    article = ArticleFactory(title="Tin vẫn đọc được khi Redis hỏng")
    dead_redis = {
        "default": {
            "BACKEND": "core.cache.ForgivingRedisCache",
            "LOCATION": f"redis://127.0.0.1:{DEAD_PORT}/0",
        }
    }
    with override_settings(CACHES=dead_redis), caplog.at_level(logging.WARNING, "newsroom.cache"):
        home = client.get("/")
        page = client.get(article.get_absolute_url())
    assert home.status_code == 200
    assert "Tin vẫn đọc được khi Redis hỏng" in page.content.decode()
    assert any(r.getMessage() == "cache unavailable, serving without it" for r in caplog.records)


def test_database_unreachable_is_a_vietnamese_503_without_traceback(tmp_path):
    script = textwrap.dedent(
        """
        import django
        django.setup()
        from django.test import Client
        response = Client(raise_request_exception=False).get("/")
        print(response.status_code)
        print(response["Retry-After"])
        print(response.content.decode())
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        env={
            "PATH": "/usr/bin:/bin",
            "DJANGO_SETTINGS_MODULE": "newsroom.settings",
            "DATABASE_URL": f"postgres://toasoan@127.0.0.1:{DEAD_PORT}/toasoan",
            "DATABASE_POOL": "0",
            "NEWSROOM_VAR_DIR": str(tmp_path),
            "LOG_LEVEL": "CRITICAL",
        },
        capture_output=True,
        text=True,
        timeout=60,
    )
    status, retry_after, html = result.stdout.split("\n", 2)
    assert status == "503", result.stdout + result.stderr
    assert retry_after == "30"
    assert "Hệ thống tạm thời gián đoạn" in html
    assert "Traceback" not in html and "OperationalError" not in html
