"""Read-path and comment-write benchmark for Tòa soạn.

    uv run python bench/run.py            # about 5 minutes
    uv run python bench/run.py --quick    # about 1 minute, for a smoke test

What it does, all on this machine and loopback only:
1. creates a fresh PostgreSQL database (``toasoan_bench``), migrates it and seeds
   a known data set: 2,000 articles and 20,000 comments in bulk, plus a "plain"
   article (5 photos, 2 bylines, newer/older lists, no comments) and a "busy"
   one (200 approved comments);
2. starts gunicorn (2 sync workers) in production mode twice: one server with
   the anonymous page cache on, one with it off (the "uncached" figures);
3. runs each scenario with wrk for several rounds, each round right after a
   ``/healthz/`` run on the same server, and reports throughput as a ratio to
   that healthz run (so the figures do not depend on how fast this machine is);
4. posts comments with valid captchas from concurrent clients and checks that
   every accepted comment is stored exactly once;
5. counts the SQL queries per page and shows the article page's query plans;
6. stops everything it started and prints the table.
"""

import argparse
import json
import os
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
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ADMIN_URL = os.environ.get(
    "BENCH_ADMIN_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/postgres"
)
BENCH_DB = "toasoan_bench"
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/15")

STARTED = time.monotonic()
TARGETS = {
    "article, cached": 0.8,
    "article, uncached": 0.15,
    "article + 200 comments, uncached": 0.08,
    "home, uncached": 0.15,
    "section, uncached": 0.15,
}


BENCH_DATABASE_URL = ADMIN_URL.rsplit("/", 1)[0] + "/" + BENCH_DB


def use_production_environment(*, static_root: str, media_root: str) -> None:
    """Production settings on plain HTTP and loopback, for this process and its children.

    Redis (emptied first) when it is running, as in production.
    """
    os.environ.update(
        {
            "DJANGO_ENV": "production",
            "SECRET_KEY": "bench-" + "x" * 50,
            "ALLOWED_HOSTS": "127.0.0.1,testserver",
            "SECURE_SSL_REDIRECT": "0",
            "DATABASE_URL": BENCH_DATABASE_URL,
            "STATIC_ROOT": static_root,
            "MEDIA_ROOT": media_root,
            "LOG_LEVEL": "WARNING",
        }
    )
    if redis_available():
        os.environ["REDIS_URL"] = REDIS_URL
        import redis

        redis.Redis.from_url(REDIS_URL).flushdb()


def log(message: str) -> None:
    print(f"[bench {time.monotonic() - STARTED:6.1f} s] {message}", flush=True)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def redis_available() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=0.5):
            return True
    except OSError:
        return False


# --- Data --------------------------------------------------------------------


def create_database(database_url: str) -> None:
    import psycopg

    with psycopg.connect(ADMIN_URL, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{BENCH_DB}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{BENCH_DB}"')
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


def seed(database_url: str, *, articles: int, comments: int) -> DataSet:
    """Seed through Django in this process (the bench later reads the captcha store too)."""
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from datetime import timedelta

    from django.core.files.base import ContentFile
    from django.utils import timezone

    from articles import services
    from articles.demo.photos import make_demo_photo
    from articles.models import Article, Author, Byline, Photo, Section
    from articles.seeding import seed_articles
    from comments.models import Comment
    from comments.seeding import seed_comments
    from comments.services import approved_counts_refresh

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
    )


# --- Servers -----------------------------------------------------------------


@dataclass
class Server:
    name: str
    port: int
    process: subprocess.Popen

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
                    return Server(name, port, process)
        # Refused, reset or timed out while the workers are still starting.
        except OSError:
            time.sleep(0.2)
    stop_server(Server(name, port, process))
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


def to_ms(value: str) -> float:
    number, unit = re.match(r"([\d.]+)(us|ms|s)", value).groups()
    return float(number) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def wrk(url: str, seconds: int, connections: int = 8) -> WrkResult:
    out = subprocess.run(
        ["wrk", "-t1", f"-c{connections}", f"-d{seconds}s", "--latency", url],
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
    return WrkResult(rps, p50, p99, int(non_2xx.group(1)) if non_2xx else 0)


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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="fewer, shorter rounds")
    parser.add_argument("--rounds", type=int, default=None)
    parser.add_argument("--seconds", type=int, default=None)
    args = parser.parse_args()
    # A SIGTERM (e.g. from `timeout`) still stops the servers this run started.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    rounds = args.rounds or (2 if args.quick else 3)
    seconds = args.seconds or (2 if args.quick else 5)
    if not shutil.which("wrk"):
        print("wrk is not installed: apt-get install -y wrk", file=sys.stderr)
        return 2

    database_url = BENCH_DATABASE_URL
    static_root = tempfile.mkdtemp(prefix="toasoan-bench-static-")
    media_root = tempfile.mkdtemp(prefix="toasoan-bench-media-")
    use_production_environment(static_root=static_root, media_root=media_root)
    log(f"database {BENCH_DB}; cache {'Redis' if redis_available() else 'local memory'}")
    create_database(database_url)
    run_manage(["collectstatic", "--noinput", "--verbosity", "0"], database_url)
    data = seed(
        database_url,
        articles=2000 if not args.quick else 500,
        comments=20000 if not args.quick else 2000,
    )

    servers = []
    try:
        cached = start_server("cached", {"NEWSROOM_PAGE_CACHE": "1"})
        servers.append(cached)
        uncached = start_server("uncached", {"NEWSROOM_PAGE_CACHE": "0"})
        servers.append(uncached)
        scenarios = [
            Scenario("article, cached", cached, data.plain_article_url),
            Scenario("article, uncached", uncached, data.plain_article_url),
            Scenario("article + 200 comments, uncached", uncached, data.busy_article_url),
            Scenario("home, uncached", uncached, "/"),
            Scenario("section, uncached", uncached, data.section_url),
        ]
        run_scenarios(scenarios, rounds=rounds, seconds=seconds)
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
    finally:
        for server in servers:
            stop_server(server)
        shutil.rmtree(static_root, ignore_errors=True)
        shutil.rmtree(media_root, ignore_errors=True)
    table = report(scenarios, queries, writes, plans)
    print()
    print(
        f"Tòa soạn benchmark, {time.strftime('%Y-%m-%d')}, {os.cpu_count()} CPUs, "
        f"gunicorn 2 sync workers, wrk -t1 -c8, {rounds} rounds × {seconds} s"
    )
    print()
    print(table)
    return 0


if __name__ == "__main__":
    sys.exit(main())
