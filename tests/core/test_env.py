import subprocess
import sys

import pytest
from django.core.exceptions import ImproperlyConfigured

from core.env import database_from_url, env_bool, env_choice, env_int, env_list


def test_env_bool_accepts_common_spellings_and_rejects_typos():
    assert env_bool("X", environ={"X": "Yes"}) is True
    assert env_bool("X", environ={"X": "0"}) is False
    assert env_bool("X", True, environ={}) is True
    with pytest.raises(ImproperlyConfigured, match="X='ture' is not a boolean"):
        env_bool("X", environ={"X": "ture"})


def test_env_int_checks_type_and_bounds():
    assert env_int("N", 5, environ={}) == 5
    assert env_int("N", 5, environ={"N": " 42 "}) == 42
    with pytest.raises(ImproperlyConfigured, match="not a whole number"):
        env_int("N", 5, environ={"N": "4.5"})
    with pytest.raises(ImproperlyConfigured, match="below the minimum"):
        env_int("N", 5, minimum=1, environ={"N": "0"})


def test_env_list_and_choice():
    assert env_list("H", environ={"H": "a.example, b.example,,"}) == ["a.example", "b.example"]
    with pytest.raises(ImproperlyConfigured, match="must be one of"):
        env_choice("E", ("development", "production"), "development", environ={"E": "prod"})


def test_database_url_becomes_a_pooled_postgresql_entry():
    db = database_from_url(
        "postgres://toa%40soan:m%E1%BA%ADt@db.internal:6543/tin_tuc?sslmode=require"
    )
    assert db["ENGINE"] == "django.db.backends.postgresql"
    assert (db["USER"], db["PASSWORD"], db["HOST"], db["PORT"], db["NAME"]) == (
        "toa@soan",
        "mật",
        "db.internal",
        "6543",
        "tin_tuc",
    )
    assert db["OPTIONS"]["sslmode"] == "require"
    assert db["OPTIONS"]["pool"]["max_size"] >= 1


@pytest.mark.parametrize(
    "url", ["mysql://u@h/db", "postgres://u@h/", "postgres://u@h:notaport/db", "sqlite:///x"]
)
def test_database_url_mistakes_fail_loudly(url):
    with pytest.raises(ImproperlyConfigured):
        database_from_url(url)


def run_check(env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        env={"PATH": "/usr/bin:/bin", **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_production_mode_refuses_to_start_without_a_secret_key():
    result = run_check({"DJANGO_ENV": "production", "ALLOWED_HOSTS": "tin.example"})
    assert result.returncode != 0
    assert "SECRET_KEY is required when DJANGO_ENV=production" in result.stderr


def test_production_mode_passes_check_deploy(tmp_path):
    result = run_check(
        {
            "DJANGO_ENV": "production",
            "SECRET_KEY": "a-long-random-production-secret-key-" + "x" * 40,
            "ALLOWED_HOSTS": "tin.example",
            # The check does not connect; any PostgreSQL URL will do.
            "DATABASE_URL": "postgres://toasoan@127.0.0.1:5432/toasoan",
            "NEWSROOM_VAR_DIR": str(tmp_path),
        }
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_page_cache_in_production_needs_a_shared_cache(tmp_path):
    script = (
        "import django; django.setup(); "
        "from django.conf import settings; print(settings.NEWSROOM_PAGE_CACHE)"
    )
    base = {
        "PATH": "/usr/bin:/bin",
        "DJANGO_SETTINGS_MODULE": "newsroom.settings",
        "DJANGO_ENV": "production",
        "SECRET_KEY": "a-long-random-production-secret-key-" + "x" * 40,
        "ALLOWED_HOSTS": "tin.example",
        "DATABASE_URL": "postgres://toasoan@127.0.0.1:5432/toasoan",
        "NEWSROOM_VAR_DIR": str(tmp_path),
    }

    def page_cache(**extra) -> str:
        result = subprocess.run(
            [sys.executable, "-c", script],
            env={**base, **extra},
            capture_output=True,
            text=True,
            timeout=60,
        )
        return result.stdout.strip()

    assert page_cache() == "False"  # per-process memory would serve stale pages
    assert page_cache(REDIS_URL="redis://127.0.0.1:6379/0") == "True"


def test_env_urls_takes_http_addresses_and_stops_on_anything_else():
    from core.env import env_urls

    assert env_urls("V", environ={"V": "http://10.0.0.5/, https://v2.example.vn/"}) == [
        "http://10.0.0.5/",
        "https://v2.example.vn/",
    ]
    assert env_urls("V", environ={}) == []
    with pytest.raises(ImproperlyConfigured, match=r"V: '10\.0\.0\.5:6081' is not an http"):
        env_urls("V", environ={"V": "10.0.0.5:6081"})
