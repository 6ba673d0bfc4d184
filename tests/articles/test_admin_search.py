"""The editors' article search ignores accents and case, as readers' search does."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles import services
from tests.factories import ArticleFactory, SectionFactory
from tests.query_plans import plan_without_seq_scans

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/articles/article/"
TITLES = (
    "Đà Nẵng rộn ràng đón Tết",
    "Phố Sách mở cửa xuyên Tết",
    "Thêm 5 tuyến xe buýt điện",
    "Chợ Đông Hòa hoàn thành cải tạo",
)


@pytest.fixture
def articles():
    # Through the service, which writes the folded search text as the admin does.
    section = SectionFactory()
    return [
        services.article_save(
            article=ArticleFactory.build(title=title, lead="Tin trong ngày.", section=section)
        )
        for title in TITLES
    ]


def listed_titles(html: str) -> list[str]:
    return re.findall(r'<th class="field-title"><a [^>]*>([^<]*)</a>', html)


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("da nang", "Đà Nẵng rộn ràng đón Tết"),
        ("pho sach", "Phố Sách mở cửa xuyên Tết"),
        ("XE BUÝT", "Thêm 5 tuyến xe buýt điện"),
        ("Đông hoa", "Chợ Đông Hòa hoàn thành cải tạo"),
    ],
)
def test_admin_search_ignores_accents_and_case(editor_client, articles, query, found):
    html = editor_client.get(CHANGELIST, {"q": query}).content.decode()
    assert listed_titles(html) == [found]


def test_admin_search_needs_every_word(editor_client, articles):
    html = editor_client.get(CHANGELIST, {"q": "tet xe"}).content.decode()
    assert listed_titles(html) == []
    html = editor_client.get(CHANGELIST, {"q": "tet"}).content.decode()
    assert sorted(listed_titles(html)) == sorted(TITLES[:2])


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL query plans")
def test_admin_search_reads_the_trigram_index(editor_client, articles):
    with CaptureQueriesContext(connection) as queries:
        editor_client.get(CHANGELIST, {"q": "xe buýt"})
    searches = [q["sql"] for q in queries.captured_queries if '"search_text"' in q["sql"]]
    assert searches, "the change list did not search the folded column"
    for sql in searches:
        plan = plan_without_seq_scans(sql, whole_index_scans=False)
        assert "Seq Scan on articles_article" not in plan, f"{sql}\n{plan}"
        # The count, the page and the date range; the date hierarchy's list
        # of days may start from the publication index on a tiny table.
        if "DATE_TRUNC" not in sql:
            assert "article_search_trgm_idx" in plan, f"{sql}\n{plan}"
