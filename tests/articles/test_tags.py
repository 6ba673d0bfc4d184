"""Tags ("Từ khóa"): chosen by editors, shown on the article, a page and a feed per tag,
the tags' sitemap, and "Tin liên quan" by shared tags then section."""

from datetime import timedelta

import feedparser
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles import selectors, services
from articles.models import Article, Tag
from tests.admin_forms import NO_INLINE_ROWS
from tests.articles.test_feeds_and_sitemaps import sitemap_locations
from tests.conftest import article_page_queries
from tests.factories import ArticleFactory, SectionFactory, TagFactory

pytestmark = pytest.mark.django_db


def ago(**kwargs):
    return timezone.now() - timedelta(**kwargs)


@pytest.fixture
def tagged():
    news = SectionFactory(name="Thời sự", slug="thoi-su")
    culture = SectionFactory(name="Văn hóa", slug="van-hoa")
    da_nang = services.tag_save(tag=Tag(name="Đà Nẵng"))
    bridge = services.tag_save(tag=Tag(name="Cầu Rồng"))
    main = ArticleFactory(section=news, title="Cầu Rồng phun lửa dịp cuối tuần")
    main.tags.add(da_nang, bridge)
    both = ArticleFactory(
        section=culture, title="Lễ hội pháo hoa bên cầu Rồng", published_at=ago(days=3)
    )
    both.tags.add(da_nang, bridge)
    one = ArticleFactory(
        section=culture, title="Đà Nẵng đón khách quốc tế", published_at=ago(hours=2)
    )
    one.tags.add(da_nang)
    draft = ArticleFactory(
        title="Bản nháp về Đà Nẵng", status=Article.Status.DRAFT, published_at=None
    )
    draft.tags.add(da_nang, bridge)
    scheduled = ArticleFactory(
        title="Bài hẹn giờ về cầu Rồng", published_at=timezone.now() + timedelta(hours=3)
    )
    scheduled.tags.add(da_nang, bridge)
    expired = ArticleFactory(
        title="Thông báo đã hết hạn về cầu Rồng", published_at=ago(days=2), expires_at=ago(hours=1)
    )
    expired.tags.add(da_nang, bridge)
    same_section = ArticleFactory(
        section=news, title="Họp báo thường kỳ của thành phố", published_at=ago(hours=5)
    )
    return locals()


def test_tag_slug_is_vietnamese_and_unique():
    first = services.tag_save(tag=Tag(name="Đà  Nẵng"))
    assert first.slug == "da-nang"
    second = services.tag_save(tag=Tag(name="Đà Nẵng!"))
    assert second.slug == "da-nang-2"
    typed = services.tag_save(tag=Tag(name="Điện lực", slug="Điện Lực"))
    assert typed.slug == "dien-luc"


def test_article_page_shows_its_tags_linked_and_in_opengraph(client, tagged):
    html = client.get(tagged["main"].get_absolute_url()).content.decode()
    assert '<a href="/tu-khoa/cau-rong/" rel="tag">Cầu Rồng</a>' in html
    assert '<a href="/tu-khoa/da-nang/" rel="tag">Đà Nẵng</a>' in html
    assert '<meta property="article:tag" content="Cầu Rồng">' in html
    assert '<meta property="article:tag" content="Đà Nẵng">' in html


def test_tag_page_lists_only_what_readers_may_see_newest_first(client, tagged):
    response = client.get("/tu-khoa/cau-rong/")
    html = response.content.decode()
    assert "<h1>Cầu Rồng</h1>" in html
    assert html.index(tagged["main"].title) < html.index(tagged["both"].title)
    for hidden in ("draft", "scheduled", "expired", "one"):
        assert tagged[hidden].title not in html
    assert '<link rel="alternate" type="application/rss+xml" title="Cầu Rồng - ' in html
    assert 'href="https://tin.example.vn/tu-khoa/cau-rong/rss/"' in html
    assert client.get("/tu-khoa/khong-co/").status_code == 404


def test_tag_page_is_paginated_like_section_pages(client, settings):
    tag = TagFactory(name="Giao thông")
    for hours in range(25):
        ArticleFactory(
            title=f"Phân luồng số {hours:02d}", published_at=ago(hours=hours + 1)
        ).tags.add(tag)
    first = client.get("/tu-khoa/giao-thong/").content.decode()
    second = client.get("/tu-khoa/giao-thong/?page=2").content.decode()
    assert "Phân luồng số 00" in first and "Phân luồng số 19" in first
    assert "Phân luồng số 20" not in first
    assert "Phân luồng số 20" in second and "Phân luồng số 24" in second
    assert 'href="https://tin.example.vn/tu-khoa/giao-thong/?page=2"' in second


def test_tag_feed_parses_and_lists_the_newest_tagged_article(client, tagged):
    feed = feedparser.parse(client.get("/tu-khoa/da-nang/rss/").content)
    assert not feed.bozo
    assert feed.feed.title.startswith("Đà Nẵng - ")
    titles = [entry.title for entry in feed.entries]
    assert titles == [tagged["main"].title, tagged["one"].title, tagged["both"].title]
    assert feed.entries[0].link == "https://tin.example.vn" + tagged["main"].get_absolute_url()


def test_tags_sitemap_lists_tags_readers_can_see_an_article_under(client, tagged):
    TagFactory(name="Chỉ có bản nháp").articles.add(tagged["draft"])
    TagFactory(name="Trống")
    _tree, locations = sitemap_locations(client, "/sitemap-tu-khoa.xml")
    assert locations == [
        "https://tin.example.vn/tu-khoa/cau-rong/",
        "https://tin.example.vn/tu-khoa/da-nang/",
    ]


def test_related_articles_share_most_tags_first_then_the_section(tagged):
    main = tagged["main"]
    related = selectors.related_articles(main, tags=selectors.article_tags(main))
    assert [a.title for a in related] == [
        tagged["both"].title,  # two tags in common
        tagged["one"].title,  # one
        tagged["same_section"].title,  # none, same section
    ]


def test_related_articles_without_tags_are_the_section_newest_first(tagged):
    lonely = ArticleFactory(
        section=tagged["news"], title="Bài không có từ khóa", published_at=ago(hours=1)
    )
    related = selectors.related_articles(lonely, tags=[])
    assert [a.title for a in related] == [tagged["main"].title, tagged["same_section"].title]


def test_article_page_shows_related_and_never_itself(client, tagged):
    html = client.get(tagged["main"].get_absolute_url()).content.decode()
    related = html.partition('id="related-heading"')[2].partition("</section>")[0]
    assert tagged["both"].title in related
    assert tagged["main"].title not in related
    for hidden in ("draft", "scheduled", "expired"):
        assert tagged[hidden].title not in html


def test_article_page_queries_do_not_grow_with_tags(client, tagged, django_assert_num_queries):
    main = tagged["main"]
    url = main.get_absolute_url()
    client.get(url)  # warm the navigation cache
    with django_assert_num_queries(article_page_queries(with_comments=False, with_tags=True)):
        client.get(url)
    for number in range(6):
        tag = TagFactory(name=f"Thêm {number}")
        main.tags.add(tag)
        ArticleFactory(section=tagged["culture"], title=f"Liên quan thêm {number}").tags.add(tag)
    with django_assert_num_queries(article_page_queries(with_comments=False, with_tags=True)):
        html = client.get(url).content.decode()
    assert "Thêm 5" in html


def test_related_articles_take_two_queries_whatever_the_tags(tagged):
    main = tagged["main"]
    tags = selectors.article_tags(main)
    with CaptureQueriesContext(connection) as few:
        selectors.related_articles(main, tags=tags)
    for number in range(10):
        ArticleFactory(title=f"Cùng từ khóa {number}").tags.add(*tags)
    with CaptureQueriesContext(connection) as many:
        related = selectors.related_articles(main, tags=tags)
    assert len(few.captured_queries) == len(many.captured_queries) == 2
    assert len(related) == 5


def test_editor_tags_an_article_in_the_admin(editor_client, tagged):
    response = editor_client.post(
        "/admin/articles/article/add/",
        {
            "title": "Đà Nẵng đón Tết",
            "section": tagged["news"].pk,
            "lead": "Sáng nay, thành phố rộn ràng.",
            "body": "<p>Thân bài.</p>",
            "tags": [tagged["da_nang"].pk, tagged["bridge"].pk],
            "status": "published",
            "published_at_0": "",
            "published_at_1": "",
            **NO_INLINE_ROWS,
        },
    )
    assert response.status_code == 302
    article = Article.objects.get(title="Đà Nẵng đón Tết")
    assert sorted(article.tags.values_list("name", flat=True)) == ["Cầu Rồng", "Đà Nẵng"]
    # An autocomplete box, not a list of every tag.
    form = editor_client.get(f"/admin/articles/article/{article.pk}/change/").content.decode()
    assert 'data-ajax--url="/admin/autocomplete/"' in form and 'name="tags"' in form


def test_editor_creates_a_tag_with_a_server_made_slug(editor_client):
    response = editor_client.post(
        "/admin/articles/tag/add/", {"name": "Điện lực Đà Nẵng", "slug": ""}
    )
    assert response.status_code == 302
    assert Tag.objects.get().slug == "dien-luc-da-nang"
