"""Sharing an article and printing it, as a reader does."""

import html as html_module
import re
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.factories import ArticleFactory, PhotoFactory, SectionFactory

TITLE = "Đà Nẵng: cầu Rồng phun lửa & nước"


@pytest.fixture
def article(db, settings):
    settings.NEWSROOM_SITE_URL = "https://tin.example.vn"
    return ArticleFactory(
        title=TITLE, slug="cau-rong", section=SectionFactory(name="Đô thị", slug="do-thi")
    )


def share_links(page: str) -> dict[str, str]:
    bar = re.search(r'<aside class="share".*?</aside>', page, re.S)[0]
    return {
        name: html_module.unescape(href)
        for name, href in re.findall(r'share__link--(\w+)" href="([^"]+)"', bar)
    }


def test_share_links_carry_the_absolute_address_url_encoded(client, article):
    address = f"https://tin.example.vn/do-thi/cau-rong-{article.pk}/"
    links = share_links(client.get(article.get_absolute_url()).content.decode())

    facebook = urlsplit(links["facebook"])
    assert (facebook.scheme, facebook.netloc, facebook.path) == (
        "https",
        "www.facebook.com",
        "/sharer/sharer.php",
    )
    assert (
        f"u=https%3A%2F%2Ftin.example.vn%2Fdo-thi%2Fcau-rong-{article.pk}%2F" in links["facebook"]
    )
    assert parse_qs(facebook.query) == {"u": [address]}
    zalo = urlsplit(links["zalo"])
    assert zalo.scheme == "https"
    assert zalo.netloc.endswith("zalo.me")
    assert parse_qs(zalo.query) == {"url": [address]}
    email = urlsplit(links["email"])
    assert email.scheme == "mailto"
    assert parse_qs(email.query) == {"subject": [TITLE], "body": [address]}
    assert "%26" in links["email"]  # the "&" of the title cannot end the subject
    assert links["copy"] == address  # without JavaScript, a plain link to the article


def test_the_share_bar_loads_no_third_party_script(client, article):
    page = client.get(article.get_absolute_url()).content.decode()
    scripts = re.findall(r'<script[^>]*src="([^"]+)"', page)
    assert scripts
    assert all(src.startswith("/static/") for src in scripts), scripts
    assert "/static/js/share.js" in " ".join(scripts)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_printed_article_has_its_text_photos_and_address_but_no_navigation(
    browser, live_server, settings
):
    settings.NEWSROOM_SITE_URL = live_server.url
    article = ArticleFactory(title=TITLE, slug="cau-rong")
    PhotoFactory(article=article, caption="Cầu Rồng về đêm.", credit="Quốc Huy")
    page = browser.new_page()
    try:
        page.goto(live_server.url + article.get_absolute_url())
        assert page.locator(".site-nav").is_visible()
        assert page.locator("#viet-binh-luan, .comments form").first.is_visible()
        assert page.locator(".print-address").is_hidden()

        page.emulate_media(media="print")

        for hidden in (".site-nav", ".site-header", ".comments", ".share", ".site-footer"):
            assert page.locator(hidden).first.is_hidden(), hidden
        assert page.locator(".comments form").first.is_hidden()
        assert page.locator(".article__title").is_visible()
        assert page.locator(".article__photo img").is_visible()
        caption = page.locator(".article__photo figcaption")
        assert caption.is_visible()
        assert "Cầu Rồng về đêm." in caption.inner_text()
        address = page.locator(".print-address")
        assert address.is_visible()
        assert live_server.url + article.get_absolute_url() in address.inner_text()
    finally:
        page.close()
