"""Read-path and comment-write benchmark for Tòa soạn.

    uv run python bench/run.py            # about 7 minutes
    uv run python bench/run.py --quick    # about 2 minutes, for a smoke test
    uv run python bench/run.py --quick --database toasoan_bench_me \
        --redis-url redis://127.0.0.1:6379/5   # beside someone else's run

What it does, all on this machine and loopback only:
1. creates a fresh PostgreSQL database (``toasoan_bench``, or ``--database``),
   migrates it and seeds a known data set: 2,000 articles and 20,000 comments
   in bulk, plus a "plain" article (5 photos, 2 bylines, newer/older lists, no
   comments) and a "busy" one (200 approved comments);
2. starts gunicorn (2 sync workers) in production mode twice: one server with
   the anonymous page cache on, one with it off (the "uncached" figures);
3. runs each scenario with wrk for several rounds, each round right after a
   ``/healthz/`` run on the same server, and reports throughput as a ratio to
   that healthz run (so the figures do not depend on how fast this machine is);
4. the churn scenario, on the cached server: readers over 500 articles, a few
   read far more than the rest (bench/readers.lua, which counts page-cache hits),
   first with no writes, then while bench/churn_writer.py has a moderator
   approve a comment every second and an editor save an article every 10 s;
   and, when varnishd is installed, the same churn through Varnish (the
   repository's VCL, purges by key from a task worker) in front of a third
   cached server, against /healthz/ on that gunicorn;
5. posts comments with valid captchas from concurrent clients and checks that
   every accepted comment is stored exactly once;
6. counts the SQL queries per page and shows the article page's query plans;
7. stops the servers, then measures in-process what re-rendering an article
   after a comment decision costs, as a fraction of a cold render;
8. prints the tables.
"""

import argparse
import io
import json
import os
import random
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
READERS_SCRIPT = ROOT / "bench" / "readers.lua"
BEACON_SCRIPT = ROOT / "bench" / "beacon.lua"
CHURN_WRITER = ROOT / "bench" / "churn_writer.py"
ADMIN_URL = os.environ.get(
    "BENCH_ADMIN_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/postgres"
)
# Engineers sharing a machine each give their runs a database and a Redis
# database of their own (``--database``/``--redis-url``, or these variables).
BENCH_DB = os.environ.get("BENCH_DATABASE", "toasoan_bench")
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/15")

STARTED = time.monotonic()
TARGETS = {
    "article, cached": 0.8,
    "article, uncached": 0.15,
    "article + 200 comments, uncached": 0.08,
    "home, uncached": 0.15,
    "section, uncached": 0.15,
}


def bench_database_url(name: str) -> str:
    """Database ``name`` on ADMIN_URL's server; refuses a name that SQL would need quoted."""
    if not re.fullmatch(r"[a-z_][a-z0-9_]{0,62}", name):
        raise ValueError(f"bench database name {name!r}: use lower-case letters, digits and _")
    return ADMIN_URL.rsplit("/", 1)[0] + "/" + name


BENCH_DATABASE_URL = bench_database_url(BENCH_DB)


def use_production_environment(
    *,
    static_root: str,
    media_root: str,
    database_url: str = BENCH_DATABASE_URL,
    redis_url: str = REDIS_URL,
) -> None:
    """Production settings on plain HTTP and loopback, for this process and its children.

    Redis (its database emptied first) when it is running, as in production.
    """
    os.environ.update(
        {
            "DJANGO_ENV": "production",
            "SECRET_KEY": "bench-" + "x" * 50,
            "ALLOWED_HOSTS": "127.0.0.1,testserver",
            "SECURE_SSL_REDIRECT": "0",
            "DATABASE_URL": database_url,
            "STATIC_ROOT": static_root,
            "MEDIA_ROOT": media_root,
            "LOG_LEVEL": "WARNING",
        }
    )
    if redis_available(redis_url):
        os.environ["REDIS_URL"] = redis_url
        import redis

        redis.Redis.from_url(redis_url).flushdb()


def log(message: str) -> None:
    print(f"[bench {time.monotonic() - STARTED:6.1f} s] {message}", flush=True)


# The servers this run starts listen in this range, away from the ephemeral ports;
# BENCH_PORTS ("19000-19499") narrows it, so two runs on one machine stay apart.
_first, _, _last = os.environ.get("BENCH_PORTS", "18000-18999").partition("-")
PORTS = range(int(_first), int(_last) + 1)


def free_port() -> int:
    for port in random.sample(PORTS, len(PORTS)):
        with socket.socket() as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError(f"no free port in {PORTS}")


def redis_available(redis_url: str = REDIS_URL) -> bool:
    address = urllib.parse.urlsplit(redis_url)
    try:
        with socket.create_connection((address.hostname, address.port or 6379), timeout=0.5):
            return True
    except OSError:
        return False


# --- Data --------------------------------------------------------------------


def create_database(database_url: str) -> None:
    import psycopg

    name = urllib.parse.urlsplit(database_url).path.lstrip("/")
    if bench_database_url(name) != database_url:  # only ever one of the bench's own
        raise ValueError(f"not a bench database URL: {database_url}")
    with psycopg.connect(ADMIN_URL, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    run_manage(["migrate", "--verbosity", "0"], database_url)


def run_manage(args: list[str], database_url: str, extra_env: dict | None = None) -> None:
    env = {**os.environ, "DATABASE_URL": database_url, **(extra_env or {})}
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True)


@dataclass
class DataSet:
    plain_article_url: str
    busy_article_url: str
    section_url: str
    comment_article_pk: int
    bulk_article_ids: list[int]


def seed(database_url: str, *, articles: int, comments: int) -> DataSet:
    """Seed through Django in this process (the bench later reads the captcha store too)."""
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
    sys.path.insert(0, str(ROOT))
    import django

    # The bench's own client threads (50 at once) each keep a connection; the
    # pool of 8 sized for one-thread gunicorn workers would make them queue.
    # For this process only: the servers it starts inherit the environment.
    os.environ["DATABASE_POOL"] = "0"
    django.setup()
    del os.environ["DATABASE_POOL"]
    from datetime import timedelta

    from django.core.files.base import ContentFile
    from django.utils import timezone

    from articles import services
    from articles.models import Article, Author, Byline, Photo, Section
    from comments.models import Comment
    from comments.services import approved_counts_refresh
    from demo.article_seeding import seed_articles
    from demo.comment_seeding import seed_comments
    from demo.photos import make_demo_photo

    started = time.monotonic()
    ids = seed_articles(count=articles, days=120)
    seed_comments(article_ids=ids[: max(1, len(ids) // 10)], count=comments)
    section = Section.objects.order_by("order").first()
    now = timezone.now()

    def make_article(title: str, hours_ago: int) -> Article:
        return services.article_save(
            article=Article(
                title=title,
                section=section,
                lead="Chiều 19/1, đại diện các sở, ngành đã dự lễ khánh thành công trình.",
                body="<p>Đoạn mở đầu.</p>" + "<p>Một đoạn nội dung của bài viết.</p>" * 12,
                status=Article.Status.PUBLISHED,
                published_at=now - timedelta(hours=hours_ago),
            )
        )

    plain = make_article("Bài đo hiệu năng: 5 ảnh, 2 tác giả", 30)
    writer, photographer = Author.objects.all()[:2]
    Byline.objects.create(article=plain, author=writer, order=1)
    Byline.objects.create(article=plain, author=photographer, role="Ảnh", order=2)
    for n in range(5):
        photo = Photo(
            article=plain,
            caption=f"Chú thích ảnh {n + 1}.",
            credit="Quốc Huy",
            alt_text=f"Ảnh minh họa {n + 1}",
            order=n,
        )
        photo.image.save(f"bench-{n}.jpg", ContentFile(make_demo_photo(n)), save=False)
        photo.save()
        services.photo_renditions_build(photo=photo)

    busy = make_article("Bài đo hiệu năng: 200 bình luận", 20)
    Byline.objects.create(article=busy, author=writer, order=1)
    Comment.objects.bulk_create(
        Comment(
            article=busy,
            name=f"Bạn đọc {n}",
            title="Ý kiến",
            body="Đồng tình.\nCảm ơn.",
            status=Comment.Status.APPROVED,
        )
        for n in range(200)
    )
    approved_counts_refresh(article_ids=[busy.pk])
    target = make_article("Bài nhận bình luận khi đo", 10)
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")  # as autovacuum would on a live database
    elapsed = time.monotonic() - started
    log(f"seeded {articles:,} articles and {comments:,} comments in {elapsed:.1f} s")
    return DataSet(
        plain_article_url=plain.get_absolute_url(),
        busy_article_url=busy.get_absolute_url(),
        section_url=section.get_absolute_url(),
        comment_article_pk=target.pk,
        bulk_article_ids=ids,
    )


# --- Servers -----------------------------------------------------------------


@dataclass
class Server:
    name: str
    port: int
    process: subprocess.Popen
    env: dict[str, str]  # on top of this process's environment

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"


def start_server(name: str, env: dict[str, str]) -> Server:
    port = free_port()
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "newsroom.wsgi",
            "--workers",
            "2",
            "--bind",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env={**os.environ, **env},
        start_new_session=True,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz/", timeout=5) as r:
                if r.status == 200:
                    return Server(name, port, process, env)
        # Refused, reset or timed out while the workers are still starting.
        except OSError:
            time.sleep(0.2)
    stop_server(Server(name, port, process, env))
    raise RuntimeError(f"gunicorn ({name}) did not start")


def stop_server(server: Server) -> None:
    try:
        os.killpg(server.process.pid, signal.SIGTERM)
        server.process.wait(timeout=15)
    except (ProcessLookupError, subprocess.TimeoutExpired):
        os.killpg(server.process.pid, signal.SIGKILL)


# --- Load --------------------------------------------------------------------


@dataclass
class WrkResult:
    requests_per_second: float
    p50_ms: float
    p99_ms: float
    non_2xx: int
    # From bench/readers.lua: responses by X-Page-Cache header (hit, miss, none) and non-200.
    page_cache: dict[str, int] | None = None

    @property
    def hit_rate(self) -> float:
        counted = self.page_cache["hit"] + self.page_cache["miss"]
        return self.page_cache["hit"] / counted if counted else 0.0


def to_ms(value: str) -> float:
    number, unit = re.match(r"([\d.]+)(us|ms|s)", value).groups()
    return float(number) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def wrk(
    url: str,
    seconds: int,
    connections: int = 8,
    *,
    readers_paths: Path | None = None,
    beacon_ids: Path | None = None,
) -> WrkResult:
    """wrk against ``url``, or over the paths in ``readers_paths`` through bench/readers.lua,
    or beacons for the article ids in ``beacon_ids`` through bench/beacon.lua."""
    command = ["wrk", "-t1", f"-c{connections}", f"-d{seconds}s", "--latency"]
    if readers_paths:
        command += ["-s", str(READERS_SCRIPT), url, "--", str(readers_paths)]
    elif beacon_ids:
        command += ["-s", str(BEACON_SCRIPT), url, "--", str(beacon_ids)]
    else:
        command.append(url)
    out = subprocess.run(
        command,
        capture_output=True,
        text=True,
        check=True,
        timeout=seconds + 30,
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    # Anchored: "99%" also occurs inside the "+/- Stdev" column, e.g. "72.99%".
    p50 = to_ms(re.search(r"^\s+50%\s+(\S+)", out, re.M).group(1))
    p99 = to_ms(re.search(r"^\s+99%\s+(\S+)", out, re.M).group(1))
    non_2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    tally = re.search(r"page-cache: hit (\d+) miss (\d+) none (\d+) non-200 (\d+)", out)
    page_cache = (
        dict(zip(("hit", "miss", "none", "non_200"), map(int, tally.groups()), strict=True))
        if tally
        else None
    )
    return WrkResult(rps, p50, p99, int(non_2xx.group(1)) if non_2xx else 0, page_cache)


@dataclass
class Scenario:
    name: str
    server: Server
    path: str
    runs: list[WrkResult] = field(default_factory=list)
    baselines: list[WrkResult] = field(default_factory=list)

    @property
    def ratios(self) -> list[float]:
        return [
            r.requests_per_second / b.requests_per_second
            for r, b in zip(self.runs, self.baselines, strict=True)
        ]


def run_scenarios(scenarios: list[Scenario], *, rounds: int, seconds: int) -> None:
    for scenario in scenarios:  # warm up: caches, connection pools, imports
        wrk(scenario.server.base + scenario.path, 1)
        wrk(scenario.server.base + "/healthz/", 1)
    for round_number in range(1, rounds + 1):
        for scenario in scenarios:
            scenario.baselines.append(wrk(scenario.server.base + "/healthz/", seconds))
            scenario.runs.append(wrk(scenario.server.base + scenario.path, seconds))
        log(f"round {round_number}/{rounds} done")


# --- Counting reads ("Đọc nhiều") ------------------------------------------------------

COUNTING_TARGET = 0.95  # a cached hit with counting on, × the same hit with it off


@dataclass
class CountingResults:
    hits_on: list[WrkResult]  # cached article, counting on (the page carries the beacon)
    hits_off: list[WrkResult]  # the same, counting off, measured just before
    beacons: list[WrkResult]  # the beacon itself, each from a new reader
    flushed: str  # what articles_flush_views said afterwards

    @property
    def hit_ratios(self) -> list[float]:
        return [
            on.requests_per_second / off.requests_per_second
            for on, off in zip(self.hits_on, self.hits_off, strict=True)
        ]

    @property
    def view_ratios(self) -> list[float]:
        """A reader's whole view (hit + beacon) against a hit alone, in server time."""
        return [
            (1 / on.requests_per_second)
            / (1 / on.requests_per_second + 1 / beacon.requests_per_second)
            for on, beacon in zip(self.hits_on, self.beacons, strict=True)
        ]


def run_counting(
    counting: Server,
    not_counting: Server,
    path: str,
    article_ids: list[int],
    *,
    rounds: int,
    seconds: int,
) -> CountingResults:
    """What counting reads costs a cached article hit, against the same hit with it off.

    Both servers run the page cache with the same settings but NEWSROOM_COUNT_VIEWS;
    rounds alternate between them so the machine's load falls on both alike. The
    beacons' own throughput is measured on the counting server right after.
    """
    with tempfile.TemporaryDirectory(prefix="toasoan-bench-beacons-") as workdir:
        ids_file = Path(workdir) / "ids.txt"
        ids_file.write_text("\n".join(map(str, article_ids)) + "\n")
        for server in (counting, not_counting):
            wrk(server.base + path, 1)
        wrk(counting.base + "/", 1, beacon_ids=ids_file)
        results = CountingResults([], [], [], "")
        for round_number in range(1, rounds + 1):
            # Which server goes first alternates: the second run of a pair tended to be slower.
            pair = [(results.hits_off, not_counting), (results.hits_on, counting)]
            for runs, server in pair if round_number % 2 else reversed(pair):
                runs.append(wrk(server.base + path, seconds))
            results.beacons.append(wrk(counting.base + "/", seconds, beacon_ids=ids_file))
            log(f"counting round {round_number}/{rounds} done")
    flushed = subprocess.run(
        [sys.executable, "manage.py", "articles_flush_views"],
        cwd=ROOT,
        env={**os.environ, **counting.env},
        capture_output=True,
        text=True,
        check=True,
    )
    results.flushed = flushed.stdout.strip()
    return results


def counting_report(results: CountingResults) -> str:
    def spread(values: list[float]) -> str:
        return f"{statistics.median(values):.2f} ({min(values):.2f}–{max(values):.2f})"

    def rps(runs: list[WrkResult]) -> str:
        return f"{statistics.median(r.requests_per_second for r in runs):,.0f}"

    hit_ratio = statistics.median(results.hit_ratios)
    met = "met" if hit_ratio >= COUNTING_TARGET else "MISSED"
    lines = [
        "| scenario | req/s median | p50 ms | p99 ms | ratio median (min–max) | target |",
        "|---|---|---|---|---|---|",
        f"| article, cached, counting off | {rps(results.hits_off)} | "
        f"{statistics.median(r.p50_ms for r in results.hits_off):.1f} | "
        f"{statistics.median(r.p99_ms for r in results.hits_off):.1f} | 1.00 | — |",
        f"| article, cached, counting on | {rps(results.hits_on)} | "
        f"{statistics.median(r.p50_ms for r in results.hits_on):.1f} | "
        f"{statistics.median(r.p99_ms for r in results.hits_on):.1f} | "
        f"{spread(results.hit_ratios)} × counting off | ≥ {COUNTING_TARGET} {met} |",
        f"| beacon (a new reader each, counted in Redis) | {rps(results.beacons)} | "
        f"{statistics.median(r.p50_ms for r in results.beacons):.1f} | "
        f"{statistics.median(r.p99_ms for r in results.beacons):.1f} | "
        f"{spread(results.view_ratios)} × a hit alone, for hit + beacon | — |",
        "",
        f"Non-2xx responses: {sum(r.non_2xx for r in results.hits_on + results.beacons)}. "
        f"Afterwards, articles_flush_views: {results.flushed}",
    ]
    return "\n".join(lines)


# --- Readers under churn ------------------------------------------------------------

READER_ARTICLES = 500
# Reads of the article ranked r are proportional to 1 / r ** ZIPF_EXPONENT.
ZIPF_EXPONENT = 1.0
HOT_ARTICLES = 10  # half the comment approvals go to these, half to the long tail
TAIL_FROM_RANK = 101
CHURN_TARGETS = {"no writes": 0.9, "churn": 0.8}  # × healthz, × no writes


@dataclass
class ChurnPlan:
    """What the readers read and what the writer changes meanwhile."""

    paths: list[str]  # one entry a read: popular articles many times, shuffled
    ranked: list[tuple[int, str]]  # (id, path) of each article, the most read first
    hot_share: float  # of all reads, the share of the HOT_ARTICLES most read
    moderator_id: int
    editor_id: int
    comment_ids: list[int]  # pending comments, to approve in this order
    article_ids: list[int]  # articles to save in this order, across sections


def churn_plan(*, article_ids: list[int], pending_comments: int) -> ChurnPlan:
    """Rank READER_ARTICLES published articles by popularity and seed the writes' material.

    The ranking is a shuffle, so hot articles fall in every section and are not
    the ones the bulk comments favour.
    """
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from articles.models import Article
    from comments.models import Comment

    rng = random.Random(3)  # noqa: S311 (repeatable fake data, not security)
    ranked = list(Article.objects.published().filter(pk__in=article_ids).select_related("section"))
    if len(ranked) < READER_ARTICLES:
        raise RuntimeError(f"{len(ranked)} published articles, the readers need {READER_ARTICLES}")
    rng.shuffle(ranked)
    ranked = ranked[:READER_ARTICLES]
    reads = [max(1, round(len(ranked) / rank**ZIPF_EXPONENT)) for rank in range(1, len(ranked) + 1)]
    paths = [
        article.get_absolute_url()
        for article, count in zip(ranked, reads, strict=True)
        for _ in range(count)
    ]
    rng.shuffle(paths)

    users = get_user_model().objects
    moderator = users.create_user("bench-moderator", is_staff=True)
    editor = users.create_user("bench-editor", is_staff=True)
    moderator.groups.add(*Group.objects.filter(name="Kiểm duyệt viên"))
    # Editing published articles is the editor-in-chief's (articles/workflow.py).
    editor.groups.add(*Group.objects.filter(name__in=["Biên tập viên", "Tổng biên tập"]))

    hot, tail = ranked[:HOT_ARTICLES], ranked[TAIL_FROM_RANK - 1 :]
    pending = Comment.objects.bulk_create(
        Comment(
            article=hot[n // 2 % len(hot)] if n % 2 == 0 else rng.choice(tail),
            name="Bạn đọc chờ duyệt",
            title="Ý kiến",
            body=f"Bình luận chờ duyệt số {n + 1}.",
            status=Comment.Status.PENDING,
        )
        for n in range(pending_comments)
    )
    # Each section in turn; the first time its most read article, the next a tail one.
    by_section: dict[int, list] = {}
    for article in ranked:
        by_section.setdefault(article.section_id, []).append(article)
    to_save = [
        articles[0] if round_number % 2 == 0 else rng.choice(articles[1:] or articles)
        for round_number in range(2)
        for articles in by_section.values()
    ]
    return ChurnPlan(
        paths=paths,
        ranked=[(article.pk, article.get_absolute_url()) for article in ranked],
        hot_share=sum(reads[:HOT_ARTICLES]) / len(paths),
        moderator_id=moderator.pk,
        editor_id=editor.pk,
        comment_ids=[comment.pk for comment in pending],
        article_ids=[article.pk for article in to_save],
    )


@dataclass
class ChurnResults:
    healthz: WrkResult
    no_writes: WrkResult
    churn: WrkResult
    writes: dict  # the writer's summary (bench/churn_writer.py)


def run_churn(server: Server, plan: ChurnPlan, *, seconds: int) -> ChurnResults:
    """Same readers, same server: healthz, then no writes, then with the writer running.

    All three runs go through bench/readers.lua, whose per-response tally costs
    wrk some speed, so that the ratios compare like with like.
    """
    with tempfile.TemporaryDirectory(prefix="toasoan-bench-churn-") as workdir:
        return _run_churn(server, plan, seconds=seconds, workdir=Path(workdir))


def _run_churn(server: Server, plan: ChurnPlan, *, seconds: int, workdir: Path) -> ChurnResults:
    readers, healthz_only = workdir / "readers.txt", workdir / "healthz.txt"
    readers.write_text("\n".join(plan.paths) + "\n")
    healthz_only.write_text("/healthz/\n")

    def read(path: str) -> None:
        with urllib.request.urlopen(server.base + path, timeout=30) as response:
            response.read()

    # Every article once, so the no-writes run measures a warm cache.
    with ThreadPoolExecutor(4) as pool:
        list(pool.map(read, sorted(set(plan.paths))))
    wrk(server.base + "/", 2, readers_paths=readers)
    healthz = wrk(server.base + "/", seconds, readers_paths=healthz_only)
    no_writes = wrk(server.base + "/", seconds, readers_paths=readers)
    log("churn: healthz and no-writes runs done")

    # The first half of the pending comments; the run through Varnish takes the rest.
    churn, writes = with_writer(
        plan,
        server.env,
        comment_ids=plan.comment_ids[: len(plan.comment_ids) // 2],
        workdir=workdir,
        read=lambda: wrk(server.base + "/", seconds, readers_paths=readers),
    )
    log("churn: run with writes done")
    return ChurnResults(healthz, no_writes, churn, writes)


def with_writer(
    plan: ChurnPlan, env: dict[str, str], *, comment_ids: list[int], workdir: Path, read
) -> tuple[WrkResult, dict]:
    """``read()`` while bench/churn_writer.py writes, with the servers' settings ``env``."""
    plan_file = workdir / "churn-plan.json"
    plan_file.write_text(
        json.dumps(
            {
                "moderator_id": plan.moderator_id,
                "editor_id": plan.editor_id,
                "comment_ids": comment_ids,
                "article_ids": plan.article_ids,
            }
        )
    )
    writer = subprocess.Popen(
        [sys.executable, str(CHURN_WRITER), str(plan_file)],
        cwd=ROOT,
        env={**os.environ, **env},
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        if writer.stdout.readline().strip() != "ready":
            raise RuntimeError("the churn writer did not start")
        writer.stdin.write("go\n")
        writer.stdin.flush()
        result = read()
        writer.stdin.close()  # the writer's signal to stop
        summary = writer.stdout.read().strip().splitlines()
        writer.wait(timeout=30)
    finally:
        if writer.poll() is None:
            writer.kill()
            writer.wait()
    if writer.returncode != 0 or not summary:
        raise RuntimeError(f"the churn writer failed (exit status {writer.returncode})")
    return result, json.loads(summary[-1])


# --- Readers under churn, through Varnish ---------------------------------------------

VARNISH_VCL = ROOT / "deploy" / "varnish" / "toasoan.vcl"
VARNISH_TARGET = 3.0  # × /healthz/ on gunicorn
VARNISH_BACKENDS = """
import directors;
probe healthz {{ .url = "/healthz/"; .interval = 1s; .window = 3; .threshold = 2; .initial = 2; }}
backend app {{ .host = "127.0.0.1"; .port = "{port}"; .probe = healthz; }}
sub vcl_init {{ new apps = directors.round_robin(); apps.add_backend(app); }}
sub vcl_recv {{ set req.backend_hint = apps.backend(); }}
acl purgers {{ "127.0.0.1"; }}
"""


@dataclass
class VarnishResults:
    healthz: WrkResult  # on the gunicorn behind Varnish, same wrk script
    churn: WrkResult  # the readers through Varnish while the newsroom writes
    hits: int
    misses: int
    writes: dict

    @property
    def ratio(self) -> float:
        return self.churn.requests_per_second / self.healthz.requests_per_second

    @property
    def hit_rate(self) -> float:
        return self.hits / (self.hits + self.misses) if self.hits + self.misses else 0.0


def varnish_counters(workdir: Path) -> dict[str, int]:
    out = subprocess.run(
        ["varnishstat", "-n", str(workdir), "-1", "-j"],
        capture_output=True,
        text=True,
        check=True,
        timeout=10,
    ).stdout
    counters = json.loads(out)
    counters = counters.get("counters", counters)
    return {k: v["value"] for k, v in counters.items() if isinstance(v, dict) and "value" in v}


def run_varnish_churn(plan: ChurnPlan, *, seconds: int) -> VarnishResults | None:
    """The churn scenario through Varnish, or None where varnishd is not installed."""
    if not (shutil.which("varnishd") and shutil.which("varnishstat")):
        log("varnish: varnishd not installed (apt-get install varnish varnish-modules), skipped")
        return None
    with tempfile.TemporaryDirectory(prefix="toasoan-bench-varnish-") as workdir:
        return _run_varnish_churn(plan, seconds=seconds, workdir=Path(workdir))


def _run_varnish_churn(plan: ChurnPlan, *, seconds: int, workdir: Path) -> VarnishResults:
    readers, healthz_only = workdir / "readers.txt", workdir / "healthz.txt"
    readers.write_text("\n".join(plan.paths) + "\n")
    healthz_only.write_text("/healthz/\n")
    varnish_port = free_port()
    varnish = f"http://127.0.0.1:{varnish_port}"
    env = {"NEWSROOM_PAGE_CACHE": "1", "NEWSROOM_VARNISH_PURGE_URLS": f"{varnish}/"}
    server = start_server("behind varnish", env)
    processes: list[subprocess.Popen] = []
    try:
        # The purges go out from a task worker, as in production (README).
        processes.append(
            subprocess.Popen(
                [
                    *(sys.executable, "manage.py", "db_worker", "--queue-name", "purges"),
                    *("--interval", "0.2", "--no-startup-delay", "--verbosity", "0"),
                ],
                cwd=ROOT,
                env={**os.environ, **env},
                start_new_session=True,
            )
        )
        (workdir / "toasoan-backends.vcl").write_text(VARNISH_BACKENDS.format(port=server.port))
        processes.append(
            subprocess.Popen(
                [
                    *("varnishd", "-F", "-j", "none", "-n", str(workdir / "varnish")),
                    *("-a", f"127.0.0.1:{varnish_port}", "-f", str(VARNISH_VCL)),
                    *("-p", f"vcl_path={workdir}:/usr/share/varnish/vcl", "-s", "malloc,512m"),
                ],
                stdout=subprocess.DEVNULL,
                start_new_session=True,
            )
        )
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(varnish + "/healthz/", timeout=5) as response:
                    response.read()
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise RuntimeError("varnishd did not start") from None
                time.sleep(0.3)

        def read(path: str) -> None:
            with urllib.request.urlopen(varnish + path, timeout=30) as response:
                response.read()

        with ThreadPoolExecutor(4) as pool:  # every article once, through Varnish
            list(pool.map(read, sorted(set(plan.paths))))
        healthz = wrk(server.base + "/", seconds, readers_paths=healthz_only)
        before = varnish_counters(workdir / "varnish")
        churn, writes = with_writer(
            plan,
            env,
            comment_ids=plan.comment_ids[len(plan.comment_ids) // 2 :],
            workdir=workdir,
            read=lambda: wrk(varnish + "/", seconds, readers_paths=readers),
        )
        time.sleep(1)  # Varnish's worker threads add their counts a moment later
        after = varnish_counters(workdir / "varnish")
    finally:
        for process in reversed(processes):
            os.killpg(process.pid, signal.SIGTERM)
            process.wait(timeout=15)
        stop_server(server)
    log("varnish: churn run through Varnish done")
    return VarnishResults(
        healthz=healthz,
        churn=churn,
        hits=after["MAIN.cache_hit"] - before["MAIN.cache_hit"],
        misses=after["MAIN.cache_miss"] - before["MAIN.cache_miss"],
        writes=writes,
    )


def varnish_report(result: VarnishResults | None, *, seconds: int) -> str:
    if result is None:
        return "Through Varnish: not measured, varnishd is not installed."
    met = "met" if result.ratio >= VARNISH_TARGET else "MISSED"
    writes = result.writes
    return "\n".join(
        [
            "| scenario | req/s | p50 ms | p99 ms | Varnish hits | ratio | target | writes |",
            "|---|---|---|---|---|---|---|---|",
            f"| /healthz/ on gunicorn, same wrk script | {result.healthz.requests_per_second:,.0f} "
            f"| {result.healthz.p50_ms:.1f} | {result.healthz.p99_ms:.1f} | — | 1.00 | — | — |",
            f"| readers through Varnish, churn | {result.churn.requests_per_second:,.0f} "
            f"| {result.churn.p50_ms:.1f} | {result.churn.p99_ms:.1f} "
            f"| {result.hit_rate * 100:.2f} % ({result.misses:,} misses) "
            f"| {result.ratio:.2f} × healthz on gunicorn | ≥ {VARNISH_TARGET:g} × {met} "
            f"| {writes['approved']} comments approved, "
            f"{writes['articles_saved']} article{'' if writes['articles_saved'] == 1 else 's'} "
            "saved |",
            "",
            f"Through Varnish: the same readers and writer as above for {seconds} s, "
            "through varnishd with deploy/varnish/toasoan.vcl in front of a third cached "
            "gunicorn (2 sync workers); each change purged by key from a task worker "
            "(db_worker, queue purges). Hits and misses from varnishstat. Non-200 responses: "
            f"{result.churn.page_cache['non_200']}.",
        ]
    )


# --- Comment writes ---------------------------------------------------------------


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def post_comments(server: Server, article_pk: int, *, clients: int, per_client: int) -> dict:
    from captcha.models import CaptchaStore

    from comments.models import Comment

    accepted, refused, server_errors = [], [], []
    lock = threading.Lock()
    before = Comment.objects.filter(article_id=article_pk).count()

    def one_client(client_number: int) -> None:
        from django.db import connection

        # No redirects followed: a 302 back to the article is the "accepted" answer.
        opener = urllib.request.build_opener(NoRedirect)
        for n in range(per_client):
            captcha_request = urllib.request.Request(
                f"{server.base}/binh-luan/{article_pk}/ma-xac-nhan/",
                headers={"X-Requested-With": "XMLHttpRequest"},
            )
            with opener.open(captcha_request) as r:
                challenge = json.load(r)
            answer = CaptchaStore.objects.get(hashkey=challenge["key"]).response
            body = f"Bình luận đo hiệu năng số {client_number}-{n}."
            data = urllib.parse.urlencode(
                {
                    "name": f"Bạn đọc {client_number}",
                    "title": "Đo tải",
                    "body": body,
                    "captcha_0": challenge["key"],
                    "captcha_1": answer,
                    "csrfmiddlewaretoken": challenge["csrf_token"],
                }
            ).encode()
            # The CSRF cookie is Secure in production mode and this is plain HTTP, so
            # the client sends it by hand (Django accepts the masked token as cookie).
            request = urllib.request.Request(
                f"{server.base}/binh-luan/{article_pk}/gui/",
                data=data,
                headers={"Cookie": f"csrftoken={challenge['csrf_token']}"},
            )
            try:
                with opener.open(request) as r:
                    target = refused  # 200: the form came back with a reason
            except urllib.error.HTTPError as error:
                if error.code == 302:
                    target = accepted
                else:
                    target = server_errors if error.code >= 500 else refused
            with lock:
                target.append(body)
        connection.close()

    started = time.monotonic()
    threads = [threading.Thread(target=one_client, args=(c,)) for c in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - started
    stored = list(Comment.objects.filter(article_id=article_pk).values_list("body", flat=True))
    stored_once = all(stored.count(body) == 1 for body in accepted)
    return {
        "sent": clients * per_client,
        "accepted": len(accepted),
        "refused": len(refused),
        "5xx": len(server_errors),
        "stored": len(stored) - before,
        "exactly_once": stored_once and len(stored) - before == len(accepted),
        "per_second": len(accepted) / elapsed,
    }


# --- Queries and plans ---------------------------------------------------------------


def page_queries(path: str) -> list[str]:
    """The SQL of one uncached view of ``path``, the menu cache warm as on a running site."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, override_settings

    with override_settings(NEWSROOM_PAGE_CACHE=False, ALLOWED_HOSTS=["testserver"]):
        client = Client()
        client.get(path)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path)
    assert response.status_code == 200, (path, response.status_code)
    return [query["sql"] for query in queries.captured_queries]


def queries_per_page(paths: dict[str, str]) -> dict[str, int]:
    return {name: len(page_queries(path)) for name, path in paths.items()}


def article_query_plans(paths: list[str]) -> list[tuple[str, str]]:
    """The scans PostgreSQL chooses for each distinct query behind these article pages."""
    from django.db import connection

    plans, seen = [], set()
    with connection.cursor() as cursor:
        for sql in (sql for path in paths for sql in page_queries(path)):
            # Ignore the literal values: the same query for another article is no news.
            shape = re.sub(r"'[^']*'|\b\d+\b", "?", sql)
            if not sql.lstrip("( ").upper().startswith("SELECT") or shape in seen:
                continue
            seen.add(shape)
            cursor.execute("EXPLAIN " + sql)
            plan = "\n".join(row[0] for row in cursor.fetchall())
            scans = re.findall(
                r"((?:Index Only Scan|Index Scan|Bitmap Index Scan|Seq Scan)[^(]*)", plan
            )
            plans.append((sql.lstrip("( ")[:90], "; ".join(s.strip() for s in scans)))
    return plans


# --- In-process requests -----------------------------------------------------------


def wsgi_environ(path: str) -> dict:
    """A plain GET of ``path``, as a WSGI server would hand it to Django."""
    return {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path,
        "QUERY_STRING": "",
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "80",
        "HTTP_HOST": "127.0.0.1",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(),
        "wsgi.errors": sys.stderr,
    }


def wsgi_get(handler, path: str) -> dict[str, str]:
    """GET ``path`` from Django's WSGI ``handler``, body read in full; returns the headers.

    No server and no network: the time it takes is what the page itself costs.
    """
    answers = []
    body = handler(wsgi_environ(path), lambda status, headers: answers.append((status, headers)))
    b"".join(body)
    body.close()
    status, headers = answers[0]
    if not status.startswith("200"):
        raise RuntimeError(f"{path} answered {status}")
    return dict(headers)


@dataclass
class RerenderResult:
    cold_ms: float  # median over the articles
    hit_ms: float
    after_decision_ms: float
    page_cache_answers: list[str]  # the X-Page-Cache headers seen, per article

    @property
    def ratio(self) -> float:
        return self.after_decision_ms / self.cold_ms


def rerender_after_comment_decision(plan: ChurnPlan, *, articles: int = 9) -> RerenderResult:
    """How much of a cold render an article costs again after a comment on it is approved.

    In-process with the page cache on, on the bench data, with the servers
    stopped (it empties the cache). For each of a few articles, hot and cold:
    empty the cache, time a first (cold) request, a second one (a hit), approve
    one of its pending comments as the churn writer does, and time the next one.
    """
    from django.contrib.auth import get_user_model
    from django.core.cache import cache
    from django.core.handlers.wsgi import WSGIHandler
    from django.test.utils import override_settings

    from comments.models import Comment
    from comments.services import comments_moderate

    moderator = get_user_model().objects.get(pk=plan.moderator_id)
    # The most read articles and the least read ones.
    chosen = plan.ranked[: articles // 2] + plan.ranked[-(articles - articles // 2) :]
    # Created before any timing, so that the cache emptied later cannot hold them.
    pending = Comment.objects.bulk_create(
        Comment(
            article_id=article_id,
            name="Bạn đọc",
            title="Ý kiến",
            body="Bình luận để đo lần dựng lại.",
            status=Comment.Status.PENDING,
        )
        for article_id, _path in chosen
    )

    def timed(path: str) -> tuple[float, str]:
        started = time.perf_counter()
        headers = wsgi_get(handler, path)
        return (time.perf_counter() - started) * 1000, headers.get("X-Page-Cache", "none")

    handler = WSGIHandler()
    cold, hit, after, answers = [], [], [], []
    # Imports, templates, the connection, the menu: warm, but no page stored.
    with override_settings(NEWSROOM_PAGE_CACHE=False):
        for _article_id, path in chosen:
            wsgi_get(handler, path)
    with override_settings(NEWSROOM_PAGE_CACHE=True):
        for (_article_id, path), comment in zip(chosen, pending, strict=True):
            cache.clear()
            cold_ms, cold_answer = timed(path)
            hit_ms, hit_answer = timed(path)
            comments_moderate(comments=[comment], status=Comment.Status.APPROVED, user=moderator)
            after_ms, after_answer = timed(path)
            cold.append(cold_ms)
            hit.append(hit_ms)
            after.append(after_ms)
            answers.append(f"{cold_answer}/{hit_answer}/{after_answer}")
    cache.clear()
    return RerenderResult(
        statistics.median(cold), statistics.median(hit), statistics.median(after), answers
    )


# --- Report ----------------------------------------------------------------------


def report(scenarios: list[Scenario], queries: dict[str, int], writes: dict, plans) -> str:
    lines = [
        "| scenario | req/s median (min–max) | p50 ms | p99 ms "
        "| × healthz median (min–max) | target | queries |",
        "|---|---|---|---|---|---|---|",
    ]
    baseline = [b for s in scenarios for b in s.baselines]
    lines.append(
        f"| /healthz/ | {statistics.median(b.requests_per_second for b in baseline):,.0f} "
        f"({min(b.requests_per_second for b in baseline):,.0f}–"
        f"{max(b.requests_per_second for b in baseline):,.0f}) | "
        f"{statistics.median(b.p50_ms for b in baseline):.1f} | "
        f"{statistics.median(b.p99_ms for b in baseline):.1f} | 1.00 | — | 0 |"
    )
    for s in scenarios:
        rps = [r.requests_per_second for r in s.runs]
        ratios = s.ratios
        target = TARGETS.get(s.name)
        met = "met" if target and statistics.median(ratios) >= target else "MISSED"
        lines.append(
            f"| {s.name} | {statistics.median(rps):,.0f} ({min(rps):,.0f}–{max(rps):,.0f}) | "
            f"{statistics.median(r.p50_ms for r in s.runs):.1f} | "
            f"{statistics.median(r.p99_ms for r in s.runs):.1f} | "
            f"{statistics.median(ratios):.2f} ({min(ratios):.2f}–{max(ratios):.2f}) | "
            f"≥ {target} {met} | {queries.get(s.name, '—')} |"
        )
    errors = sum(r.non_2xx for s in scenarios for r in s.runs)
    lines.append("")
    lines.append(f"Non-2xx responses during the read runs: {errors}.")
    lines.append(
        f"Comment POSTs (PostgreSQL, valid captchas): {writes['sent']} sent, "
        f"{writes['accepted']} accepted, {writes['refused']} refused, {writes['5xx']} 5xx; "
        f"{writes['stored']} stored, each accepted comment stored exactly once: "
        f"{'yes' if writes['exactly_once'] else 'NO'}; {writes['per_second']:.1f} comments/s."
    )
    lines.append("")
    lines.append(
        "Article page query plans (EXPLAIN; tables of a few rows, such as sections, "
        "are rightly read whole):"
    )
    for sql, scans in plans:
        lines.append(f"- `{sql}…` → {scans or 'no table scan'}")
    return "\n".join(lines)


def churn_report(
    churn: ChurnResults, rerender: RerenderResult, plan: ChurnPlan, *, seconds: int
) -> str:
    writes = churn.writes
    readers = f"readers, {len(plan.ranked)} articles"
    quiet_ratio = churn.no_writes.requests_per_second / churn.healthz.requests_per_second
    churn_ratio = churn.churn.requests_per_second / churn.no_writes.requests_per_second

    def row(name: str, run: WrkResult, hits: str, ratio: str, target: str, made: str) -> str:
        return (
            f"| {name} | {run.requests_per_second:,.0f} | {run.p50_ms:.1f} | {run.p99_ms:.1f} "
            f"| {hits} | {ratio} | {target} | {made} |"
        )

    def hits(run: WrkResult) -> str:
        return f"{run.hit_rate * 100:.1f} % ({run.page_cache['miss']:,} misses)"

    def target(ratio: float, name: str, of: str) -> str:
        goal = CHURN_TARGETS[name]
        return f"≥ {goal} × {of} {'met' if ratio >= goal else 'MISSED'}"

    def count(number: int, noun: str) -> str:
        return f"{number} {noun}{'' if number == 1 else 's'}"

    made = (
        f"{count(writes['approved'], 'comment')} approved, "
        f"{count(writes['articles_saved'], 'article')} saved"
    )
    lines = [
        "| scenario | req/s | p50 ms | p99 ms | page-cache hits | ratio | target | writes |",
        "|---|---|---|---|---|---|---|---|",
        row("/healthz/, same wrk script", churn.healthz, "—", "1.00", "—", "—"),
        row(
            f"{readers}, no writes",
            churn.no_writes,
            hits(churn.no_writes),
            f"{quiet_ratio:.2f} × healthz",
            target(quiet_ratio, "no writes", "healthz"),
            "none",
        ),
        row(
            f"{readers}, churn",
            churn.churn,
            hits(churn.churn),
            f"{churn_ratio:.2f} × no writes",
            target(churn_ratio, "churn", "no writes"),
            made,
        ),
        "",
        f"Churn scenario: {seconds} s per run, one after the other on the cached server; "
        f"reads Zipf-distributed (exponent {ZIPF_EXPONENT}) over {len(plan.ranked)} "
        f"published articles, the {HOT_ARTICLES} most read getting {plan.hot_share:.0%} of "
        "the reads (bench/readers.lua, which tallies X-Page-Cache, in all three runs). "
        "During the churn run a moderator approved one pending comment a second (half on "
        f"the {HOT_ARTICLES} most read articles, half on those ranked {TAIL_FROM_RANK} "
        "or lower) and an editor saved an article every 10 s (the first at 5 s), in turn "
        f"from each section: {made}; {writes['already_decided']} already decided, "
        f"{writes['none_left']} with none left, {writes['errors']} failed, "
        f"over {writes['seconds']} s.",
    ]
    errors = sum(r.page_cache["non_200"] for r in (churn.healthz, churn.no_writes, churn.churn))
    lines.append(f"Non-200 responses during the churn scenario's runs: {errors}.")
    expected = all(answer == "miss/hit/miss" for answer in rerender.page_cache_answers)
    answers = (
        "miss, hit, miss each time, as expected"
        if expected
        else "UNEXPECTED: " + ", ".join(rerender.page_cache_answers)
    )
    lines.append(
        f"Re-render of an article after a comment decision: {rerender.ratio:.2f} × a cold "
        f"render (in-process, page cache on, median over {len(rerender.page_cache_answers)} "
        f"articles, hot and cold: cold {rerender.cold_ms:.2f} ms, hit {rerender.hit_ms:.2f} ms, "
        f"after approving a comment on it {rerender.after_decision_ms:.2f} ms; "
        f"X-Page-Cache {answers})."
    )
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="fewer, shorter rounds")
    parser.add_argument("--rounds", type=int, default=None)
    parser.add_argument("--seconds", type=int, default=None)
    parser.add_argument(
        "--churn-seconds",
        type=int,
        default=None,
        help="length of each churn scenario run (default 30, quick 10)",
    )
    parser.add_argument(
        "--database",
        default=BENCH_DB,
        help=f"PostgreSQL database to drop and re-create (default {BENCH_DB}; env BENCH_DATABASE)",
    )
    parser.add_argument(
        "--redis-url",
        default=REDIS_URL,
        help=f"Redis database the servers use, emptied first (default {REDIS_URL}; "
        "env BENCH_REDIS_URL)",
    )
    args = parser.parse_args()
    # A SIGTERM (e.g. from `timeout`) still stops the servers this run started.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    rounds = args.rounds or (2 if args.quick else 3)
    seconds = args.seconds or (2 if args.quick else 5)
    churn_seconds = args.churn_seconds or (10 if args.quick else 30)
    if not shutil.which("wrk"):
        print("wrk is not installed: apt-get install -y wrk", file=sys.stderr)
        return 2

    database_url = bench_database_url(args.database)
    static_root = tempfile.mkdtemp(prefix="toasoan-bench-static-")
    media_root = tempfile.mkdtemp(prefix="toasoan-bench-media-")
    use_production_environment(
        static_root=static_root,
        media_root=media_root,
        database_url=database_url,
        redis_url=args.redis_url,
    )
    cache_name = f"Redis {args.redis_url}" if redis_available(args.redis_url) else "local memory"
    log(f"database {args.database}; cache {cache_name}")
    create_database(database_url)
    run_manage(["collectstatic", "--noinput", "--verbosity", "0"], database_url)
    data = seed(
        database_url,
        articles=2000 if not args.quick else 500,
        comments=20000 if not args.quick else 2000,
    )
    plan = churn_plan(
        article_ids=data.bulk_article_ids,
        # One a second, with room to spare: the writer may run a little longer than wrk.
        # Half for the churn run on gunicorn, half for the one through Varnish.
        pending_comments=2 * (2 * churn_seconds + 20),
    )

    servers = []
    try:
        cached = start_server("cached", {"NEWSROOM_PAGE_CACHE": "1"})
        servers.append(cached)
        uncached = start_server("uncached", {"NEWSROOM_PAGE_CACHE": "0"})
        servers.append(uncached)
        # The counting pair: alike but for NEWSROOM_COUNT_VIEWS; one proxy trusted, so
        # the beacons' X-Forwarded-For makes each a new reader.
        counting_env = {"NEWSROOM_PAGE_CACHE": "1", "TRUSTED_PROXY_COUNT": "1"}
        counting_on = start_server("counting", {**counting_env, "NEWSROOM_COUNT_VIEWS": "1"})
        servers.append(counting_on)
        counting_off = start_server("not counting", {**counting_env, "NEWSROOM_COUNT_VIEWS": "0"})
        servers.append(counting_off)
        scenarios = [
            Scenario("article, cached", cached, data.plain_article_url),
            Scenario("article, uncached", uncached, data.plain_article_url),
            Scenario("article + 200 comments, uncached", uncached, data.busy_article_url),
            Scenario("home, uncached", uncached, "/"),
            Scenario("section, uncached", uncached, data.section_url),
        ]
        run_scenarios(scenarios, rounds=rounds, seconds=seconds)
        counting = run_counting(
            counting_on,
            counting_off,
            data.plain_article_url,
            data.bulk_article_ids,
            rounds=rounds,
            seconds=seconds,
        )
        for server in (counting_on, counting_off):
            servers.remove(server)
            stop_server(server)
        churn = run_churn(cached, plan, seconds=churn_seconds)
        through_varnish = run_varnish_churn(plan, seconds=churn_seconds)
        writer = start_server(
            "writes",
            {
                "NEWSROOM_PAGE_CACHE": "0",
                "COMMENTS_MIN_INTERVAL_SECONDS": "0",
                "COMMENTS_MAX_PER_HOUR": "0",
                "COMMENTS_CAPTCHAS_PER_WINDOW": "0",
                "COMMENTS_DUPLICATE_WINDOW_MINUTES": "0",
            },
        )
        servers.append(writer)
        writes = post_comments(
            writer, data.comment_article_pk, clients=8, per_client=10 if args.quick else 40
        )
        queries = queries_per_page(
            {
                "article, uncached": data.plain_article_url,
                "article + 200 comments, uncached": data.busy_article_url,
                "home, uncached": "/",
                "section, uncached": data.section_url,
            }
        )
        queries["article, cached"] = 0
        plans = article_query_plans([data.plain_article_url, data.busy_article_url])
        # The servers first: the in-process measurement empties the cache they share.
        while servers:
            stop_server(servers.pop())
        rerender = rerender_after_comment_decision(plan)
        log("re-render after a comment decision measured")
    finally:
        for server in servers:
            stop_server(server)
        shutil.rmtree(static_root, ignore_errors=True)
        shutil.rmtree(media_root, ignore_errors=True)
    table = report(scenarios, queries, writes, plans)
    print()
    print(
        f"Tòa soạn benchmark, {time.strftime('%Y-%m-%d')}, {os.cpu_count()} CPUs, "
        f"gunicorn 2 sync workers, wrk -t1 -c8, {rounds} rounds × {seconds} s, "
        f"churn runs {churn_seconds} s"
    )
    print()
    print(table)
    print()
    print("Counting reads for “Đọc nhiều” (page cache on, Redis buffer):")
    print()
    print(counting_report(counting))
    print()
    print("Readers while the newsroom writes (page cache on):")
    print()
    print(churn_report(churn, rerender, plan, seconds=churn_seconds))
    print()
    print("Readers while the newsroom writes, through Varnish:")
    print()
    print(varnish_report(through_varnish, seconds=churn_seconds))
    return 0


if __name__ == "__main__":
    sys.exit(main())
