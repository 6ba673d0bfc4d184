"""Reads do not make pages stale; a flush that moves the ranking does, once."""

import pytest

from articles import readership
from articles.readership import article_views_flush
from tests.articles.test_readership import READER
from tests.factories import ArticleFactory, SectionFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _empty_buffer():
    readership._memory_buffer.take()
    readership._memory_buffer.done()


def read(client, article, address):
    client.post(f"/luot-doc/{article.pk}/", HTTP_USER_AGENT=READER, REMOTE_ADDR=address)


def test_reads_leave_pages_cached_and_a_flush_re_renders_them_once(client, purged):
    section = SectionFactory(name="Thời sự", slug="thoi-su")
    popular = ArticleFactory(section=section, title="Cầu Rồng phun lửa")
    other = ArticleFactory(section=section, title="Họp báo thường kỳ")
    urls = ["/", other.get_absolute_url(), "/thoi-su/"]
    for url in urls:
        client.get(url)
        assert client.get(url)["X-Page-Cache"] == "hit"
    purged.clear()  # the set-up's own changes

    for number in range(30):
        read(client, popular, f"203.0.113.{number}")
    assert [client.get(url)["X-Page-Cache"] for url in urls] == ["hit", "hit", "hit"]
    assert purged == []

    article_views_flush()
    assert purged == [frozenset({"articleviewcount"})]
    home = client.get("/")
    assert home["X-Page-Cache"] == "miss"
    assert "Cầu Rồng phun lửa" in home.content.decode().partition("Đọc nhiều")[2]
    page = client.get(other.get_absolute_url())
    assert page["X-Page-Cache"] == "miss"
    assert "Cầu Rồng phun lửa" in page.content.decode().partition("Đọc nhiều")[2]
    assert client.get("/thoi-su/")["X-Page-Cache"] == "hit"  # shows no most-read list

    # More reads that leave the order as it was: nothing to re-render.
    read(client, popular, "198.51.100.1")
    article_views_flush()
    assert purged == [frozenset({"articleviewcount"})]
    assert [client.get(url)["X-Page-Cache"] for url in urls] == ["hit", "hit", "hit"]
