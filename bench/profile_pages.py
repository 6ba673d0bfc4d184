"""Where an uncached page's time goes, measured in-process.

    uv run python bench/profile_pages.py   # about 1 minute

Seeds the benchmark's data set (a smaller one) into a fresh ``toasoan_bench``
database (``BENCH_DATABASE`` and ``BENCH_REDIS_URL`` choose others, as for
bench/run.py), then calls Django's WSGI handler directly, with production settings
and the page cache off, for the pages bench/run.py measures. For each it prints
the time per request (best of several batches) and, from a cProfile run, how
that time splits between template rendering, the ORM, the database driver
(including waiting for PostgreSQL) and the rest. No server and no network
stack, so the figures show what the page itself costs.
"""

import cProfile
import os
import pstats
import shutil
import sys
import tempfile
import time
from collections import defaultdict

import run  # the benchmark's helpers; Python puts this file's folder on the path

BATCHES, PER_BATCH = 5, 60

# (label, what a profiled function's file path contains), first match wins.
CATEGORIES = (
    ("templates", ("django/template/", "/templatetags/", "django/templatetags/")),
    ("forms", ("django/forms/",)),
    ("ORM: building queries, making objects", ("django/db/models/",)),
    ("database driver and waiting", ("psycopg", "django/db/backends/", "django/db/utils")),
    ("URL reversing", ("django/urls/",)),
    ("Django utilities (escaping, lazy text, dates)", ("django/utils/",)),
    ("middleware, request and response", ("django/core/", "django/http/", "django/middleware/")),
    ("cache (Redis)", ("redis/", "django/core/cache/")),
    ("this project's code", ("/articles/", "/comments/", "/newsroom/")),
    ("context-local state (asgiref: active language, URL prefix)", ("asgiref/",)),
)


def milliseconds_per_request(handler, path: str) -> float:
    for _ in range(20):  # warm: imports, template loaders, connection, menu cache
        run.wsgi_get(handler, path)
    best = float("inf")
    for _ in range(BATCHES):
        started = time.perf_counter()
        for _ in range(PER_BATCH):
            run.wsgi_get(handler, path)
        best = min(best, (time.perf_counter() - started) / PER_BATCH * 1000)
    return best


def category(filename: str) -> str | None:
    """The label for code in ``filename``; None for Python's builtins and standard library."""
    for label, markers in CATEGORIES:
        if any(marker in filename for marker in markers):
            return label
    if filename == "~" or "site-packages" not in filename:
        return None
    return "other libraries"


def profile_shares(handler, path: str) -> dict[str, float]:
    """Each category's share of the own time of every function profiled.

    Builtins and the standard library (``getattr``, ``copy``, ``urljoin``…) are
    charged to whoever called them, in proportion to the calls' time, so that a
    template's attribute lookups count as template time.
    """
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(PER_BATCH):
        run.wsgi_get(handler, path)
    profiler.disable()
    shares: dict[str, float] = defaultdict(float)
    for (filename, _line, _name), (*_, own_time, _cumulative, callers) in pstats.Stats(
        profiler
    ).stats.items():
        label = category(filename)
        if label is not None:
            shares[label] += own_time
            continue
        by_caller = {caller: timing[2] for caller, timing in callers.items()}
        weight = sum(by_caller.values())
        for (caller_file, _, _), caller_time in by_caller.items():
            share = own_time * caller_time / weight if weight else 0.0
            shares[category(caller_file) or "Python itself (builtins, stdlib)"] += share
    total = sum(shares.values())
    return {label: seconds / total for label, seconds in shares.items()}


def main() -> int:
    static_root = tempfile.mkdtemp(prefix="toasoan-profile-static-")
    media_root = tempfile.mkdtemp(prefix="toasoan-profile-media-")
    try:
        run.use_production_environment(static_root=static_root, media_root=media_root)
        os.environ["NEWSROOM_PAGE_CACHE"] = "0"
        run.create_database(run.BENCH_DATABASE_URL)
        run.run_manage(["collectstatic", "--noinput", "--verbosity", "0"], run.BENCH_DATABASE_URL)
        data = run.seed(run.BENCH_DATABASE_URL, articles=500, comments=2000)

        from django.core.handlers.wsgi import WSGIHandler

        handler = WSGIHandler()
        pages = {
            "/healthz/": "/healthz/",
            "article, uncached": data.plain_article_url,
            "article + 200 comments, uncached": data.busy_article_url,
            "home, uncached": "/",
            "section, uncached": data.section_url,
        }
        timings = {name: milliseconds_per_request(handler, path) for name, path in pages.items()}
        print()
        print("In-process cost per request (best of 5 × 60), page cache off:")
        for name, ms in timings.items():
            print(f"  {name:34s} {ms:6.2f} ms  ({ms / timings['/healthz/']:5.1f} × healthz)")
        for name, path in pages.items():
            if name == "/healthz/":
                continue
            print()
            print(f"{name}: where the time goes (cProfile, own time per function)")
            for label, share in sorted(profile_shares(handler, path).items(), key=lambda x: -x[1]):
                print(f"  {share * 100:5.1f} %  {label}")
    finally:
        shutil.rmtree(static_root, ignore_errors=True)
        shutil.rmtree(media_root, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
