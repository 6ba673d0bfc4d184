"""The anti-abuse rules: honeypot, flood control, blocked words, links, duplicates, mail."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.test import Client, RequestFactory
from django.utils import timezone

from articles.roles import MODERATORS_GROUP
from comments import services
from comments.models import BlockedTerm, Comment
from core.http import client_ip
from tests.comments.conftest import post_comment
from tests.factories import ArticleFactory, CommentFactory, UserFactory

pytestmark = pytest.mark.django_db

SUCCESS = "Cảm ơn bạn! Bình luận đã được gửi và sẽ hiển thị sau khi được kiểm duyệt."


def _age(comment: Comment, **delta) -> None:
    Comment.objects.filter(pk=comment.pk).update(created_at=timezone.now() - timedelta(**delta))


def test_a_filled_honeypot_is_kept_as_spam_and_the_bot_learns_nothing(client, article):
    response = post_comment(client, article, website="http://mua-ban.example")
    assert response.status_code == 302
    assert SUCCESS in client.get(response["Location"]).content.decode()
    comment = Comment.objects.get()
    assert comment.status == Comment.Status.SPAM
    assert comment.moderation_reason == "Điền vào ô ẩn chống spam"
    assert comment.moderated_at is not None


def test_a_second_comment_within_the_interval_is_refused_with_the_text_kept(client, article):
    assert post_comment(client, article).status_code == 302
    response = post_comment(client, article, title="Góp ý thêm", body="Một ý khác nữa.")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Bạn vừa gửi một bình luận. Vui lòng chờ" in html
    assert "giây rồi gửi lại; nội dung bạn viết vẫn được giữ nguyên." in html
    assert 'value="Góp ý thêm"' in html
    assert ">\nMột ý khác nữa.</textarea>" in html
    assert Comment.objects.count() == 1


def test_the_interval_is_per_address_and_ends(client, article):
    assert post_comment(client, article).status_code == 302
    neighbour = Client(REMOTE_ADDR="198.51.100.20")
    assert post_comment(neighbour, article, body="Từ máy khác.").status_code == 302

    _age(Comment.objects.get(ip_address="127.0.0.1"), seconds=31)
    assert post_comment(client, article, body="Sau nửa phút.").status_code == 302
    assert Comment.objects.filter(ip_address="127.0.0.1").count() == 2


def test_the_hourly_cap_refuses_the_next_comment(client, article, settings):
    settings.COMMENTS_MIN_INTERVAL_SECONDS = 0
    settings.COMMENTS_MAX_PER_HOUR = 3
    for n in range(3):
        assert post_comment(client, article, body=f"Bình luận {n}").status_code == 302
    response = post_comment(client, article, body="Bình luận thứ tư")
    assert response.status_code == 200
    assert "Mỗi giờ chỉ gửi được 3 bình luận. Vui lòng thử lại sau." in response.content.decode()
    assert Comment.objects.count() == 3
    for comment in Comment.objects.all():
        _age(comment, minutes=61)
    assert post_comment(client, article, body="Giờ sau").status_code == 302


def test_a_held_word_matches_without_accents_or_case_and_is_recorded(client, article):
    BlockedTerm.objects.create(term="lừa đảo", action=BlockedTerm.Action.HOLD)
    response = post_comment(client, article, body="Trang này LUA DAO khách hàng!")
    assert response.status_code == 302
    comment = Comment.objects.get()
    assert comment.status == Comment.Status.PENDING
    assert comment.moderation_reason == "Trùng từ bị chặn “lừa đảo”"


def test_a_rejecting_word_refuses_the_comment_keeps_the_text_and_records_it(client, article):
    BlockedTerm.objects.create(term="Đồ ngốc", action=BlockedTerm.Action.REJECT)
    response = post_comment(client, article, title="Ý kiến", body="Tác giả là đồ  NGỐC.")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Bình luận có từ ngữ không được phép (“Đồ ngốc”)." in html
    assert ">\nTác giả là đồ  NGỐC.</textarea>" in html
    comment = Comment.objects.get()
    assert comment.status == Comment.Status.REJECTED
    assert comment.moderation_reason == "Trùng từ bị chặn “Đồ ngốc”"

    # Fixed at once: the refused comment does not start the 30-second clock.
    fixed = post_comment(client, article, title="Ý kiến", body="Tác giả nên xem lại.")
    assert fixed.status_code == 302
    assert Comment.objects.filter(status=Comment.Status.PENDING).count() == 1


def test_blocked_terms_match_whole_words_only(article):
    BlockedTerm.objects.create(term="du", action=BlockedTerm.Action.REJECT)
    assert services.blocked_term_match("Dũng đi dùng bữa") is None
    assert services.blocked_term_match("đồ đụ").term == "du"
    assert services.blocked_term_match("Du lịch") is not None  # folded: why moderators pick phrases


def test_rejecting_terms_win_over_holding_ones(article):
    BlockedTerm.objects.create(term="quảng cáo", action=BlockedTerm.Action.HOLD)
    BlockedTerm.objects.create(term="cờ bạc", action=BlockedTerm.Action.REJECT)
    assert services.blocked_term_match("quảng cáo cờ bạc").term == "cờ bạc"


def test_a_blocked_word_in_the_name_or_title_counts_too(client, article):
    BlockedTerm.objects.create(term="casino", action=BlockedTerm.Action.HOLD)
    post_comment(client, article, name="Casino Online")
    assert Comment.objects.get().moderation_reason == "Trùng từ bị chặn “casino”"


def test_more_links_than_allowed_go_to_spam(client, article, settings):
    settings.COMMENTS_MIN_INTERVAL_SECONDS = 0
    two = "Xem https://a.example/1 và www.b.example"
    three = two + " hoặc thuoc-gia-re.vn/mua"
    assert post_comment(client, article, body=two).status_code == 302
    assert post_comment(client, article, body=three).status_code == 302
    ok, spam = Comment.objects.order_by("pk")
    assert ok.status == Comment.Status.PENDING
    assert spam.status == Comment.Status.SPAM
    assert spam.moderation_reason == "Có 3 liên kết, nhiều hơn mức cho phép (2)"


def test_vietnamese_without_spaces_after_full_stops_is_not_a_link(client, article):
    post_comment(client, article, body="Toi di lam.co ai biet.me toi noi.toi ve nha.")
    assert Comment.objects.get().status == Comment.Status.PENDING


def test_the_same_text_on_another_article_is_refused(client, article, settings):
    settings.COMMENTS_MIN_INTERVAL_SECONDS = 0
    other = ArticleFactory(section=article.section)
    assert post_comment(client, article).status_code == 302
    response = post_comment(client, other)
    assert response.status_code == 200
    assert (
        "Bạn vừa gửi đúng nội dung này ở một bài viết khác, nên bình luận không được nhận."
        in response.content.decode()
    )
    assert Comment.objects.count() == 1

    _age(Comment.objects.get(), minutes=11)  # outside the window
    assert post_comment(client, other).status_code == 302
    assert Comment.objects.count() == 2


def test_client_ip_uses_forwarded_for_only_behind_trusted_proxies(settings):
    factory = RequestFactory()
    request = factory.get(
        "/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.9, 10.0.0.1"
    )
    settings.TRUSTED_PROXY_COUNT = 0
    assert client_ip(request) == "10.0.0.2"
    settings.TRUSTED_PROXY_COUNT = 2
    assert client_ip(request) == "203.0.113.9"  # the forged 6.6.6.6 is ignored
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_ip(factory.get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="rác")) is None


def test_flood_control_counts_the_forwarded_address(article, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    proxy = {"REMOTE_ADDR": "10.0.0.1"}
    first = Client(**proxy, HTTP_X_FORWARDED_FOR="203.0.113.1")
    second = Client(**proxy, HTTP_X_FORWARDED_FOR="203.0.113.2")
    assert post_comment(first, article).status_code == 302
    assert post_comment(second, article, body="Người khác").status_code == 302
    assert set(Comment.objects.values_list("ip_address", flat=True)) == {
        "203.0.113.1",
        "203.0.113.2",
    }


# --- Mail to moderators ----------------------------------------------------------


@pytest.fixture
def moderators(db):
    group = Group.objects.get(name=MODERATORS_GROUP)
    active = UserFactory(username="kd1", email="kd1@toasoan.vn", is_staff=True)
    inactive = UserFactory(username="kd2", email="kd2@toasoan.vn", is_active=False)
    no_email = UserFactory(username="kd3", email="")
    UserFactory(username="bt", email="bientap@toasoan.vn")  # not a moderator
    for user in (active, inactive, no_email):
        user.groups.add(group)
    return active


def test_moderators_are_emailed_after_the_comment_is_saved(
    client, article, moderators, settings, django_capture_on_commit_callbacks
):
    settings.COMMENTS_NOTIFY_MODERATORS = True
    settings.COMMENTS_NOTIFY_SITE_URL = "https://toasoan.example.vn"
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        post_comment(client, article, phone="0912 345 678")
    assert len(callbacks) == 1
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["kd1@toasoan.vn"]
    assert message.subject == "[Bình luận chờ duyệt] Đường Láng cần thêm đèn"
    comment = Comment.objects.get()
    assert f"https://toasoan.example.vn/admin/comments/comment/{comment.pk}/change/" in message.body
    assert "Bài viết: Chiếu sáng đường phố" in message.body
    assert "912" not in message.body and "127.0.0.1" not in message.body


def test_no_mail_by_default_or_for_spam(
    client, article, moderators, settings, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        post_comment(client, article)
    assert mail.outbox == []

    settings.COMMENTS_NOTIFY_MODERATORS = True
    settings.COMMENTS_MIN_INTERVAL_SECONDS = 0
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        post_comment(client, article, body="Spam", website="x")
    assert callbacks == []
    assert mail.outbox == []


def test_the_task_skips_comments_decided_before_it_ran(article, moderators):
    from comments.tasks import notify_moderators

    comment = CommentFactory(article=article, status="approved")
    assert notify_moderators.call(comment.pk) == 0
    assert mail.outbox == []
    pending = CommentFactory(article=article)
    assert notify_moderators.call(pending.pk) == 1
    assert len(mail.outbox) == 1


def test_posting_does_not_fail_when_the_mail_server_does(
    client, article, moderators, settings, django_capture_on_commit_callbacks
):
    settings.COMMENTS_NOTIFY_MODERATORS = True
    settings.MAILERS = {"default": {"BACKEND": "tests.comments.test_antiabuse.BrokenMailer"}}
    BrokenMailer.attempts = 0
    with django_capture_on_commit_callbacks(execute=True):
        response = post_comment(client, article)
    assert response.status_code == 302
    assert Comment.objects.count() == 1
    assert BrokenMailer.attempts == 1  # the mail was really tried, and failed


class BrokenMailer:
    """A mail backend whose server is down."""

    def __init__(self, *args, **kwargs):
        pass

    attempts = 0

    def send_messages(self, messages):
        BrokenMailer.attempts += 1
        raise ConnectionRefusedError("SMTP server is down")


def test_the_wait_is_counted_exactly(article):
    first = services.comment_submit(
        article=article, name="An", title="Một", body="Thứ nhất", ip_address="192.0.2.1"
    )
    with pytest.raises(services.CommentNotAccepted, match="chờ 10 giây") as refusal:
        services.comment_submit(
            article=article,
            name="An",
            title="Hai",
            body="Thứ hai",
            ip_address="192.0.2.1",
            now=first.created_at + timedelta(seconds=20, milliseconds=500),
        )
    assert refusal.value.code == "flood"
    second = services.comment_submit(
        article=article,
        name="An",
        title="Hai",
        body="Thứ hai",
        ip_address="192.0.2.1",
        now=first.created_at + timedelta(seconds=30, milliseconds=1),
    )
    assert second.pk != first.pk
