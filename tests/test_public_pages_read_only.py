"""No public page view writes to the database, cached or not.

Reads are what anonymous readers do all day; a write per view (a counter, a
session, a captcha challenge) would turn every reader into load on the primary.
The read counter goes through the beacon, which only touches the buffer
(articles/readership.py). The comment POST is not a view and writes, of course.
"""

import re

import pytest
from django.db import connection

from articles import readership
from articles.models import ArticleViewCount
from articles.readership import article_views_flush, hour_of
from pagecache.middleware import recent_pages
from tests.articles.test_readership import READER
from tests.factories import (
    ArticleFactory,
    AttachmentFactory,
    AuthorFactory,
    BylineFactory,
    CommentFactory,
    SectionFactory,
    TagFactory,
)

pytestmark = pytest.mark.django_db

WRITE = re.compile(r"^\s*(INSERT|UPDATE|DELETE|REPLACE|MERGE|TRUNCATE|CREATE|DROP|ALTER)\b", re.I)


@pytest.fixture
def site():
    from django.utils import timezone

    section = SectionFactory(name="Thời sự", slug="thoi-su")
    author = AuthorFactory(name="Đặng Thu Hà", slug="dang-thu-ha")
    tag = TagFactory(name="Đà Nẵng", slug="da-nang")
    articles = []
    for number in range(25):
        article = ArticleFactory(section=section, title=f"Tin Đà Nẵng số {number}")
        article.tags.add(tag)
        BylineFactory(article=article, author=author)
        articles.append(article)
    main = articles[0]
    CommentFactory.create_batch(3, article=main, status="approved")
    attachment = AttachmentFactory(article=main)
    ArticleViewCount.objects.create(article=main, hour=hour_of(timezone.now()), views=9)
    readership._memory_buffer.take()
    readership._memory_buffer.done()
    article_views_flush()
    return {"main": main, "attachment": attachment}


def public_requests(site) -> list[tuple[str, str]]:
    main = site["main"]
    url = main.get_absolute_url()
    return [
        ("GET", "/"),
        ("GET", "/thoi-su/"),
        ("GET", "/thoi-su/?page=2"),
        ("GET", url),
        ("GET", f"{url}?binh-luan-trang=1"),
        ("GET", "/tac-gia/dang-thu-ha/"),
        ("GET", "/tu-khoa/da-nang/"),
        ("GET", "/tu-khoa/da-nang/?page=2"),
        ("GET", "/tim-kiem/?q=da+nang"),
        ("GET", "/dinh-chinh/"),
        ("GET", "/rss/"),
        ("GET", "/thoi-su/rss/"),
        ("GET", "/tac-gia/dang-thu-ha/rss/"),
        ("GET", "/tu-khoa/da-nang/rss/"),
        ("GET", "/sitemap.xml"),
        ("GET", "/sitemap-bai-viet.xml"),
        ("GET", "/sitemap-chuyen-muc.xml"),
        ("GET", "/sitemap-tac-gia.xml"),
        ("GET", "/sitemap-tu-khoa.xml"),
        ("GET", "/sitemap-tin-tuc.xml"),
        ("GET", "/robots.txt"),
        ("GET", site["attachment"].get_absolute_url()),
        ("POST", f"/luot-doc/{main.pk}/"),
    ]


@pytest.mark.parametrize("page_cache", [False, True], ids=["uncached", "page cache"])
def test_no_public_page_view_writes_to_the_database(client, site, settings, page_cache):
    settings.NEWSROOM_PAGE_CACHE = page_cache
    recent_pages.clear()
    writes: list[str] = []

    def refuse_writes(execute, sql, params, many, context):
        if WRITE.match(sql):
            writes.append(sql)
        return execute(sql, params, many, context)

    shown = {}
    with connection.execute_wrapper(refuse_writes):
        for _round in range(2):  # a miss, then (with the page cache) a hit
            for method, path in public_requests(site):
                send = client.post if method == "POST" else client.get
                response = send(path, HTTP_USER_AGENT=READER, REMOTE_ADDR="203.0.113.9")
                assert response.status_code in (200, 204), path
                shown[path] = b"".join(response) if response.streaming else response.content
    assert writes == []
    # The pages did show their content, and the reader's view was counted (in the buffer).
    assert site["main"].title.encode() in shown["/"]
    assert "Đọc nhiều".encode() in shown["/"]
    assert "Tin liên quan".encode() in shown[site["main"].get_absolute_url()]
    assert "Tin Đà Nẵng số 24".encode() in shown["/tu-khoa/da-nang/"]
    assert shown[site["attachment"].get_absolute_url()].startswith(b"%PDF")
    article_views_flush()
    assert ArticleViewCount.objects.get(article=site["main"]).views == 10
