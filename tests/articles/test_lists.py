"""What a reader sees in the lists: thumbnails, bylines, the featured story, numbered pages."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from articles import services
from articles.models import Article
from tests.factories import ArticleFactory, AuthorFactory, BylineFactory, PhotoFactory

pytestmark = pytest.mark.django_db


def items(html: str) -> list[str]:
    return re.findall(r'<li class="article-list__item.*?</li>', html, flags=re.S)


def test_a_list_item_shows_its_thumbnail_with_size_and_its_bylines(client):
    article = ArticleFactory(title="Cầu Rồng phun lửa cuối tuần")
    PhotoFactory(
        article=article,
        order=0,
        width=1200,
        height=800,
        renditions=[
            {"width": 800, "height": 533, "webp": "r/a-800.webp", "jpg": "r/a-800.jpg"},
            {"width": 480, "height": 320, "webp": "r/a-480.webp", "jpg": "r/a-480.jpg"},
        ],
    )
    BylineFactory(article=article, author=AuthorFactory(name="Lê Thu Hà", slug="le-thu-ha"))
    BylineFactory(article=article, author=AuthorFactory(name="Phan Anh", slug="phan-anh"))

    for url in (article.section.get_absolute_url(), "/tac-gia/le-thu-ha/", "/"):
        html = client.get(url).content.decode()
        item = next(i for i in items(html) if "Cầu Rồng phun lửa cuối tuần" in i)
        image = re.search(r"<img [^>]*>", item)[0]
        assert 'src="/media/r/a-480.jpg"' in image, url
        assert 'width="480" height="320"' in image, url
        assert 'loading="lazy"' in image, url
        assert (
            '<a href="/tac-gia/le-thu-ha/" rel="author">Lê Thu Hà</a>, '
            '<a href="/tac-gia/phan-anh/" rel="author">Phan Anh</a>'
        ) in item, url


def test_an_article_without_photos_is_listed_without_an_image(client):
    article = ArticleFactory(title="Thông báo lịch nghỉ Tết")
    html = client.get(article.section.get_absolute_url()).content.decode()
    assert "<img" not in items(html)[0]


def test_the_home_page_puts_the_newest_visible_featured_story_on_top(client):
    now = timezone.now()
    ArticleFactory(title="Tiêu điểm cũ", featured=True, published_at=now - timedelta(days=2))
    chosen = ArticleFactory(
        title="Tiêu điểm mới", featured=True, published_at=now - timedelta(hours=3)
    )
    PhotoFactory(article=chosen)
    ArticleFactory(title="Tin thường mới hơn", published_at=now - timedelta(minutes=5))
    ArticleFactory(title="Tiêu điểm hẹn giờ", featured=True, published_at=now + timedelta(hours=1))
    ArticleFactory(
        title="Tiêu điểm nháp", featured=True, status=Article.Status.DRAFT, published_at=None
    )

    html = client.get("/").content.decode()
    featured = re.search(r'<section class="featured".*?</section>', html, re.S)[0]
    assert "Tiêu điểm" in featured
    link = f'<a href="{chosen.get_absolute_url()}">Tiêu điểm mới</a>'
    assert f'<h3 class="featured__title">{link}</h3>' in featured
    image = re.search(r"<img [^>]*>", featured)[0]
    assert 'fetchpriority="high"' in image
    assert re.search(r'width="120" height="80"', image)  # the factory's image
    assert "loading=" not in image
    # It comes before the sections' fronts.
    assert html.index('class="featured"') < html.index('class="front"')


def test_the_home_page_has_no_featured_block_until_an_editor_features_one(client):
    article = ArticleFactory(title="Tin bình thường")
    assert 'class="featured"' not in client.get("/").content.decode()
    article.featured = True
    services.article_save(article=article)
    assert 'class="featured"' in client.get("/").content.decode()


def test_the_home_page_latest_list_has_numbered_pages(client, settings):
    settings.NEWSROOM_ARTICLES_PER_PAGE = 3
    now = timezone.now()
    for number in range(8):
        ArticleFactory(title=f"Tin thứ {number}", published_at=now - timedelta(hours=number + 1))
    second = client.get("/", {"page": 2}).content.decode()
    nav = re.search(r'<nav class="pagination".*?</nav>', second, re.S)[0]
    numbers = re.findall(
        r'class="pagination__page[^"]*"><span class="visually-hidden">Trang </span>(\d+)', nav
    )
    assert numbers == ["1", "2", "3"]
    assert '<a aria-current="page" href="?page=2"' in nav
    assert '<a class="pagination__step" rel="prev" href=".">« Trang trước</a>' in nav
    assert '<a class="pagination__step" rel="next" href="?page=3">Trang sau »</a>' in nav
    assert "Tin thứ 3" in second
    assert "Tin thứ 2" not in second  # on page 1
    assert 'class="front"' not in second  # the fronts are on page 1 only


def test_the_article_page_first_photo_loads_first(client):
    article = ArticleFactory()
    for order in range(2):
        PhotoFactory(article=article, order=order, width=120, height=80)
    html = client.get(article.get_absolute_url()).content.decode()
    first, second = re.findall(r"<img [^>]*>", html)[:2]
    assert 'fetchpriority="high"' in first
    assert "loading=" not in first
    assert 'loading="lazy"' in second
    assert "fetchpriority" not in second
