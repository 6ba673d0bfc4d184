"""Tag pages and feeds are cached, and re-rendered when their tags or their articles change."""

import pytest

from articles import services, workflow
from articles.models import Tag
from tests.factories import ArticleFactory, SectionFactory, TagFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


def state(client, url) -> str:
    return client.get(url)["X-Page-Cache"]


def warm(client, *urls) -> None:
    for url in urls:
        client.get(url)
        assert state(client, url) == "hit", url


@pytest.fixture
def tagged():
    news = SectionFactory(name="Thời sự", slug="thoi-su")
    culture = SectionFactory(name="Văn hóa", slug="van-hoa")
    bridge = TagFactory(name="Cầu Rồng", slug="cau-rong")
    festival = TagFactory(name="Lễ hội", slug="le-hoi")
    a = ArticleFactory(section=news, title="Cầu Rồng phun lửa")
    a.tags.add(bridge)
    b = ArticleFactory(section=culture, title="Đêm hội pháo hoa")
    b.tags.add(festival)
    return {"bridge": bridge, "festival": festival, "a": a, "b": b}


def test_tagging_an_article_re_renders_that_tag_and_the_pages_showing_it_only(client, tagged):
    a, b = tagged["a"], tagged["b"]
    urls = ("/tu-khoa/cau-rong/", "/thoi-su/", "/tu-khoa/cau-rong/rss/", b.get_absolute_url())
    warm(client, *urls)
    b.tags.add(tagged["bridge"])
    page = client.get("/tu-khoa/cau-rong/")
    assert page["X-Page-Cache"] == "miss"
    assert b.title in page.content.decode()
    assert b.title in client.get("/tu-khoa/cau-rong/rss/").content.decode()
    article = client.get(b.get_absolute_url())
    assert article["X-Page-Cache"] == "miss"
    assert 'rel="tag">Cầu Rồng</a>' in article.content.decode()
    assert state(client, "/thoi-su/") == "hit"  # shows A, not B
    # A's "Tin liên quan" now shows B, which shares its tag.
    related = client.get(a.get_absolute_url()).content.decode().partition('id="related-heading"')[2]
    assert b.title in related


def test_tagging_from_the_tag_side_and_clearing_re_render_too(client, tagged):
    a = tagged["a"]
    warm(client, "/tu-khoa/le-hoi/", a.get_absolute_url())
    tagged["festival"].articles.add(a)
    assert a.title in client.get("/tu-khoa/le-hoi/").content.decode()
    assert 'rel="tag">Lễ hội</a>' in client.get(a.get_absolute_url()).content.decode()
    warm(client, "/tu-khoa/le-hoi/", a.get_absolute_url())
    a.tags.clear()
    assert a.title not in client.get("/tu-khoa/le-hoi/").content.decode()
    assert 'rel="tag"' not in client.get(a.get_absolute_url()).content.decode()


def test_renaming_a_tag_shows_on_its_articles_and_page(client, tagged):
    a = tagged["a"]
    warm(client, a.get_absolute_url(), "/tu-khoa/cau-rong/", "/sitemap-tu-khoa.xml")
    tag = Tag.objects.get(pk=tagged["bridge"].pk)
    tag.name = "Cầu Rồng Đà Nẵng"
    services.tag_save(tag=tag)
    assert 'rel="tag">Cầu Rồng Đà Nẵng</a>' in client.get(a.get_absolute_url()).content.decode()
    assert "<h1>Cầu Rồng Đà Nẵng</h1>" in client.get("/tu-khoa/cau-rong/").content.decode()


def test_withdrawing_a_tagged_article_takes_it_off_the_tag_page(client, tagged):
    # A superuser: this database is flushed between tests, so the role groups are gone.
    approver = UserFactory(username="tongbientap", is_staff=True, is_superuser=True)
    a = tagged["a"]
    warm(client, "/tu-khoa/cau-rong/", "/tu-khoa/le-hoi/")
    workflow.article_withdraw(article=a, user=approver, reason="Trùng bài")
    assert a.title not in client.get("/tu-khoa/cau-rong/").content.decode()
    assert state(client, "/tu-khoa/le-hoi/") == "hit"


def test_deleting_a_tag_takes_it_off_its_articles(client, tagged):
    a = tagged["a"]
    warm(client, a.get_absolute_url())
    Tag.objects.filter(pk=tagged["bridge"].pk).delete()
    assert 'rel="tag"' not in client.get(a.get_absolute_url()).content.decode()
