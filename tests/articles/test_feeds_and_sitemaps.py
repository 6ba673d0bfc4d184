"""Feeds, sitemaps and robots.txt: what feed readers and search engines get."""

from datetime import timedelta
from pathlib import Path

import feedparser
import pytest
from django.test import Client
from django.utils import timezone
from lxml import etree

from articles.models import Article
from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    BylineFactory,
    PhotoFactory,
    SectionFactory,
    TagFactory,
)

SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
NEWS_NS = {**SITEMAP_NS, "n": "http://www.google.com/schemas/sitemap-news/0.9"}


@pytest.fixture
def site(db, settings):
    settings.NEWSROOM_SITE_URL = "https://tin.example.vn"
    news = SectionFactory(name="Thời sự", slug="thoi-su")
    culture = SectionFactory(name="Văn hóa", slug="van-hoa")
    author = AuthorFactory(name="Ngô Bảo Châu", slug="ngo-bao-chau")
    now = timezone.now()
    newest = ArticleFactory(
        section=news,
        title="Khánh thành cầu Thuận Phước mới",
        published_at=now - timedelta(minutes=5),
    )
    BylineFactory(article=newest, author=author)
    PhotoFactory(article=newest)
    older = ArticleFactory(
        section=culture, title="Lễ hội pháo hoa", published_at=now - timedelta(days=3)
    )
    ArticleFactory(
        section=news, title="Bản nháp bí mật", status=Article.Status.DRAFT, published_at=None
    )
    ArticleFactory(section=news, title="Tin hẹn giờ", published_at=now + timedelta(days=1))
    return {"news": news, "culture": culture, "author": author, "newest": newest, "older": older}


def parse(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return feedparser.parse(response.content)


def test_the_site_feed_lists_the_newest_article_first_with_absolute_urls(client, site):
    feed = parse(client, "/rss/")
    assert not feed.bozo, feed.bozo_exception
    newest = site["newest"]
    assert feed.feed.link == "https://tin.example.vn/"
    assert feed.feed.language == "vi"
    assert [entry.title for entry in feed.entries] == [
        "Khánh thành cầu Thuận Phước mới",
        "Lễ hội pháo hoa",
    ]
    entry = feed.entries[0]
    assert entry.link == f"https://tin.example.vn{newest.get_absolute_url()}"
    assert entry.summary == newest.lead
    assert entry.author == "Ngô Bảo Châu"
    assert entry.published_parsed is not None
    assert entry.enclosures[0].href.startswith("https://tin.example.vn/media/")
    assert entry.tags[0].term == "Thời sự"


def test_section_and_author_feeds_hold_only_theirs(client, site):
    section = parse(client, "/thoi-su/rss/")
    assert [entry.title for entry in section.entries] == ["Khánh thành cầu Thuận Phước mới"]
    assert section.feed.title.startswith("Thời sự")
    author = parse(client, "/tac-gia/ngo-bao-chau/rss/")
    assert [entry.title for entry in author.entries] == ["Khánh thành cầu Thuận Phước mới"]
    assert client.get("/khong-co/rss/").status_code == 404


def test_pages_link_their_feeds(client, site):
    home = client.get("/").content.decode()
    assert 'type="application/rss+xml"' in home and 'href="https://tin.example.vn/rss/"' in home
    section = client.get("/thoi-su/").content.decode()
    assert 'href="https://tin.example.vn/thoi-su/rss/"' in section


def test_feeds_ignore_the_host_header(site, settings):
    settings.ALLOWED_HOSTS = ["evil.example", "testserver"]
    body = Client(HTTP_HOST="evil.example").get("/rss/").content.decode()
    assert "evil.example" not in body


def sitemap_locations(client, url, namespaces=SITEMAP_NS):
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"].startswith("application/xml")
    tree = etree.fromstring(response.content)
    return tree, [loc.text for loc in tree.findall(".//s:loc", namespaces)]


def test_the_sitemap_index_names_every_sitemap_on_the_site(client, site):
    tree, locations = sitemap_locations(client, "/sitemap.xml")
    assert tree.tag == "{http://www.sitemaps.org/schemas/sitemap/0.9}sitemapindex"
    assert locations == [
        "https://tin.example.vn/sitemap-bai-viet.xml",
        "https://tin.example.vn/sitemap-chuyen-muc.xml",
        "https://tin.example.vn/sitemap-tac-gia.xml",
        "https://tin.example.vn/sitemap-tu-khoa.xml",
        "https://tin.example.vn/sitemap-tin-tuc.xml",
    ]


def test_the_article_sitemap_lists_published_articles_with_lastmod(client, site):
    tree, locations = sitemap_locations(client, "/sitemap-bai-viet.xml")
    assert locations == [
        f"https://tin.example.vn{site['newest'].get_absolute_url()}",
        f"https://tin.example.vn{site['older'].get_absolute_url()}",
    ]
    assert all(
        url.find("s:lastmod", SITEMAP_NS) is not None for url in tree.findall("s:url", SITEMAP_NS)
    )
    _, sections = sitemap_locations(client, "/sitemap-chuyen-muc.xml")
    assert sections == ["https://tin.example.vn/thoi-su/", "https://tin.example.vn/van-hoa/"]
    _, authors = sitemap_locations(client, "/sitemap-tac-gia.xml")
    assert authors == ["https://tin.example.vn/tac-gia/ngo-bao-chau/"]


def test_the_news_sitemap_holds_the_last_48_hours_in_vietnamese(client, site, settings):
    tree, locations = sitemap_locations(client, "/sitemap-tin-tuc.xml", NEWS_NS)
    assert locations == [f"https://tin.example.vn{site['newest'].get_absolute_url()}"]
    news = tree.find(".//n:news", NEWS_NS)
    assert news.findtext("n:publication/n:name", namespaces=NEWS_NS) == settings.NEWSROOM_SITE_NAME
    assert news.findtext("n:publication/n:language", namespaces=NEWS_NS) == "vi"
    assert news.findtext("n:title", namespaces=NEWS_NS) == "Khánh thành cầu Thuận Phước mới"


def test_robots_txt_points_at_the_sitemaps_and_keeps_crawlers_out_of_the_admin(client, site):
    response = client.get("/robots.txt")
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    body = response.content.decode()
    assert "Disallow: /admin/" in body
    assert "Sitemap: https://tin.example.vn/sitemap.xml" in body
    assert "Sitemap: https://tin.example.vn/sitemap-tin-tuc.xml" in body


@pytest.mark.django_db(transaction=True)
def test_a_new_article_reaches_the_cached_feed_and_sitemap_at_once(settings):
    from articles import workflow
    from pagecache.middleware import recent_pages
    from tests.factories import UserFactory

    settings.NEWSROOM_PAGE_CACHE = True
    recent_pages.clear()
    client = Client()
    section = SectionFactory(name="Thời sự", slug="thoi-su")
    ArticleFactory(section=section, title="Tin cũ")
    for url in ("/rss/", "/sitemap-bai-viet.xml", "/thoi-su/rss/"):
        client.get(url)
        assert client.get(url)["X-Page-Cache"] == "hit"
    draft = ArticleFactory(
        section=section, title="Tin vừa duyệt", status="awaiting_approval", published_at=None
    )
    # A transactional test has no role groups (flushed): a superuser publishes.
    chief = UserFactory(username="tongbientap", is_staff=True, is_superuser=True)
    workflow.article_approve(article=draft, user=chief)
    assert "Tin vừa duyệt" in client.get("/rss/").content.decode()
    assert f"-{draft.pk}/" in client.get("/sitemap-bai-viet.xml").content.decode()
    assert "Tin vừa duyệt" in client.get("/thoi-su/rss/").content.decode()
    recent_pages.clear()


def test_a_feed_costs_three_queries_whatever_its_length(client, site, django_assert_num_queries):
    for n in range(10):
        article = ArticleFactory(section=site["news"], title=f"Tin số {n}")
        PhotoFactory(article=article)
        BylineFactory(article=article, author=site["author"])
    with django_assert_num_queries(3):
        client.get("/rss/")


SCHEMAS = Path(__file__).parent / "schemas"


def schema(name: str) -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(SCHEMAS / name)))


def assert_valid(xsd: etree.XMLSchema, document, url: str) -> None:
    assert xsd.validate(document), f"{url}: {xsd.error_log}"


def test_the_sitemap_index_and_every_sitemap_it_names_follow_the_schema(client, site, settings):
    settings.NEWSROOM_SITE_URL = "https://tin.example.vn"
    site["newest"].tags.add(TagFactory(name="Cầu đường"))  # so the tags' sitemap lists one
    index_xsd, sitemap_xsd = schema("siteindex.xsd"), schema("sitemap.xsd")
    index = etree.fromstring(client.get("/sitemap.xml").content)
    assert_valid(index_xsd, index, "/sitemap.xml")
    locations = index.xpath("//s:loc/text()", namespaces=SITEMAP_NS)
    assert len(locations) >= 4
    for location in locations:
        path = location.removeprefix("https://tin.example.vn")
        response = client.get(path)
        assert response.status_code == 200, path
        document = etree.fromstring(response.content)
        assert_valid(sitemap_xsd, document, path)
        assert document.xpath("//s:url", namespaces=SITEMAP_NS), f"{path} lists nothing"


def test_the_schemas_refuse_what_the_protocol_forbids():
    sitemap_xsd = schema("sitemap.xsd")
    ns = SITEMAP_NS["s"]

    def urlset(inner: str):
        return etree.fromstring(f'<urlset xmlns="{ns}"><url>{inner}</url></urlset>'.encode())

    assert sitemap_xsd.validate(urlset("<loc>https://tin.example.vn/</loc>"))
    assert not sitemap_xsd.validate(urlset("<loc>/thoi-su/</loc>"))  # not absolute
    assert not sitemap_xsd.validate(
        urlset("<loc>https://tin.example.vn/</loc><lastmod>hôm qua</lastmod>")
    )
    assert not sitemap_xsd.validate(
        urlset("<lastmod>2026-12-01</lastmod><loc>https://tin.example.vn/</loc>")
    )
    news = etree.fromstring(
        f'<urlset xmlns="{ns}" xmlns:n="{NEWS_NS["n"]}"><url><loc>https://tin.example.vn/a/</loc>'
        "<n:news><n:publication><n:name>Cổng</n:name></n:publication></n:news></url></urlset>".encode()
    )
    assert not sitemap_xsd.validate(news)  # the news extension is checked too
