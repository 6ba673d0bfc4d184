"""Personal data stays private and is erased on schedule; the comment area stays cheap."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from articles import services
from comments.models import Comment
from comments.services import comments_erase_personal_data
from tests.conftest import article_page_queries
from tests.factories import ArticleFactory, CommentFactory, UserFactory

pytestmark = pytest.mark.django_db

PHONE = "+84987654321"
IP = "203.0.113.77"
AGENT = "Mozilla/5.0 (Bí mật)"


def _decided(days_ago: float, status: str = "approved", **fields) -> Comment:
    comment = CommentFactory(
        status=status,
        phone=PHONE,
        ip_address=IP,
        user_agent=AGENT,
        moderated_by=UserFactory(username="kd"),
        **fields,
    )
    Comment.objects.filter(pk=comment.pk).update(
        moderated_at=timezone.now() - timedelta(days=days_ago)
    )
    return comment


def test_phone_ip_and_browser_never_reach_a_public_page(client):
    article = ArticleFactory()
    CommentFactory(
        article=article,
        status="approved",
        phone=PHONE,
        ip_address=IP,
        user_agent=AGENT,
        title="Công khai",
    )
    pages = [
        article.get_absolute_url(),
        article.section.get_absolute_url(),
        "/",
        f"/binh-luan/{article.pk}/",
        f"/tim-kiem/?q={article.title}",
    ]
    for url in pages:
        html = client.get(url).content.decode()
        for secret in ("987654321", "987 654 321", IP, "Bí mật"):
            assert secret not in html, (url, secret)
    assert "Công khai" in client.get(article.get_absolute_url()).content.decode()


def test_erasing_clears_decided_comments_older_than_the_limit():
    old_approved = _decided(91)
    old_spam = _decided(120, status="spam")
    recent = _decided(89)
    pending = CommentFactory(phone=PHONE, ip_address=IP, user_agent=AGENT)
    Comment.objects.filter(pk=pending.pk).update(created_at=timezone.now() - timedelta(days=400))

    assert comments_erase_personal_data(older_than_days=90) == 2
    for comment in (old_approved, old_spam):
        comment.refresh_from_db()
        assert (comment.phone, comment.ip_address, comment.user_agent) == ("", None, "")
        assert comment.body  # the comment itself stays
    for comment in (recent, pending):
        comment.refresh_from_db()
        assert (comment.phone, comment.ip_address, comment.user_agent) == (PHONE, IP, AGENT)
    # A second run finds nothing left to erase.
    assert comments_erase_personal_data(older_than_days=90) == 0


def test_the_command_uses_the_setting_and_reports(settings):
    settings.COMMENTS_PERSONAL_DATA_RETENTION_DAYS = 30
    _decided(31)
    _decided(10)
    out = StringIO()
    call_command("erase_comment_personal_data", stdout=out)
    assert out.getvalue().strip() == (
        "Erased personal data from 1 comment(s) decided more than 30 days ago."
    )
    out = StringIO()
    call_command("erase_comment_personal_data", "--days", "5", stdout=out)
    assert "from 1 comment(s) decided more than 5 days ago" in out.getvalue()
    assert not Comment.objects.exclude(ip_address=None).exists()


def test_the_command_refuses_a_nonsense_limit():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="--days must be at least 1"):
        call_command("erase_comment_personal_data", "--days", "0")


# --- Query counts and pagination -----------------------------------------------


def test_article_page_queries_do_not_grow_with_comments(client, django_assert_num_queries):
    """One query more with comments than without, whether 1 or 200 (the menu is cached)."""
    article = ArticleFactory()
    url = article.get_absolute_url()
    client.get(url)  # warm the navigation cache, as on a running site
    with django_assert_num_queries(article_page_queries(with_comments=False)):
        empty = client.get(url)
    assert "Chưa có bình luận nào." in empty.content.decode()

    CommentFactory.create_batch(200, article=article, status="approved")
    with django_assert_num_queries(article_page_queries(with_comments=True)):
        full = client.get(url)
    html = full.content.decode()
    assert '<span class="comments__count">(200)</span>' in html
    assert html.count('<li class="comment"') == 50


def test_long_discussions_are_paginated_oldest_first(client, settings):
    settings.COMMENTS_PER_PAGE = 50
    article = ArticleFactory()
    base = timezone.now() - timedelta(days=1)
    for n in range(120):
        comment = CommentFactory(article=article, status="approved", title=f"Ý kiến {n:03d}")
        Comment.objects.filter(pk=comment.pk).update(created_at=base + timedelta(minutes=n))
    url = article.get_absolute_url()

    def titles(query: str = "") -> list[str]:
        comments = client.get(url + query).context["section"].page.comments
        return [c.title for c in comments]

    first = titles()
    assert first[0] == "Ý kiến 000" and first[-1] == "Ý kiến 049"
    third = titles("?binh-luan-trang=3")
    assert third == [f"Ý kiến {n:03d}" for n in range(100, 120)]
    html = client.get(url + "?binh-luan-trang=2").content.decode()
    assert "Trang 2/3" in html
    # Absolute, so the links also work on the form-with-errors page (another address).
    assert f'href="{url}?binh-luan-trang=1#binh-luan"' in html
    assert f'href="{url}?binh-luan-trang=3#binh-luan"' in html
    assert '<ol class="comment-list" start="51">' in html
    # Nonsense shows the first page; past the end, the last one.
    assert titles("?binh-luan-trang=abc") == first
    assert titles("?binh-luan-trang=-4") == first
    assert titles("?binh-luan-trang=99") == third


def test_article_lists_show_approved_counts_in_one_query(client, django_assert_num_queries):
    article = ArticleFactory(title="Bài có bình luận")
    quiet = ArticleFactory(section=article.section, title="Bài chưa có bình luận")
    url = article.section.get_absolute_url()
    client.get(url)
    # Section, count, page, bylines, thumbnails: the same five queries with or
    # without comments.
    with django_assert_num_queries(5):
        client.get(url)
    CommentFactory.create_batch(3, article=article, status="approved")
    CommentFactory.create_batch(2, article=article, status="pending")
    CommentFactory(article=quiet, status="spam")
    with django_assert_num_queries(5):
        html = client.get(url).content.decode()
    assert f'<a class="article-list__count" href="{article.get_absolute_url()}#binh-luan">' in html
    assert ">3 bình luận</a>" in html
    assert html.count('class="article-list__count"') == 1


def test_home_and_search_lists_show_approved_counts(client):
    older = ArticleFactory(
        title="Bài cũ có ý kiến bạn đọc", published_at=timezone.now() - timedelta(days=1)
    )
    services.article_save(article=older)  # fills the accent-free search text
    ArticleFactory(section=older.section, title="Bài mới nhất của chuyên mục")
    CommentFactory.create_batch(4, article=older, status="approved")
    CommentFactory(article=older, status="pending")

    count_link = f'<a class="article-list__count" href="{older.get_absolute_url()}#binh-luan">'
    for url in ("/", "/tim-kiem/?q=y+kien"):
        html = client.get(url).content.decode()
        assert count_link + "4 bình luận</a>" in html, url


def test_newer_and_older_lists_under_an_article_show_no_counts(client):
    article = ArticleFactory(published_at=timezone.now() - timedelta(days=1))
    newer = ArticleFactory(section=article.section, title="Bài đăng sau")
    CommentFactory.create_batch(2, article=newer, status="approved")

    html = client.get(article.get_absolute_url()).content.decode()

    assert "Bài đăng sau" in html
    assert "article-list__count" not in html


def test_author_lists_count_each_comment_once(client):
    from tests.factories import AuthorFactory, BylineFactory

    author = AuthorFactory(slug="tac-gia-a")
    article = ArticleFactory()
    BylineFactory(article=article, author=author, role="")
    BylineFactory(article=article, author=author, role="Ảnh")
    CommentFactory.create_batch(2, article=article, status="approved")
    html = client.get("/tac-gia/tac-gia-a/").content.decode()
    assert ">2 bình luận</a>" in html
