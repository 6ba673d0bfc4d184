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


def test_search_reads_the_full_text_and_trigram_indexes(client):
    # Enough published articles that reading them all by publication time (the
    # lists' index) is no cheaper than the search indexes, as on a real site.
    seed_articles(count=2000)
    for title in ("Đà Nẵng rộn ràng đón Tết", "Hà Nội mùa thu", "Đa dạng để nâng cao"):
        ArticleFactory(title=title)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE articles_article")
    client.get("/tim-kiem/", {"q": "da nang"})  # the section menu is then cached

    with CaptureQueriesContext(connection) as queries:
        response = client.get("/tim-kiem/", {"q": "da nang"})

    assert "Đà Nẵng rộn ràng đón Tết" in response.content.decode()
    searches = [q["sql"] for q in queries.captured_queries if "search_vector" in q["sql"]]
    assert len(searches) == 2  # the page of results and their count
    with connection.cursor() as cursor:
        cursor.execute("SET enable_seqscan = off")
        try:
            for sql in searches:
                cursor.execute("EXPLAIN " + sql)
                plan = "\n".join(row[0] for row in cursor.fetchall())
                assert "article_search_vector_idx" in plan, plan
                assert "article_search_title_trgm_idx" in plan, plan
                assert "Seq Scan" not in plan, plan
        finally:
            cursor.execute("SET enable_seqscan = on")
