"""Every query behind an article page can be answered from an index (PostgreSQL)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from demo.article_seeding import seed_articles
from tests.factories import ArticleFactory, BylineFactory, CommentFactory, PhotoFactory

pytestmark = [
    pytest.mark.django_db,
    # SQLite plans say little about a production database; CI's PostgreSQL pass runs this.
    pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL query plans"),
]


def test_article_page_queries_use_indexes_not_table_scans(client):
    article = ArticleFactory()
    for order in range(3):
        PhotoFactory(article=article, order=order)
    BylineFactory(article=article)
    ArticleFactory.create_batch(3, section=article.section)
    CommentFactory.create_batch(3, article=article, status="approved")
    client.get(article.get_absolute_url())  # the section menu is then cached

    with CaptureQueriesContext(connection) as queries:
        client.get(article.get_absolute_url())

    assert len(queries.captured_queries) >= 5
    with connection.cursor() as cursor:
        # Test tables are tiny, so a sequential scan would be cheapest; forbid it
        # to see whether an index can answer each query, as it must on big tables.
        cursor.execute("SET enable_seqscan = off")
        try:
            for query in queries.captured_queries:
                cursor.execute("EXPLAIN " + query["sql"])
                plan = "\n".join(row[0] for row in cursor.fetchall())
                assert "Seq Scan" not in plan, f"{query['sql']}\n{plan}"
        finally:
            cursor.execute("SET enable_seqscan = on")


@pytest.mark.parametrize(
    ("query", "index"),
    [
        ("thuan phuoc", "article_search_vector_idx"),
        ("thuaanj phuwowcs", "article_search_vector_idx"),
        # No article has these words: the typo search through the trigram index.
        ("thuan phouc", "article_search_title_trgm_idx"),
    ],
)
def test_search_reads_its_index(client, query, index):
    # Enough published articles that reading them all by publication time (the
    # lists' index) is no cheaper than the search indexes, as on a real site.
    seed_articles(count=2000)
    for day in range(3):
        ArticleFactory(title=f"Cầu Thuận Phước sáng đèn, ngày {day}")
    with connection.cursor() as cursor:
        # New rows wait in a GIN index's pending list, which the planner counts
        # as extra cost, until (auto)vacuum merges them; merge them now.
        for name in ("article_search_vector_idx", "article_search_title_trgm_idx"):
            cursor.execute("SELECT gin_clean_pending_list(%s::regclass)", [name])
        cursor.execute("ANALYZE articles_article")
    client.get("/tim-kiem/", {"q": query})  # the section menu is then cached

    with CaptureQueriesContext(connection) as queries:
        response = client.get("/tim-kiem/", {"q": query})

    assert response.content.decode().count("Cầu Thuận Phước sáng đèn") == 3
    # The page of results and their count; not the check that any article has
    # the words (LIMIT 1, which may walk the newest articles until one has).
    searches = [
        q["sql"]
        for q in queries.captured_queries
        if ("search_vector" in q["sql"] or "newsroom_unaccent" in q["sql"])
        and not q["sql"].endswith("LIMIT 1")
    ]
    assert len(searches) == 2
    with connection.cursor() as cursor:
        cursor.execute("SET enable_seqscan = off")
        try:
            for sql in searches:
                cursor.execute("EXPLAIN " + sql)
                plan = "\n".join(row[0] for row in cursor.fetchall())
                assert f"Bitmap Index Scan on {index}" in plan, plan
                assert "Seq Scan on articles_article" not in plan, plan
        finally:
            cursor.execute("SET enable_seqscan = on")
