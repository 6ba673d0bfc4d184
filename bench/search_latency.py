"""How long a search takes on a big database, in-process.

    createdb -h 127.0.0.1 -U postgres toasoan_search
    export DATABASE_URL=postgres://postgres@127.0.0.1:5432/toasoan_search
    uv run manage.py migrate && uv run manage.py seed_bulk --articles 100000
    uv run python bench/search_latency.py            # about 30 seconds

For each query, what the search page asks the database (the first page of
results, ranked, and their count) and the page itself through Django's test
client (with the snippets, the template, the middleware; page cache off),
median and 95th percentile over many runs after a warm-up. A benchmark, not a
test: the figures depend on the machine.
"""

import os
import statistics
import sys
import time
from pathlib import Path

QUERIES = (
    "so 12345",  # seed_bulk numbers its titles: one article
    "da nang",
    "Đà Nẵng",
    "dda nawng",
    "d9a na8ng",
    "hoa binh",
    "da nagn",
    "le hoi du khach",
)
RUNS = 30


def main() -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
    os.environ.setdefault("NEWSROOM_PAGE_CACHE", "0")
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test import Client

    from articles import search
    from articles.models import Article

    settings.ALLOWED_HOSTS = ["*"]
    print(f"{connection.vendor}, {Article.objects.published().count():,} published articles")
    client = Client()
    print(f"{'query':<18} {'matches':>8} {'queries ms (median / p95)':>28} {'page ms':>22}")
    for query in QUERIES:
        terms = search.search_terms(query=query)

        def database(terms=terms) -> int:
            results = search.search_articles(terms=terms)
            list(results[: settings.NEWSROOM_ARTICLES_PER_PAGE])
            return results.count()

        matches = database()
        database_times = timed(database)
        page_times = timed(lambda: client.get("/tim-kiem/", {"q": query}))  # noqa: B023
        print(f"{query:<18} {matches:>8,} {summary(database_times):>28} {summary(page_times):>22}")


def timed(function) -> list[float]:
    for _ in range(3):
        function()
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        function()
        times.append((time.perf_counter() - start) * 1000)
    return times


def summary(times: list[float]) -> str:
    p95 = statistics.quantiles(times, n=20)[-1]
    return f"{statistics.median(times):.1f} / {p95:.1f}"


if __name__ == "__main__":
    main()
