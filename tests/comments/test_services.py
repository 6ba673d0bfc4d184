"""The comment services called directly, as the admin, commands and views call them."""

from datetime import timedelta

import pytest
from django.core.cache import cache

from comments import services
from comments.models import Comment
from tests.factories import ArticleFactory, CommentFactory

pytestmark = pytest.mark.django_db


def _submit(article, **fields) -> Comment:
    values = {"name": "Trần Bình", "title": "Góp ý", "body": "Nội dung góp ý."}
    return services.comment_submit(article=article, **(values | fields))


def test_comment_submit_stores_a_pending_comment_with_what_it_was_given(article):
    comment = _submit(article, phone="+84912345678", ip_address="", user_agent="A" * 600)
    comment.refresh_from_db()
    assert comment.status == Comment.Status.PENDING
    assert comment.phone == "+84912345678"
    assert comment.ip_address is None
    assert comment.user_agent == "A" * Comment._meta.get_field("user_agent").max_length
    assert comment.moderated_at is None
    assert comment.moderation_reason == ""


def test_comment_submit_sends_more_links_than_allowed_to_spam_with_the_count(article):
    body = "Xem ban-thuoc.vn/a, www.ban-thuoc.vn và https://ban-thuoc.example/c"
    comment = _submit(article, body=body)
    assert comment.status == Comment.Status.SPAM
    assert comment.moderation_reason == "Có 3 liên kết, nhiều hơn mức cho phép (2)"
    assert comment.moderated_at is not None
    assert _submit(article, body="Hai liên kết: a.vn và b.com", ip_address=None).status == (
        Comment.Status.PENDING
    )


def test_comments_moderate_records_who_decided_and_counts_changes(article, moderator):
    first, second = CommentFactory(article=article), CommentFactory(article=article)
    assert (
        services.comments_moderate(
            comments=[first, second], status=Comment.Status.APPROVED, user=moderator
        )
        == 2
    )
    assert (
        services.comments_moderate(
            comments=Comment.objects.all(), status=Comment.Status.APPROVED, user=moderator
        )
        == 0
    )
    first.refresh_from_db()
    article.refresh_from_db()
    assert first.moderated_by == moderator
    assert first.moderation_reason == "Quyết định của kiemduyet"
    assert article.approved_comment_count == 2
    with pytest.raises(ValueError, match="Unknown comment status 'published'"):
        services.comments_moderate(comments=[first], status="published", user=moderator)


def test_comment_save_by_moderator_keeps_a_reason_written_with_the_status(article, moderator):
    comment = CommentFactory(article=article, moderation_reason="Trùng từ bị chặn “x”")
    comment.status = Comment.Status.APPROVED
    services.comment_save_by_moderator(comment=comment, user=moderator, changed_fields=["status"])
    comment.refresh_from_db()
    assert comment.moderation_reason == "Quyết định của kiemduyet"
    assert comment.moderated_by == moderator

    comment.status, comment.moderation_reason = Comment.Status.REJECTED, "Xúc phạm"
    services.comment_save_by_moderator(
        comment=comment, user=moderator, changed_fields=["status", "moderation_reason"]
    )
    comment.refresh_from_db()
    assert comment.moderation_reason == "Xúc phạm"
    article.refresh_from_db()
    assert article.approved_comment_count == 0


def test_comment_save_by_moderator_without_a_status_change_records_no_decision(article, moderator):
    comment = CommentFactory(article=article)
    comment.body = "Đã sửa lỗi chính tả."
    services.comment_save_by_moderator(comment=comment, user=moderator, changed_fields=["body"])
    comment.refresh_from_db()
    assert comment.body == "Đã sửa lỗi chính tả."
    assert comment.moderated_by is None
    assert comment.moderation_reason == ""


def test_comments_delete_returns_the_count_and_recounts(article):
    kept = CommentFactory(article=article, status=Comment.Status.APPROVED)
    gone = CommentFactory(article=article, status=Comment.Status.APPROVED)
    assert services.comments_delete(comments=[gone]) == 1
    assert services.comments_delete(comments=Comment.objects.none()) == 0
    article.refresh_from_db()
    assert article.approved_comment_count == 1
    assert list(Comment.objects.all()) == [kept]


def test_erasing_personal_data_spares_pending_and_recent_comments(now):
    def decided(days: int, status: str = Comment.Status.APPROVED) -> Comment:
        return CommentFactory(
            status=status, phone="+84912345678", moderated_at=now - timedelta(days=days)
        )

    old, recent, pending = decided(31), decided(29), decided(31, Comment.Status.PENDING)
    assert services.comments_erase_personal_data(older_than_days=30, now=now) == 1
    assert services.comments_erase_personal_data(older_than_days=30, now=now) == 0
    old.refresh_from_db()
    assert (old.phone, old.ip_address, old.user_agent) == ("", None, "")
    for kept in (recent, pending):
        kept.refresh_from_db()
        assert (kept.phone, kept.ip_address) == ("+84912345678", "203.0.113.7")


def test_captcha_quota_refuses_past_the_limit_with_the_window_in_minutes(settings):
    settings.COMMENTS_CAPTCHAS_PER_WINDOW = 2
    services.captcha_quota_take(ip_address="192.0.2.9")
    services.captcha_quota_take(ip_address="192.0.2.9")
    with pytest.raises(services.TooManyCaptchas) as refusal:
        services.captcha_quota_take(ip_address="192.0.2.9")
    assert refusal.value.message == (
        "Bạn đã yêu cầu quá nhiều mã xác nhận. Vui lòng thử lại sau 10 phút; "
        "nội dung bạn viết vẫn được giữ nguyên."
    )
    services.captcha_quota_take(ip_address="192.0.2.10")  # another address has its own count
    assert cache.get("comments:captchas-issued:192.0.2.9") == 3


def test_captcha_quota_of_zero_means_no_limit(settings):
    settings.COMMENTS_CAPTCHAS_PER_WINDOW = 0
    for _ in range(5):
        services.captcha_quota_take(ip_address=None)
    assert cache.get("comments:captchas-issued:unknown") is None


def test_approved_counts_refresh_all_recounts_every_article():
    article = ArticleFactory()
    CommentFactory(article=article, status=Comment.Status.APPROVED)
    type(article).objects.update(approved_comment_count=7)
    services.approved_counts_refresh_all()
    article.refresh_from_db()
    assert article.approved_comment_count == 1
