import re
import unicodedata
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.test import override_settings
from django.utils import timezone

from articles import services
from articles.models import Article
from tests.conftest import article_page_queries
from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    BylineFactory,
    PhotoFactory,
    SectionFactory,
)

pytestmark = pytest.mark.django_db

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")


@pytest.fixture
def article():
    section = SectionFactory(name="Thời sự", slug="thoi-su")
    article = ArticleFactory(
        section=section,
        title="Sở TT&TT chúc Tết Xuân Đinh Dậu 2017",
        slug="so-tt-tt-chuc-tet-xuan-dinh-dau-2017",
        lead="Chiều 19/1, lãnh đạo Sở đã đến thăm và chúc Tết các cơ quan báo chí.",
        body="<p>Đoạn thân bài đầu tiên.</p><h2>Tiêu đề phụ</h2>",
        # 22:33 UTC on the 19th is 05:33 on the 20th in Vietnam.
        published_at=datetime(2017, 1, 19, 22, 33, tzinfo=ZoneInfo("UTC")),
    )
    PhotoFactory(article=article, caption="Lãnh đạo Sở phát biểu.", credit="Minh Đức", order=1)
    PhotoFactory(article=article, caption="Các đại biểu chụp ảnh lưu niệm.", credit="", order=2)
    BylineFactory(article=article, author=AuthorFactory(name="Thanh Hà"), role="", order=1)
    BylineFactory(article=article, author=AuthorFactory(name="Đức Anh"), role="Ảnh", order=2)
    return article


def _position(html: str, text: str) -> int:
    position = html.find(text)
    assert position != -1, f"{text!r} is not on the page"
    return position


def test_article_page_shows_parts_in_portal_order(client, article):
    newer = ArticleFactory(
        section=article.section,
        title="Bài mới hơn",
        published_at=article.published_at + timedelta(days=1),
    )
    older = ArticleFactory(
        section=article.section,
        title="Bài cũ hơn",
        published_at=article.published_at - timedelta(days=1),
    )
    # What the reader sees: the head's metadata (JSON-LD names the authors too) is not read.
    html = client.get(article.get_absolute_url()).content.decode().partition("<body>")[2]

    order = [
        _position(html, '<h1 class="article__title">Sở TT&amp;TT chúc Tết Xuân Đinh Dậu 2017</h1>'),
        _position(html, "(05:33 20/01/2017)"),
        _position(html, '<strong class="article__outlet">HNP</strong> - Chiều 19/1, lãnh đạo Sở'),
        _position(html, "Lãnh đạo Sở phát biểu."),
        _position(html, "Các đại biểu chụp ảnh lưu niệm."),
        _position(html, "Đoạn thân bài đầu tiên."),
        _position(html, "Thanh Hà"),
        _position(html, "Ảnh: <a"),
        _position(html, "Các bài mới đăng"),
        _position(html, newer.title),
        _position(html, "Các bài đã đăng"),
        _position(html, older.title),
    ]
    assert order == sorted(order)


def test_article_page_has_caption_credit_and_alt_under_each_photo(client, article):
    html = client.get(article.get_absolute_url()).content.decode()
    figures = re.findall(r"<figure class=\"article__photo\">.*?</figure>", html, re.S)
    assert len(figures) == 2
    assert 'alt="Đám đông trước sân khấu ngoài trời"' in figures[0]
    assert re.search(r"<img [^>]*width=\"120\" height=\"80\"", figures[0])
    assert "<figcaption>Lãnh đạo Sở phát biểu. " in figures[0]
    assert "(Ảnh: Minh Đức)" in figures[0]
    assert "Ảnh:" not in figures[1]  # no credit, no empty "Ảnh: " label
    assert 'loading="lazy"' not in figures[0] and 'loading="lazy"' in figures[1]


def test_article_page_head_is_vietnamese_and_canonical(client, article, settings):
    settings.NEWSROOM_SITE_URL = "https://tin.example.vn"
    html = client.get(article.get_absolute_url()).content.decode()
    assert '<html lang="vi">' in html
    assert "<title>Sở TT&amp;TT chúc Tết Xuân Đinh Dậu 2017 - " in html
    assert '<meta name="description" content="Chiều 19/1, lãnh đạo Sở' in html
    assert (
        f'<link rel="canonical" href="https://tin.example.vn/thoi-su/so-tt-tt-chuc-tet-xuan-dinh-dau-2017-{article.pk}/">'
        in html
    )


@override_settings(NEWSROOM_OUTLET_CODE="ĐNP")
def test_outlet_code_comes_from_settings(client, article):
    html = client.get(article.get_absolute_url()).content.decode()
    assert '<strong class="article__outlet">ĐNP</strong> - Chiều 19/1' in html


def test_newer_and_older_lists_hold_ten_of_the_same_section_with_dates(client, article):
    for day in range(1, 13):
        ArticleFactory(
            section=article.section,
            title=f"Tin sau {day} ngày",
            published_at=article.published_at + timedelta(days=day),
        )
        ArticleFactory(
            section=article.section,
            title=f"Tin trước {day} ngày",
            published_at=article.published_at - timedelta(days=day),
        )
    ArticleFactory(
        title="Tin chuyên mục khác", published_at=article.published_at + timedelta(hours=1)
    )
    ArticleFactory(
        section=article.section,
        title="Tin nháp",
        status=Article.Status.DRAFT,
        published_at=article.published_at + timedelta(hours=2),
    )
    response = client.get(article.get_absolute_url())
    newer = [a.title for a in response.context["newer_articles"]]
    older = [a.title for a in response.context["older_articles"]]
    # The ten closest in time, newest at the top of each list.
    assert newer == [f"Tin sau {day} ngày" for day in range(10, 0, -1)]
    assert older == [f"Tin trước {day} ngày" for day in range(1, 11)]
    html = response.content.decode()
    assert "Tin chuyên mục khác" not in html
    assert "Tin nháp" not in html
    assert "Tin sau 1 ngày</a>\n      <time" in html
    assert "(21/01/2017)" in html  # the date beside "Tin sau 1 ngày"


def test_articles_published_at_the_same_minute_are_still_ordered(client, article):
    twin = ArticleFactory(
        section=article.section, title="Bài cùng giờ", published_at=article.published_at
    )
    response = client.get(article.get_absolute_url())
    assert [a.pk for a in response.context["newer_articles"]] == [twin.pk]
    response = client.get(twin.get_absolute_url())
    assert [a.pk for a in response.context["older_articles"]] == [article.pk]


def test_old_links_redirect_to_the_current_address(client, article):
    old_url = article.get_absolute_url()
    article.title = "Tiêu đề đã sửa"
    article.slug = ""
    services.article_save(article=article)
    assert article.slug == "tieu-de-da-sua"
    response = client.get(old_url)
    assert response.status_code == 301
    assert response["Location"] == f"/thoi-su/tieu-de-da-sua-{article.pk}/"


def test_unknown_section_and_article_are_vietnamese_404s(client, article):
    for url in (
        "/khong-co-chuyen-muc/",
        f"/thoi-su/bai-khong-co-{article.pk + 999}/",
        "/tac-gia/ai-do/",
    ):
        response = client.get(url)
        assert response.status_code == 404
        assert "Không tìm thấy trang" in response.content.decode()


def test_nfd_title_is_stored_and_shown_as_nfc(client, article):
    article.title = unicodedata.normalize("NFD", "Hội Gò Đống Đa")
    services.article_save(article=article)
    article.refresh_from_db()
    assert article.title == "Hội Gò Đống Đa"
    assert unicodedata.is_normalized("NFC", article.title)
    html = client.get(article.get_absolute_url(), follow=True).content.decode()
    assert "Hội Gò Đống Đa" in html


def test_article_page_makes_a_fixed_number_of_queries(client, article, django_assert_num_queries):
    queries = article_page_queries(with_comments=False)
    url = article.get_absolute_url()
    client.get(url)  # warm the navigation cache, as on a running site
    with django_assert_num_queries(queries):
        client.get(url)
    for order in range(3, 8):
        PhotoFactory(article=article, order=order)
        BylineFactory(article=article, role=f"Vai {order}")
    with django_assert_num_queries(queries):
        response = client.get(url)
    assert len(response.context["photos"]) == 7


def test_home_shows_newest_articles_per_section(client, settings):
    settings.NEWSROOM_HOME_ARTICLES_PER_SECTION = 3
    now = timezone.now()
    news, culture = SectionFactory(name="Thời sự"), SectionFactory(name="Văn hóa")
    for hours in range(1, 6):
        ArticleFactory(
            section=news, title=f"Thời sự {hours}", published_at=now - timedelta(hours=hours)
        )
    ArticleFactory(section=culture, title="Văn hóa 1", published_at=now - timedelta(hours=1))
    ArticleFactory(section=culture, title="Văn hóa hẹn giờ", published_at=now + timedelta(hours=1))
    response = client.get("/")
    fronts = {f.section.name: [a.title for a in f.articles] for f in response.context["fronts"]}
    assert fronts == {
        "Thời sự": ["Thời sự 1", "Thời sự 2", "Thời sự 3"],
        "Văn hóa": ["Văn hóa 1"],
    }
    assert "Văn hóa hẹn giờ" not in response.content.decode()


def test_section_page_is_paginated_newest_first(client, settings):
    settings.NEWSROOM_ARTICLES_PER_PAGE = 20
    section = SectionFactory(name="Đô thị", slug="do-thi")
    now = timezone.now()
    for n in range(25):
        ArticleFactory(
            section=section, title=f"Đô thị {n:02d}", published_at=now - timedelta(hours=n + 1)
        )
    first = client.get("/do-thi/")
    assert [a.title for a in first.context["articles"]][:2] == ["Đô thị 00", "Đô thị 01"]
    assert len(first.context["articles"]) == 20
    nav = re.search(r'<nav class="pagination".*?</nav>', first.content.decode(), re.S)[0]
    assert '<a aria-current="page" href="."' in nav
    assert '<a href="?page=2" class="pagination__page">' in nav
    assert '<a class="pagination__step" rel="next" href="?page=2">Trang sau »</a>' in nav
    assert "Trang trước" not in nav
    second = client.get("/do-thi/?page=2")
    assert [a.title for a in second.context["articles"]] == [
        f"Đô thị {n:02d}" for n in range(20, 25)
    ]
    assert client.get("/do-thi/?page=9").status_code == 404


def test_author_page_lists_only_that_authors_published_articles(client):
    author = AuthorFactory(name="Đặng Thu Trang", slug="dang-thu-trang")
    mine = BylineFactory(author=author).article
    BylineFactory(
        author=author, article=ArticleFactory(status=Article.Status.DRAFT, published_at=None)
    )
    ArticleFactory(title="Bài của người khác")
    response = client.get("/tac-gia/dang-thu-trang/")
    assert [a.pk for a in response.context["articles"]] == [mine.pk]
    assert "Đặng Thu Trang" in response.content.decode()


def test_search_finds_articles_without_accents(client):
    article = ArticleFactory(title="Đà Nẵng đón Tết")
    services.article_save(article=article)
    ArticleFactory(title="Tin khác")
    response = client.get("/tim-kiem/", {"q": "da nang"})
    assert [a.pk for a in response.context["articles"]] == [article.pk]
    assert "1 kết quả cho “da nang”" in response.content.decode()


def test_published_time_is_shown_in_vietnam_time(client):
    article = ArticleFactory(
        published_at=timezone.make_aware(datetime(2024, 12, 31, 23, 59), VIETNAM)
    )
    assert "(23:59 31/12/2024)" in client.get(article.get_absolute_url()).content.decode()


def test_article_page_describes_itself_to_search_engines_and_social_networks(
    client, article, settings
):
    import json
    import re

    settings.NEWSROOM_SITE_URL = "https://tin.example.vn"
    html = client.get(article.get_absolute_url()).content.decode()
    url = f"https://tin.example.vn{article.get_absolute_url()}"
    for tag in (
        f'<meta property="og:url" content="{url}">',
        '<meta property="og:locale" content="vi_VN">',
        f'<meta property="og:site_name" content="{settings.NEWSROOM_SITE_NAME}">',
        '<meta property="article:published_time" content="2017-01-20T05:33+07:00">',
        '<meta property="article:section" content="Thời sự">',
        '<meta property="og:image:width" content="120">',
        '<meta name="twitter:card" content="summary_large_image">',
    ):
        assert tag in html, tag
    blocks = [
        json.loads(block)
        for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    ]
    news, breadcrumbs = blocks
    assert news["@type"] == "NewsArticle"
    assert news["headline"] == "Sở TT&TT chúc Tết Xuân Đinh Dậu 2017"
    assert news["mainEntityOfPage"]["@id"] == url
    assert news["datePublished"] == "2017-01-20T05:33+07:00"
    assert news["dateModified"]
    assert [a["name"] for a in news["author"]] == ["Thanh Hà", "Đức Anh"]
    assert news["author"][0]["url"].startswith("https://tin.example.vn/tac-gia/")
    assert news["publisher"]["name"] == settings.NEWSROOM_SITE_NAME
    assert news["publisher"]["logo"]["url"].startswith("https://tin.example.vn/")
    assert news["image"] and all(
        i.startswith("https://tin.example.vn/media/") for i in news["image"]
    )
    assert [item["name"] for item in breadcrumbs["itemListElement"]] == [
        "Trang chủ",
        "Thời sự",
        "Sở TT&TT chúc Tết Xuân Đinh Dậu 2017",
    ]


def test_structured_data_cannot_close_its_script(client, article):
    article.title = "</script><script>alert(1)</script>"
    article.save()
    html = client.get(article.get_absolute_url()).content.decode()
    assert "</script><script>alert(1)" not in html
