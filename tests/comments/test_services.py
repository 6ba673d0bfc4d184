"""The comment services called directly, as the admin, commands and views call them."""

import logging
from datetime import timedelta
from types import SimpleNamespace

import pytest
from captcha.models import CaptchaStore
from django.contrib.auth.models import Group
from django.core import mail
from django.core.cache import cache
from django.core.cache.backends import base, locmem
from django.urls import reverse
from django.utils import timezone

from articles.roles import MODERATORS_GROUP
from comments import services
from comments.models import BlockedTerm, Comment, CommentDecision, SenderBlock
from tests.factories import ArticleFactory, CommentFactory, UserFactory

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


def test_comment_submit_to_a_closed_article_is_refused_and_logged(article, caplog):
    caplog.set_level(logging.INFO, logger="comments")
    article.comments_closed = True
    article.save()
    with pytest.raises(services.CommentNotAccepted) as refusal:
        _submit(article)
    assert (refusal.value.code, str(refusal.value)) == ("closed", "Bài viết này đã đóng bình luận.")
    assert not Comment.objects.exists()
    assert [(r.name, r.getMessage(), r.event, r.article_id, r.reason) for r in caplog.records] == [
        ("comments", "comment refused", "comment_refused", article.pk, "closed")
    ]


def test_comment_submit_logs_ids_and_the_rule_never_the_readers_text(article, caplog):
    caplog.set_level(logging.INFO, logger="comments")
    comment = _submit(article, body="Có 3 liên kết: a.vn, b.com, c.net", phone="+84912345678")
    (record,) = caplog.records
    assert (record.name, record.getMessage(), record.event) == (
        "comments",
        "comment stored",
        "comment_stored",
    )
    assert (record.comment_id, record.article_id, record.status, record.reason) == (
        comment.pk,
        article.pk,
        Comment.Status.SPAM,
        "Có 3 liên kết, nhiều hơn mức cho phép (2)",
    )
    assert "+84912345678" not in str(record.__dict__)


def test_comments_moderate_logs_the_decision_with_the_comment_ids(article, moderator, caplog):
    caplog.set_level(logging.INFO, logger="comments")
    first, second = CommentFactory(article=article), CommentFactory(article=article)
    services.comments_moderate(comments=[first, second], status="spam", user=moderator)
    (record,) = caplog.records
    assert (record.getMessage(), record.event, record.status, record.count) == (
        "comments moderated",
        "comments_moderated",
        "spam",
        2,
    )
    assert (record.moderator_id, record.comment_ids) == (moderator.pk, f"{first.pk},{second.pk}")


def test_comments_moderate_logs_at_most_200_ids(article, moderator, caplog):
    caplog.set_level(logging.INFO, logger="comments")
    comments = Comment.objects.bulk_create(
        Comment(article=article, name="An", title="T", body=f"B {n}") for n in range(201)
    )
    services.comments_moderate(comments=comments, status="approved", user=moderator)
    (record,) = caplog.records
    assert record.count == 201
    assert record.comment_ids == ",".join(str(c.pk) for c in comments[:200])


def test_the_same_comment_sent_twice_is_stored_once(article):
    first = _submit(article, ip_address="192.0.2.5")
    assert _submit(article, ip_address="192.0.2.5") == first
    assert Comment.objects.count() == 1


def test_the_same_text_on_another_article_is_refused_as_a_duplicate(article):
    _submit(article, ip_address="192.0.2.5")
    with pytest.raises(services.CommentNotAccepted) as refusal:
        _submit(ArticleFactory(), ip_address="192.0.2.5")
    assert refusal.value.code == "duplicate"


def test_the_interval_ends_exactly_and_a_last_second_is_counted_as_one(article):
    first = _submit(article, ip_address="192.0.2.1")
    with pytest.raises(services.CommentNotAccepted) as refusal:
        _submit(
            article,
            body="Ý thứ hai.",
            ip_address="192.0.2.1",
            now=first.created_at + timedelta(seconds=29, milliseconds=500),
        )
    assert (refusal.value.code, refusal.value.message) == (
        "flood",
        "Bạn vừa gửi một bình luận. Vui lòng chờ 1 giây rồi gửi lại; "
        "nội dung bạn viết vẫn được giữ nguyên.",
    )
    at_30 = _submit(
        article,
        body="Ý thứ hai.",
        ip_address="192.0.2.1",
        now=first.created_at + timedelta(seconds=30),
    )
    assert at_30.pk != first.pk


@pytest.mark.parametrize("per_hour", [1, 2])
def test_the_hourly_cap_names_the_limit(article, settings, per_hour):
    settings.COMMENTS_MIN_INTERVAL_SECONDS = 0
    settings.COMMENTS_MAX_PER_HOUR = per_hour
    for n in range(per_hour):
        _submit(article, body=f"Ý số {n}.", ip_address="192.0.2.1")
    with pytest.raises(services.CommentNotAccepted) as refusal:
        _submit(article, body="Một ý nữa.", ip_address="192.0.2.1")
    assert (refusal.value.code, str(refusal.value)) == (
        "flood",
        f"Mỗi giờ chỉ gửi được {per_hour} bình luận. Vui lòng thử lại sau.",
    )


def test_a_rejected_comment_is_refused_with_the_blocked_code(article):
    BlockedTerm.objects.create(term="cờ bạc", action=BlockedTerm.Action.REJECT)
    with pytest.raises(services.CommentNotAccepted) as refusal:
        _submit(article, body="Rủ chơi cờ bạc")
    assert refusal.value.code == "blocked"
    assert Comment.objects.get().status == Comment.Status.REJECTED


def test_a_blocked_term_ending_the_name_or_the_title_stands_as_a_word(article):
    BlockedTerm.objects.create(term="spam", action=BlockedTerm.Action.HOLD)
    held = "Trùng từ bị chặn “spam”"
    assert _submit(article, name="Spam", title="Ý kiến").moderation_reason == held
    assert _submit(article, title="Quảng cáo spam", body="Nội dung").moderation_reason == held


def test_a_blocked_term_is_not_found_at_the_end_of_a_longer_word(article):
    BlockedTerm.objects.create(term="sex", action=BlockedTerm.Action.HOLD)
    assert services.blocked_term_match("Đội bóng Essex") is None


def test_captcha_quota_counts_requests_without_an_address_together(settings):
    settings.COMMENTS_CAPTCHAS_PER_WINDOW = 2
    services.captcha_quota_take(ip_address=None)
    assert cache.get("comments:captchas-issued:unknown") == 1


def test_captcha_quota_message_for_a_one_minute_window(settings):
    settings.COMMENTS_CAPTCHAS_PER_WINDOW = 1
    settings.COMMENTS_CAPTCHA_WINDOW_MINUTES = 1
    services.captcha_quota_take(ip_address="192.0.2.9")
    with pytest.raises(services.TooManyCaptchas) as refusal:
        services.captcha_quota_take(ip_address="192.0.2.9")
    assert str(refusal.value) == (
        "Bạn đã yêu cầu quá nhiều mã xác nhận. Vui lòng thử lại sau 1 phút; "
        "nội dung bạn viết vẫn được giữ nguyên."
    )


def test_captcha_quota_counts_one_when_the_window_ends_between_add_and_incr(settings, monkeypatch):
    settings.COMMENTS_CAPTCHAS_PER_WINDOW = 1

    def window_ended(key, delta=1):
        raise ValueError(key)

    monkeypatch.setattr(cache, "incr", window_ended)
    services.captcha_quota_take(ip_address="192.0.2.9")  # the first of the new window: allowed


def _history(comment: Comment) -> list[tuple[str, str, str, str]]:
    return [
        (d.kind, d.from_status, d.to_status, d.reason)
        for d in CommentDecision.objects.filter(comment=comment).order_by("pk")
    ]


def test_a_filled_honeypot_is_kept_as_spam_with_the_rule_in_the_history(article):
    comment = _submit(article, honeypot="http://ban-thuoc.vn")
    comment.refresh_from_db()
    assert comment.status == Comment.Status.SPAM
    assert comment.moderation_reason == "Điền vào ô ẩn chống spam"
    assert comment.moderated_at is not None
    assert _history(comment) == [("rule", "", "spam", "Điền vào ô ẩn chống spam")]


def test_a_honeypot_holding_only_spaces_is_not_spam_and_a_plain_comment_has_no_history(article):
    comment = _submit(article, honeypot="  \n")
    assert comment.status == Comment.Status.PENDING
    assert _history(comment) == []


def test_the_duplicate_refusal_tells_the_reader_why(article):
    _submit(article, ip_address="192.0.2.5")
    with pytest.raises(services.CommentNotAccepted) as refusal:
        _submit(ArticleFactory(), ip_address="192.0.2.5")
    assert str(refusal.value) == (
        "Bạn vừa gửi đúng nội dung này ở một bài viết khác, nên bình luận không được nhận."
    )


def test_comment_submit_keeps_the_senders_address(article):
    comment = _submit(article, ip_address="192.0.2.5")
    comment.refresh_from_db()
    assert comment.ip_address == "192.0.2.5"


def test_the_flood_message_counts_the_seconds_left(article):
    first = _submit(article, ip_address="192.0.2.1")
    with pytest.raises(services.CommentNotAccepted) as refusal:
        _submit(
            article,
            body="Ý thứ hai.",
            ip_address="192.0.2.1",
            now=first.created_at + timedelta(seconds=10),
        )
    assert str(refusal.value) == (
        "Bạn vừa gửi một bình luận. Vui lòng chờ 20 giây rồi gửi lại; "
        "nội dung bạn viết vẫn được giữ nguyên."
    )


def test_the_hourly_cap_counts_the_last_hour_only(article, settings):
    settings.COMMENTS_MIN_INTERVAL_SECONDS = 0
    settings.COMMENTS_MAX_PER_HOUR = 1
    first = _submit(article, ip_address="192.0.2.1")
    with pytest.raises(services.CommentNotAccepted):
        _submit(
            article,
            body="Nửa giờ sau.",
            ip_address="192.0.2.1",
            now=first.created_at + timedelta(minutes=30),
        )
    later = _submit(
        article,
        body="Hơn một giờ sau.",
        ip_address="192.0.2.1",
        now=first.created_at + timedelta(minutes=61),
    )
    assert later.status == Comment.Status.PENDING


def test_a_new_pending_comment_emails_the_moderators(
    article, settings, django_capture_on_commit_callbacks
):
    settings.COMMENTS_NOTIFY_MODERATORS = True
    moderator = UserFactory(username="kd", email="kd@toasoan.vn", is_staff=True)
    moderator.groups.add(Group.objects.get_or_create(name=MODERATORS_GROUP)[0])
    with django_capture_on_commit_callbacks(execute=True):
        _submit(article, title="Đèn đường")
    assert [(m.subject, m.to) for m in mail.outbox] == [
        ("[Bình luận chờ duyệt] Đèn đường", ["kd@toasoan.vn"])
    ]
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        _submit(article, title="Bot", body="Khác", honeypot="x")  # spam: nobody to wake
    assert mail.outbox == []
    settings.COMMENTS_NOTIFY_MODERATORS = False
    with django_capture_on_commit_callbacks(execute=True):
        _submit(article, title="Tắt", body="Khác nữa")
    assert mail.outbox == []


def test_a_blocked_phone_holds_the_comment_with_the_reason(article):
    SenderBlock.objects.create(phone="+84912345678")
    held = _submit(article, phone="+84912345678")
    assert (held.status, held.moderation_reason) == (
        Comment.Status.PENDING,
        "Người gửi bị chặn vĩnh viễn (theo số điện thoại)",
    )
    assert _history(held) == [
        ("rule", "", "pending", "Người gửi bị chặn vĩnh viễn (theo số điện thoại)")
    ]
    other = _submit(article, phone="+84900000000", body="Người khác.")
    assert (other.status, other.moderation_reason) == (Comment.Status.PENDING, "")


def test_a_blocked_address_is_refused_when_blocks_reject(article, settings):
    settings.COMMENTS_BLOCKED_SENDER_ACTION = "reject"
    SenderBlock.objects.create(ip_address="192.0.2.66")
    with pytest.raises(services.CommentNotAccepted) as refusal:
        _submit(article, ip_address="192.0.2.66")
    assert (refusal.value.code, str(refusal.value)) == (
        "blocked",
        "Bạn đang tạm thời không được gửi bình luận, nên bình luận này chưa được nhận.",
    )
    stored = Comment.objects.get()
    assert (stored.status, stored.moderation_reason) == (
        Comment.Status.REJECTED,
        "Người gửi bị chặn vĩnh viễn (theo địa chỉ IP)",
    )
    assert _submit(article, ip_address="192.0.2.67", body="Khác.").status == "pending"


def test_a_rejected_term_is_named_to_the_reader_and_to_the_moderators(article):
    BlockedTerm.objects.create(term="cờ bạc", action=BlockedTerm.Action.REJECT)
    with pytest.raises(services.CommentNotAccepted) as refusal:
        _submit(article, body="Rủ chơi cờ bạc")
    assert str(refusal.value) == (
        "Bình luận có từ ngữ không được phép (“cờ bạc”). "
        "Vui lòng sửa lại rồi gửi; nội dung bạn viết vẫn được giữ nguyên."
    )
    stored = Comment.objects.get()
    assert stored.moderation_reason == "Trùng từ bị chặn “cờ bạc”"
    assert _history(stored) == [("rule", "", "rejected", "Trùng từ bị chặn “cờ bạc”")]


def test_a_term_that_rejects_wins_over_one_that_holds_in_the_same_text(article):
    BlockedTerm.objects.create(term="an toàn", action=BlockedTerm.Action.HOLD)
    BlockedTerm.objects.create(term="cờ bạc", action=BlockedTerm.Action.REJECT)
    with pytest.raises(services.CommentNotAccepted):
        _submit(article, body="Chơi cờ bạc an toàn")
    assert Comment.objects.get().moderation_reason == "Trùng từ bị chặn “cờ bạc”"


def test_comments_moderate_writes_the_history_with_the_moderators_reason(article, moderator):
    pending = CommentFactory(article=article)
    spam = CommentFactory(article=article, status=Comment.Status.SPAM)
    services.comments_moderate(
        comments=[pending, spam], status=Comment.Status.APPROVED, user=moderator, reason=" Hợp lệ "
    )
    pending.refresh_from_db()
    article.refresh_from_db()
    assert pending.moderation_reason == "Quyết định của kiemduyet: Hợp lệ"
    assert article.approved_comment_count == 2
    assert _history(pending) == [("moderator", "pending", "approved", "Hợp lệ")]
    assert _history(spam) == [("moderator", "spam", "approved", "Hợp lệ")]
    assert CommentDecision.objects.get(comment=spam).user == moderator


def test_comments_moderate_names_an_unknown_status():
    with pytest.raises(ValueError) as error:
        services.comments_moderate(comments=[], status="published", user=None)
    assert str(error.value) == "Unknown comment status 'published'."


def test_approving_in_the_admin_counts_on_the_article_and_is_recorded(article, moderator):
    comment = CommentFactory(article=article)
    comment.status = Comment.Status.APPROVED
    saved = services.comment_save_by_moderator(
        comment=comment, user=moderator, changed_fields=["status"]
    )
    assert saved.status == Comment.Status.APPROVED
    article.refresh_from_db()
    assert article.approved_comment_count == 1
    assert _history(comment) == [("moderator", "pending", "approved", "")]


def test_erasing_personal_data_defaults_to_now_and_blanks_an_address_alone():
    old = timezone.now() - timedelta(days=40)
    only_address = CommentFactory(
        status=Comment.Status.REJECTED, phone="", user_agent="", moderated_at=old
    )
    assert services.comments_erase_personal_data(older_than_days=30) == 1
    only_address.refresh_from_db()
    assert only_address.ip_address is None


def test_count_in_window_counts_one_when_the_window_ended_meanwhile(monkeypatch):
    def window_ended(key, delta=1):
        raise ValueError(key)

    monkeypatch.setattr(cache, "incr", window_ended)
    assert services.count_in_window(key="comments:test", seconds=60) == 1


def test_the_captcha_window_lasts_its_minutes(settings, monkeypatch):
    settings.COMMENTS_CAPTCHAS_PER_WINDOW = 1
    clock = [1_000_000.0]
    for backend in (base, locmem):  # where the cache reads the time
        monkeypatch.setattr(backend, "time", SimpleNamespace(time=lambda: clock[0]))
    services.captcha_quota_take(ip_address="192.0.2.9")
    clock[0] += 10 * 60 - 5
    with pytest.raises(services.TooManyCaptchas):
        services.captcha_quota_take(ip_address="192.0.2.9")
    clock[0] += 10
    services.captcha_quota_take(ip_address="192.0.2.9")  # a new window


def test_a_new_captcha_challenge_is_stored_and_counted(settings):
    settings.CAPTCHA_FLITE_PATH = ""
    settings.COMMENTS_CAPTCHAS_PER_WINDOW = 1
    challenge = services.captcha_challenge_new(ip_address="192.0.2.9")
    assert CaptchaStore.objects.filter(hashkey=challenge.key).exists()
    assert challenge.image_url == reverse("captcha-image", args=[challenge.key])
    assert challenge.audio_url is None
    with pytest.raises(services.TooManyCaptchas):
        services.captcha_challenge_new(ip_address="192.0.2.9")


def test_the_spoken_captcha_is_offered_only_with_a_runnable_flite(settings, tmp_path):
    flite = tmp_path / "flite"
    flite.write_text("#!/bin/sh\n")
    settings.CAPTCHA_FLITE_PATH = str(flite)
    assert services.captcha_audio_available() is False  # not executable
    flite.chmod(0o755)
    assert services.captcha_audio_available() is True
    challenge = services.captcha_challenge_new(ip_address=None)
    assert challenge.audio_url == reverse("captcha-audio", args=[challenge.key])
    for off in ("", None):
        settings.CAPTCHA_FLITE_PATH = off
        assert services.captcha_audio_available() is False
