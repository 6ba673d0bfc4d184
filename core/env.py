"""Typed readers for environment variables.

Every setting that differs between a laptop and production comes through one of
these helpers. They fail loudly: a typo such as ``DJANGO_DEBUG=ture`` stops the
process at start-up instead of silently running with a surprising value.
"""

import os
from collections.abc import Mapping
from typing import Any
from urllib.parse import parse_qsl, unquote, urlsplit

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str = "", *, environ: Mapping[str, str] = os.environ) -> str:
    return environ.get(name, default).strip()


def env_bool(name: str, default: bool = False, *, environ: Mapping[str, str] = os.environ) -> bool:
    raw = environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name}={raw!r} is not a boolean; use 1/0, true/false, yes/no.")


def env_int(
    name: str,
    default: int,
    *,
    minimum: int | None = None,
    maximum: int | None = None,
    environ: Mapping[str, str] = os.environ,
) -> int:
    raw = environ.get(name)
    if raw is None or not raw.strip():
        return default
    try:
        value = int(raw.strip())
    except ValueError:
        raise ImproperlyConfigured(f"{name}={raw!r} is not a whole number.") from None
    if minimum is not None and value < minimum:
        raise ImproperlyConfigured(f"{name}={value} is below the minimum of {minimum}.")
    if maximum is not None and value > maximum:
        raise ImproperlyConfigured(f"{name}={value} is above the maximum of {maximum}.")
    return value


def env_list(
    name: str, default: list[str] | None = None, *, environ: Mapping[str, str] = os.environ
) -> list[str]:
    raw = environ.get(name)
    if raw is None:
        return list(default or [])
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_choice(
    name: str, choices: tuple[str, ...], default: str, *, environ: Mapping[str, str] = os.environ
) -> str:
    value = environ.get(name, default).strip().lower()
    if value not in choices:
        raise ImproperlyConfigured(f"{name}={value!r} must be one of: {', '.join(choices)}.")
    return value


def database_from_url(url: str, *, pool: bool = True) -> dict[str, Any]:
    """Turn ``postgres://user:password@host:port/name?sslmode=require`` into a DATABASES entry.

    Only PostgreSQL is accepted: it is the production database, and a typo in the
    scheme must not quietly fall back to something else.
    """
    parts = urlsplit(url)
    if parts.scheme not in {"postgres", "postgresql"}:
        raise ImproperlyConfigured(
            f"DATABASE_URL must start with postgres:// or postgresql://, not {parts.scheme!r}://."
        )
    name = unquote(parts.path.lstrip("/"))
    if not name:
        raise ImproperlyConfigured("DATABASE_URL has no database name (…/name at the end).")
    try:
        port = parts.port
    except ValueError:
        raise ImproperlyConfigured("DATABASE_URL has an invalid port.") from None
    options: dict[str, Any] = dict(parse_qsl(parts.query))
    if pool:
        # Django's own psycopg pool: connections are reused across requests
        # without CONN_MAX_AGE (which the pool refuses).
        # While PostgreSQL is unreachable, psycopg retries connecting with a
        # doubling delay (1, 2, 4, 8… s) for `reconnect_timeout`, 5 minutes by
        # default, so a site could stay down for minutes after the database came
        # back. Giving up after as long as a request waits (`timeout`) keeps the
        # gaps between attempts at 2 s or less; the next request starts afresh.
        # Readers get the 503 page after at most 1 s: a worker waiting longer for
        # a database that is away is a worker that cannot serve cached pages.
        options["pool"] = {"min_size": 1, "max_size": 8, "timeout": 1, "reconnect_timeout": 5}
        # A new connection to an unreachable server gives up as quickly.
        options.setdefault("connect_timeout", "1")
    return {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": name,
        "USER": unquote(parts.username or ""),
        "PASSWORD": unquote(parts.password or ""),
        "HOST": parts.hostname or "",
        "PORT": str(port or ""),
        "OPTIONS": options,
        # With the pool, this makes Django pass psycopg's check_connection to it:
        # a pooled connection is tested (one empty query) before a request gets
        # it. Without it, after PostgreSQL restarts every connection idle in the
        # pool is dead, and each one is handed to a reader as a 503.
        "CONN_HEALTH_CHECKS": True,
    }


def env_urls(name: str, *, environ: Mapping[str, str] = os.environ) -> list[str]:
    """A comma-separated list of http(s) URLs; anything else stops the process."""
    urls = env_list(name, environ=environ)
    for url in urls:
        parts = urlsplit(url)
        if parts.scheme not in {"http", "https"} or not parts.hostname:
            raise ImproperlyConfigured(f"{name}: {url!r} is not an http:// or https:// URL.")
    return urls


def media_storage_from_env(*, environ: Mapping[str, str] = os.environ) -> dict[str, Any] | None:
    """The ``STORAGES["default"]`` entry for media on S3-compatible storage, or None.

    ``MEDIA_S3_BUCKET`` switches it on. ``MEDIA_S3_ENDPOINT_URL`` names a server
    other than Amazon's (MinIO, Ceph, a provider's); ``MEDIA_S3_PUBLIC_URL`` is
    where readers' browsers fetch the files (the bucket's address, a CDN in front
    of it), by default the endpoint with the bucket as its first path segment.
    Credentials are not settings: boto3 reads ``AWS_ACCESS_KEY_ID`` and
    ``AWS_SECRET_ACCESS_KEY`` (or an instance role) from the environment itself.
    """
    bucket = env_str("MEDIA_S3_BUCKET", environ=environ)
    if not bucket:
        return None
    endpoint = env_str("MEDIA_S3_ENDPOINT_URL", environ=environ).rstrip("/")
    region = env_str("MEDIA_S3_REGION", "us-east-1", environ=environ)
    public = env_str("MEDIA_S3_PUBLIC_URL", environ=environ).rstrip("/")
    for variable, url in (("MEDIA_S3_ENDPOINT_URL", endpoint), ("MEDIA_S3_PUBLIC_URL", public)):
        if url and urlsplit(url).scheme not in {"http", "https"}:
            raise ImproperlyConfigured(f"{variable}={url!r} must start with http:// or https://.")
    if not public:
        public = (
            f"{endpoint}/{bucket}" if endpoint else f"https://{bucket}.s3.{region}.amazonaws.com"
        )
    options: dict[str, Any] = {
        "bucket_name": bucket,
        "region_name": region,
        "public_url": public,
        "location": env_str("MEDIA_S3_PREFIX", environ=environ).strip("/"),
    }
    if endpoint:
        options["endpoint_url"] = endpoint
    return {"BACKEND": "core.objectstorage.ObjectMediaStorage", "OPTIONS": options}
