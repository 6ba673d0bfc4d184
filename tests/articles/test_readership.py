"""Counting reads for "Đọc nhiều": the beacon, the buffer, the flush, the 24-hour and 7-day lists.

Transactional: the flush empties the buffer when its transaction commits.
"""

import time
from datetime import datetime, timedelta

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles import readership, selectors, workflow
from articles.models import Article, ArticleViewCount
from articles.readership import article_views_flush, hour_of
from tests.conftest import use_redis_cache
from tests.factories import ArticleFactory, SectionFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)

READER = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0 Safari/537.36"
)
REDIS_URL = "redis://127.0.0.1:6379/6"


@pytest.fixture(autouse=True)
def _empty_buffer():
    readership._memory_buffer.take()
    readership._memory_buffer.done()
    yield
    readership._memory_buffer.take()
    readership._memory_buffer.done()


def beacon(client, article, *, address="203.0.113.7", user_agent=READER, **headers):
    return client.post(
        f"/luot-doc/{article.pk}/",
        HTTP_USER_AGENT=user_agent,
        REMOTE_ADDR=address,
        **headers,
    )


def stored_views() -> dict[int, int]:
    totals: dict[int, int] = {}
    for row in ArticleViewCount.objects.all():
        totals[row.article_id] = totals.get(row.article_id, 0) + row.views
    return totals


@pytest.fixture
def article():
    return ArticleFactory(title="Cầu Rồng phun lửa dịp cuối tuần")


def test_a_read_is_counted_after_the_flush_not_before(client, article):
    response = beacon(client, article)
    assert response.status_code == 204 and response.content == b""
    assert response["Cache-Control"] == "no-store"
    assert stored_views() == {}
    result = article_views_flush()
    assert (result.views, result.articles) == (1, 1)
    assert stored_views() == {article.pk: 1}
    row = ArticleViewCount.objects.get()
    assert row.hour == hour_of(timezone.now())


def test_the_beacon_writes_nothing_to_the_database(client, article):
    with CaptureQueriesContext(connection) as queries:
        beacon(client, article)
    assert queries.captured_queries == []


def test_a_reader_reloading_is_counted_once_other_readers_each(client, article):
    for _ in range(5):
        beacon(client, article, address="203.0.113.7")
    beacon(client, article, address="198.51.100.20")
    beacon(client, article, address="2001:db8::1")
    article_views_flush()
    assert stored_views() == {article.pk: 3}


def test_a_reader_is_counted_again_after_the_window(client, article, settings):
    settings.NEWSROOM_VIEW_DEDUPE_SECONDS = 1
    beacon(client, article)
    beacon(client, article)
    time.sleep(1.1)
    beacon(client, article)
    article_views_flush()
    assert stored_views() == {article.pk: 2}


def test_the_same_reader_counts_for_each_article(client, article):
    other = ArticleFactory()
    beacon(client, article)
    beacon(client, other)
    article_views_flush()
    assert stored_views() == {article.pk: 1, other.pk: 1}


def test_the_address_is_not_kept_in_the_clear(client, article):
    beacon(client, article, address="203.0.113.77")
    keys = list(cache._cache)  # local memory: the keys as stored
    assert keys and not any("203.0.113.77" in key for key in keys)


@pytest.mark.parametrize(
    "user_agent",
    [
        "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
        "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
        "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)",
        "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 HeadlessChrome/131.0 Safari/537.36",
        "python-requests/2.32",
        "curl/8.5.0",
        "",
    ],
)
def test_bots_are_not_counted(client, article, user_agent):
    assert beacon(client, article, user_agent=user_agent).status_code == 204
    article_views_flush()
    assert stored_views() == {}


@pytest.mark.parametrize(
    "headers",
    [
        {"HTTP_SEC_PURPOSE": "prefetch"},
        {"HTTP_SEC_PURPOSE": "prefetch;prerender"},
        {"HTTP_PURPOSE": "prefetch"},
        {"HTTP_X_PURPOSE": "preview"},
    ],
)
def test_prefetches_are_not_counted(client, article, headers):
    assert beacon(client, article, **headers).status_code == 204
    article_views_flush()
    assert stored_views() == {}


def test_only_a_post_counts(client, article):
    assert client.get(f"/luot-doc/{article.pk}/", HTTP_USER_AGENT=READER).status_code == 405
    article_views_flush()
    assert stored_views() == {}


def test_counting_can_be_switched_off(client, article, settings):
    settings.NEWSROOM_COUNT_VIEWS = False
    beacon(client, article)
    article_views_flush()
    assert stored_views() == {}
    assert "data-view-beacon" not in client.get(article.get_absolute_url()).content.decode()


def test_the_article_page_carries_the_beacon_script(client, article):
    html = client.get(article.get_absolute_url()).content.decode()
    assert f'data-view-beacon="/luot-doc/{article.pk}/"' in html
    assert '<script src="/static/js/views.js" defer></script>' in html


def test_flush_adds_to_the_hour_and_drops_unknown_articles(client, article):
    beacon(client, article, address="203.0.113.1")
    readership.article_view_record(article_id=987654, address="203.0.113.2")
    article_views_flush()
    beacon(client, article, address="203.0.113.3")
    beacon(client, article, address="203.0.113.4")
    result = article_views_flush()
    assert result.views == 2
    assert list(ArticleViewCount.objects.values_list("article_id", "views")) == [(article.pk, 3)]


def test_reads_go_to_the_hour_they_were_made(article):
    now = timezone.now()
    readership.article_view_record(
        article_id=article.pk, address="203.0.113.1", now=now - timedelta(hours=3)
    )
    readership.article_view_record(article_id=article.pk, address="203.0.113.2", now=now)
    article_views_flush(now=now)
    hours = dict(ArticleViewCount.objects.values_list("hour", "views"))
    assert hours == {hour_of(now - timedelta(hours=3)): 1, hour_of(now): 1}


def test_flush_command_reports_what_it_wrote(client, article):
    from io import StringIO

    beacon(client, article)
    out = StringIO()
    call_command("articles_flush_views", stdout=out)
    assert out.getvalue().strip() == "1 read(s) of 1 article(s) written; most-read ranking changed."
    assert stored_views() == {article.pk: 1}


# --- The lists ------------------------------------------------------------------


def add_views(article, *, hours_ago: int, views: int, now: datetime) -> None:
    ArticleViewCount.objects.create(
        article=article, hour=hour_of(now) - timedelta(hours=hours_ago), views=views
    )


@pytest.fixture
def reads():
    """Today's favourite, this week's favourite, and articles readers may not see."""
    now = timezone.now()
    section = SectionFactory(name="Thời sự", slug="thoi-su")
    today = ArticleFactory(
        section=section, title="Tin nóng hôm nay", published_at=now - timedelta(hours=30)
    )
    week = ArticleFactory(
        section=section, title="Bài được đọc cả tuần", published_at=now - timedelta(days=6)
    )
    old = ArticleFactory(
        section=section, title="Bài của tháng trước", published_at=now - timedelta(days=40)
    )
    draft = ArticleFactory(
        title="Bản nháp được đọc thử", status=Article.Status.DRAFT, published_at=None
    )
    scheduled = ArticleFactory(title="Bài hẹn giờ", published_at=now + timedelta(hours=2))
    expired = ArticleFactory(
        title="Thông báo hết hạn",
        published_at=now - timedelta(days=2),
        expires_at=now - timedelta(minutes=5),
    )
    add_views(today, hours_ago=0, views=50, now=now)
    add_views(today, hours_ago=23, views=10, now=now)  # still inside the 24 hours
    add_views(week, hours_ago=24, views=100, now=now)  # just outside them
    add_views(week, hours_ago=2, views=5, now=now)
    add_views(old, hours_ago=7 * 24, views=1000, now=now)  # just outside the 7 days
    for hidden in (draft, scheduled, expired):
        add_views(hidden, hours_ago=1, views=5000, now=now)
    return locals()


def test_24_hours_and_7_days_rank_what_readers_may_see(reads):
    article_views_flush()
    most_read = selectors.most_read_articles()
    assert [a.title for a in most_read.day] == ["Tin nóng hôm nay", "Bài được đọc cả tuần"]
    assert [a.title for a in most_read.week] == ["Bài được đọc cả tuần", "Tin nóng hôm nay"]


def test_many_hidden_articles_read_a_lot_do_not_crowd_out_the_visible(reads):
    now = timezone.now()
    for number in range(30):
        draft = ArticleFactory(
            title=f"Nháp {number}", status=Article.Status.DRAFT, published_at=None
        )
        add_views(draft, hours_ago=1, views=9000 + number, now=now)
    article_views_flush()
    most_read = selectors.most_read_articles()
    assert [a.title for a in most_read.day] == ["Tin nóng hôm nay", "Bài được đọc cả tuần"]


def test_an_article_withdrawn_after_the_flush_leaves_the_lists_at_once(reads):
    # A superuser: the Redis-backed variant flushes the database, and the role groups with it.
    approver = UserFactory(username="tongbientap", is_staff=True, is_superuser=True)
    article_views_flush()
    workflow.article_withdraw(article=reads["today"], user=approver, reason="Sai số liệu")
    most_read = selectors.most_read_articles()
    assert [a.title for a in most_read.day] == ["Bài được đọc cả tuần"]


def test_the_lists_are_limited(reads, settings):
    settings.NEWSROOM_MOST_READ_ARTICLES = 1
    article_views_flush()
    most_read = selectors.most_read_articles()
    assert [a.title for a in most_read.week] == ["Bài được đọc cả tuần"]


def test_home_and_article_pages_show_the_lists(client, reads):
    article_views_flush()
    for url in ("/", reads["old"].get_absolute_url()):
        html = client.get(url).content.decode()
        most_read = html.partition('id="most-read-heading">Đọc nhiều</h2>')[2]
        day = most_read.partition("Trong 24 giờ qua")[2].partition("</ol>")[0]
        week = most_read.partition("Trong 7 ngày qua")[2].partition("</ol>")[0]
        assert day.index("Tin nóng hôm nay") < day.index("Bài được đọc cả tuần"), url
        assert week.index("Bài được đọc cả tuần") < week.index("Tin nóng hôm nay"), url
        for hidden in ("Bản nháp được đọc thử", "Bài hẹn giờ", "Thông báo hết hạn"):
            assert hidden not in html


def test_the_lists_take_one_query_from_the_flushed_ranking(reads):
    article_views_flush()
    with CaptureQueriesContext(connection) as few:
        selectors.most_read_articles()
    now = timezone.now()
    for number in range(20):
        add_views(ArticleFactory(section=reads["section"]), hours_ago=1, views=number + 1, now=now)
    article_views_flush()
    with CaptureQueriesContext(connection) as many:
        most_read = selectors.most_read_articles()
    assert len(few.captured_queries) == len(many.captured_queries) == 1
    assert len(most_read.day) == len(most_read.week) == 5


def test_without_a_flushed_ranking_the_lists_take_three_queries(reads):
    cache.clear()
    with CaptureQueriesContext(connection) as cold:
        most_read = selectors.most_read_articles()
    assert len(cold.captured_queries) == 3  # two rankings, then the articles
    assert [a.title for a in most_read.day] == ["Tin nóng hôm nay", "Bài được đọc cả tuần"]


# --- With Redis -------------------------------------------------------------------


def test_redis_buffer_counts_dedupes_and_flushes(client, settings, article):
    redis_client = use_redis_cache(settings, REDIS_URL)
    try:
        for address in ("203.0.113.7", "203.0.113.7", "198.51.100.20"):
            beacon(client, article, address=address)
        beacon(client, article, address="198.51.100.21", user_agent="Googlebot/2.1")
        assert stored_views() == {}
        assert article_views_flush().views == 2
        assert stored_views() == {article.pk: 2}
        assert article_views_flush().views == 0  # the buffer was emptied
        assert stored_views() == {article.pk: 2}
        assert not any(b"203.0.113.7" in key for key in redis_client.keys("*"))
    finally:
        redis_client.flushdb()


def test_redis_buffer_left_by_a_failed_flush_is_written_by_the_next(
    client, settings, article, monkeypatch
):
    redis_client = use_redis_cache(settings, REDIS_URL)
    try:
        beacon(client, article, address="203.0.113.7")

        def fail(counts):
            raise RuntimeError("database went away")

        monkeypatch.setattr(readership, "_add_counts", fail)
        with pytest.raises(RuntimeError):
            article_views_flush()
        monkeypatch.undo()
        beacon(client, article, address="198.51.100.20")  # arrives meanwhile
        article_views_flush()
        article_views_flush()
        assert stored_views() == {article.pk: 2}
    finally:
        redis_client.flushdb()


def test_an_unreachable_redis_loses_the_read_not_the_reader(client, settings, article):
    settings.CACHES = {
        "default": {
            "BACKEND": "core.cache.ForgivingRedisCache",
            "LOCATION": "redis://127.0.0.1:19499/0",
        }
    }
    assert beacon(client, article).status_code == 204
