"""The moderators' comment search ignores accents and case."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import CommentFactory
from tests.query_plans import plan_without_seq_scans

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/comments/comment/"


@pytest.fixture
def comments():
    CommentFactory(name="Trần Thị Bình", title="Góp ý về Phố Sách", body="Nên mở thêm giờ.")
    CommentFactory(name="Lê Văn Nam", title="Xe buýt", body="Tuyến XE BUÝT số 5 rất đông.")
    CommentFactory(name="Đỗ Hà", title="Cảm ơn", body="Bài viết về Đà Nẵng rất hay.")


def listed_titles(html: str) -> list[str]:
    return re.findall(r'<th class="field-excerpt"><a [^>]*><strong>([^<]*)</strong>', html)


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("pho sach", ["Góp ý về Phố Sách"]),
        ("xe buyt", ["Xe buýt"]),
        ("da nang", ["Cảm ơn"]),
        ("tran thi binh", ["Góp ý về Phố Sách"]),  # the commenter's name
        ("DO HA", ["Cảm ơn"]),
        ("pho buyt", []),  # every word must match
    ],
)
def test_moderator_search_ignores_accents_and_case(client, moderator, comments, query, found):
    client.force_login(moderator)
    html = client.get(CHANGELIST, {"q": query}).content.decode()
    assert listed_titles(html) == found


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL query plans")
def test_moderator_search_reads_the_trigram_index(client, moderator, comments):
    client.force_login(moderator)
    with CaptureQueriesContext(connection) as queries:
        client.get(CHANGELIST, {"q": "pho sach"})
    searches = [q["sql"] for q in queries.captured_queries if "newsroom_fold" in q["sql"]]
    assert searches, "the change list did not search the folded text"
    for sql in searches:
        plan = plan_without_seq_scans(sql, whole_index_scans=False)
        assert "comment_search_trgm_idx" in plan, f"{sql}\n{plan}"
