"""What a reader finds with /tim-kiem/, on SQLite and on PostgreSQL alike."""

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from articles import search, services
from articles.models import Article
from tests.factories import ArticleFactory, SectionFactory

pytestmark = pytest.mark.django_db


def publish(title, *, lead="Tin tức trong ngày.", body="<p>Nội dung.</p>", hours_ago=1, **extra):
    """An article saved through the service, as the admin saves one."""
    return services.article_save(
        article=ArticleFactory.build(
            title=title,
            lead=lead,
            body=body,
            section=SectionFactory(),
            published_at=timezone.now() - timedelta(hours=hours_ago),
            **extra,
        )
    )


def found(query: str) -> list[str]:
    return [a.title for a in search.search_articles(terms=search.search_terms(query=query))]


def result_titles(client, query: str) -> list[str]:
    html = client.get("/tim-kiem/", {"q": query}).content.decode()
    items = re.findall(r'<li class="article-list__item">.*?</li>', html, flags=re.S)
    return [re.sub(r"<[^>]+>", "", re.search(r"<a [^>]*>(.*?)</a>", item, re.S)[1]).strip()
            for item in items]  # fmt: skip


@pytest.fixture
def da_nang():
    """The case from issue 13: a page with "đa" and "nâng" apart, newer than the real ones."""
    return {
        "apart": publish(
            "Đa dạng hóa nguồn vốn để nâng cao chất lượng",
            lead="Nhiều đơn vị đa dạng cách làm, cùng nâng chất lượng dịch vụ.",
            hours_ago=1,
        ),
        "city": publish("Đà Nẵng rộn ràng đón Tết", hours_ago=5),
        "in_lead": publish(
            "Pháo hoa quốc tế trở lại", lead="Đà Nẵng công bố lịch bắn pháo hoa.", hours_ago=3
        ),
        "other": publish("Hà Nội mùa thu", hours_ago=2),
    }


def test_a_query_without_accents_finds_articles_with_them(da_nang):
    assert found("da nang")[:2] == ["Đà Nẵng rộn ràng đón Tết", "Pháo hoa quốc tế trở lại"]
    assert found("ĐÀ NẴNG")[:2] == ["Đà Nẵng rộn ràng đón Tết", "Pháo hoa quốc tế trở lại"]
    assert "Hà Nội mùa thu" not in found("da nang")
    assert found("   ") == []


def test_the_phrase_ranks_above_its_words_scattered(client, da_nang):
    titles = result_titles(client, "da nang")
    # The newer page with "đa" … "nâng" apart comes after both articles about the city.
    assert titles.index("Đa dạng hóa nguồn vốn để nâng cao chất lượng") > titles.index(
        "Pháo hoa quốc tế trở lại"
    )
    assert titles[0] == "Đà Nẵng rộn ràng đón Tết"


def test_an_exact_spelling_ranks_above_an_accent_folded_match():
    publish("Máy đa năng cho trường học", hours_ago=1)
    publish("Đà Nẵng mở đường bay mới", hours_ago=4)
    assert found("Đà Nẵng")[0] == "Đà Nẵng mở đường bay mới"
    assert found("đa năng")[0] == "Máy đa năng cho trường học"


@pytest.mark.parametrize("query", ["dda nawng", "ddaf nawxng", "d9a na8ng", "d9a2 na8ng4"])
def test_telex_and_vni_typed_without_an_input_method_still_find_the_city(client, query, da_nang):
    titles = result_titles(client, query)
    assert "Đà Nẵng rộn ràng đón Tết" in titles
    assert "Hà Nội mùa thu" not in titles


def test_a_word_only_in_the_body_is_found_and_shown_in_the_snippet(client):
    publish(
        "Lịch tiếp công dân tháng 12",
        body="<p>Chủ tịch phường sẽ tiếp dân tại <strong>trụ sở Khánh Hòa</strong>.</p>",
    )
    publish("Tin khác trong ngày")
    assert found("khanh hoa") == ["Lịch tiếp công dân tháng 12"]
    html = client.get("/tim-kiem/", {"q": "khanh hoa"}).content.decode()
    assert "trụ sở <mark>Khánh</mark> <mark>Hòa</mark>" in html


def test_whole_words_only(da_nang):
    publish("Danh sách học sinh giỏi")
    # "da" is a word of its own, not the start of "danh".
    assert "Danh sách học sinh giỏi" not in found("da")


def test_a_snippet_escapes_everything_but_its_marks(client):
    publish(
        "Cảnh báo lừa đảo qua mạng",
        body=(
            "<p>Tin nhắn giả mạo Đà Nẵng có dạng "
            "&lt;img src=x onerror=alert(1)&gt; &amp; &lt;script&gt;alert(2)&lt;/script&gt;</p>"
        ),
    )
    html = client.get("/tim-kiem/", {"q": "da nang"}).content.decode()
    snippet = re.search(r'<p class="article-list__snippet">(.*?)</p>', html, re.S)[1]
    assert "<mark>Đà</mark> <mark>Nẵng</mark>" in snippet
    assert "&lt;img src=x onerror=alert(1)&gt;" in snippet
    assert "&lt;script&gt;alert(2)&lt;/script&gt;" in snippet
    assert re.findall(r"<(\w+)", snippet) == ["mark", "mark"]


def test_the_query_itself_is_escaped_in_titles_and_marks():
    terms = search.search_terms(query="<b>xss</b>")
    shown = search.highlight(text="Bài <i>xss</i> & cộng sự", terms=terms)
    assert shown == "Bài &lt;i&gt;<mark>xss</mark>&lt;/i&gt; &amp; cộng sự"


def test_readers_find_only_what_they_may_read():
    now = timezone.now()
    publish("Đà Nẵng: bản đã đăng")
    for title, extra in {
        "Đà Nẵng: bản nháp": {"status": Article.Status.DRAFT, "published_at": None},
        "Đà Nẵng: bài hẹn giờ": {"published_at": now + timedelta(days=1)},
    }.items():
        ArticleFactory(title=title, **extra)
    ArticleFactory(
        title="Đà Nẵng: bài hết hạn",
        published_at=now - timedelta(days=2),
        expires_at=now - timedelta(minutes=1),
    )
    assert found("da nang") == ["Đà Nẵng: bản đã đăng"]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="trigram similarity")
def test_a_typo_in_the_title_still_finds_it_on_postgresql(da_nang):
    assert found("da nagn")[0] == "Đà Nẵng rộn ràng đón Tết"


def test_search_results_are_numbered_pages(client, settings):
    settings.NEWSROOM_ARTICLES_PER_PAGE = 2
    for number in range(5):
        ArticleFactory(title=f"Đà Nẵng tin số {number}")
    html = client.get("/tim-kiem/", {"q": "da nang", "page": 2}).content.decode()
    nav = re.search(r'<nav class="pagination".*?</nav>', html, re.S)[0]
    assert '<a aria-current="page" href="?q=da%20nang&amp;page=2"' in nav
    assert 'href="?q=da%20nang&amp;page=3"' in nav
    assert "Trang trước" in nav
    assert "Trang sau" in nav


@pytest.mark.skipif(connection.vendor != "postgresql", reason="ranking cap")
def test_a_very_common_query_ranks_the_newest_matches_and_says_so(client, monkeypatch):
    monkeypatch.setattr(search, "MAX_RANKED", 2)
    for hours in (1, 2, 3):
        publish(f"Đà Nẵng tin {hours}", hours_ago=hours)
    html = client.get("/tim-kiem/", {"q": "da nang"}).content.decode()
    assert "Đà Nẵng tin 1" in html
    assert "Đà Nẵng tin 2" in html
    assert "Đà Nẵng tin 3" not in html
    assert "Đây là những bài mới nhất trong số rất nhiều bài phù hợp" in html
