"""The anonymous page cache serves fast and never serves something stale or private."""

import re
import time
from datetime import timedelta

import pytest
from django.db import transaction
from django.test import Client
from django.utils import timezone

from articles import services, workflow
from articles.models import Article
from tests.factories import ArticleFactory, AuthorFactory, SectionFactory, UserFactory

# Real commits, so the on_commit hooks that bump the version really run.
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def article():
    section = SectionFactory(name="Thời sự", slug="thoi-su")
    return ArticleFactory(section=section, title="Tin gốc")


def test_second_anonymous_view_is_served_from_cache_without_queries(
    client, article, django_assert_num_queries
):
    url = article.get_absolute_url()
    assert client.get(url)["X-Page-Cache"] == "miss"
    with django_assert_num_queries(0):
        response = client.get(url)
    assert response["X-Page-Cache"] == "hit"
    assert "Tin gốc" in response.content.decode()
    # Browsers revalidate every time (a cheap 304 with the ETag); a shared cache may keep it.
    cache_control = response["Cache-Control"]
    assert "max-age=0" in cache_control and "must-revalidate" in cache_control
    assert "s-maxage=600" in cache_control and "public" in cache_control


def test_editing_an_article_shows_at_once(client, article):
    url = article.get_absolute_url()
    client.get(url)
    article.lead = "Sapo đã sửa lỗi chính tả."
    services.article_save(article=article)
    assert "Sapo đã sửa lỗi chính tả." in client.get(url).content.decode()


def test_publishing_updates_the_home_page_and_section_at_once(client, article, superuser):
    draft = ArticleFactory(
        section=article.section,
        title="Tin vừa đăng",
        status=Article.Status.AWAITING_APPROVAL,
        published_at=None,
    )
    assert "Tin vừa đăng" not in client.get("/").content.decode()
    client.get("/thoi-su/")
    workflow.article_approve(article=draft, user=superuser)
    assert "Tin vừa đăng" in client.get("/").content.decode()
    assert "Tin vừa đăng" in client.get("/thoi-su/").content.decode()
    # And the older article's "Các bài mới đăng" list now links to it.
    assert "Tin vừa đăng" in client.get(article.get_absolute_url()).content.decode()


def test_withdrawing_removes_the_article_at_once(client, article, superuser):
    url = article.get_absolute_url()
    assert client.get(url).status_code == 200
    client.get("/")
    workflow.article_withdraw(article=article, user=superuser, reason="Sai số liệu")
    assert client.get(url).status_code == 404
    assert "Tin gốc" not in client.get("/").content.decode()


def test_scheduled_article_appears_when_its_time_passes(client, article):
    scheduled = Article(
        section=article.section,
        title="Tin hẹn giờ",
        lead="Sapo.",
        status=Article.Status.PUBLISHED,
        published_at=timezone.now() + timedelta(seconds=1),
    )
    services.article_save(article=scheduled)
    assert "Tin hẹn giờ" not in client.get("/").content.decode()
    assert client.get("/")["X-Page-Cache"] == "hit"
    time.sleep(1.1)  # nobody saves anything: only the clock moves
    response = client.get("/")
    assert response["X-Page-Cache"] == "miss"
    assert "Tin hẹn giờ" in response.content.decode()


def test_logged_in_staff_never_get_the_anonymous_copy(client, article):
    url = article.get_absolute_url()
    client.get(url)
    staff = Client()
    staff.force_login(UserFactory(is_staff=True))
    response = staff.get(url)
    assert "X-Page-Cache" not in response


def test_cached_pages_carry_no_cookie_or_csrf_token(article):
    url = article.get_absolute_url()
    first, second = Client(), Client()
    first.get(url)
    response = second.get(url)
    assert response["X-Page-Cache"] == "hit"
    assert not response.cookies
    # The form's token field is empty: comments.js fetches a token per reader.
    assert re.search(r'name="csrfmiddlewaretoken" value="[^"]', response.content.decode()) is None


def test_reader_with_a_message_gets_a_private_page_that_is_not_stored(client, article):
    url = article.get_absolute_url()
    reader = Client()
    reader.cookies["messages"] = "anything"
    response = reader.get(url)
    assert "X-Page-Cache" not in response
    assert client.get(url)["X-Page-Cache"] == "miss"


def test_conditional_get_answers_304_for_an_unchanged_page(client, article):
    url = article.get_absolute_url()
    etag = client.get(url)["ETag"]
    assert client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304
    article.title = "Tiêu đề mới"
    services.article_save(article=article)
    assert client.get(url, HTTP_IF_NONE_MATCH=etag, follow=True).status_code == 200


def test_approving_a_comment_shows_it_at_once(client, article):
    from comments import services as comment_services
    from tests.factories import CommentFactory

    comment = CommentFactory(article=article, title="Ý kiến chờ duyệt", status="pending")
    url = article.get_absolute_url()
    client.get(url)
    assert client.get(url)["X-Page-Cache"] == "hit"
    assert "Ý kiến chờ duyệt" not in client.get(url).content.decode()
    moderator = UserFactory(is_staff=True)
    comment_services.comments_moderate(comments=[comment], status="approved", user=moderator)
    response = client.get(url)
    assert response["X-Page-Cache"] == "miss"
    assert "Ý kiến chờ duyệt" in response.content.decode()


def test_several_changes_in_one_transaction_are_recorded_once(client, article, purged):
    url = article.get_absolute_url()
    client.get(url)

    with transaction.atomic():  # as the admin saves an article with its bylines and photos
        article.lead = "Sapo sửa cùng lúc với tác giả."
        services.article_save(article=article)
        services.author_save(author=AuthorFactory.build(name="Tác giả mới"))

    assert len(purged) == 1
    assert f"article:{article.pk}" in purged[0]
    assert "Sapo sửa cùng lúc với tác giả." in client.get(url).content.decode()


def test_a_change_rolled_back_does_not_take_the_next_changes_bump_with_it(client, article):
    url = article.get_absolute_url()
    client.get(url)

    with transaction.atomic():
        try:
            with transaction.atomic():
                services.author_save(author=AuthorFactory.build(name="Không được lưu"))
                raise RuntimeError("undone")
        except RuntimeError:
            pass
        article.lead = "Sapo lưu sau một thay đổi bị hủy."
        services.article_save(article=article)

    assert "Sapo lưu sau một thay đổi bị hủy." in client.get(url).content.decode()


def test_a_stale_copy_is_served_when_the_database_fails(client, article, monkeypatch):
    from django.db import OperationalError

    from articles import selectors

    url = article.get_absolute_url()
    client.get(url)
    article.lead = "Sapo sửa trước khi cơ sở dữ liệu ngừng."
    services.article_save(article=article)  # the cached copy is now stale

    def database_away(**kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr(selectors, "article_for_reader", database_away)
    client.raise_request_exception = False
    response = client.get(url)
    assert response.status_code == 200
    assert response["X-Page-Cache"] == "stale"
    assert response["Cache-Control"] == "no-store"
    assert "Tin gốc" in response.content.decode()
    # A page never cached gets the Vietnamese 503.
    other = ArticleFactory(section=article.section, title="Chưa ai đọc")
    response = client.get(other.get_absolute_url())
    assert response.status_code == 503
    assert "Hệ thống tạm thời gián đoạn" in response.content.decode()
