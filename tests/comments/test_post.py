"""Posting a comment: success, every way it can fail, and what the reader gets back."""

import re
from datetime import timedelta

import pytest
from captcha.models import CaptchaStore
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from comments.models import Comment
from tests.comments.conftest import XHR, comment_data, new_challenge, post_comment
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

SUCCESS = "Cảm ơn bạn! Bình luận đã được gửi và sẽ hiển thị sau khi được kiểm duyệt."


def test_a_valid_comment_is_stored_pending_and_the_reader_is_told(client, article):
    response = post_comment(client, article, phone="0912 345 678")
    assert response.status_code == 302
    assert response["Location"] == f"{article.get_absolute_url()}#thong-bao"

    comment = Comment.objects.get()
    assert comment.article == article
    assert comment.name == "Nguyễn Văn An"
    assert comment.title == "Đường Láng cần thêm đèn"
    assert comment.body == "Buổi tối đoạn gần ngã tư rất tối.\nMong thành phố sớm lắp đèn."
    assert comment.phone == "+84912345678"
    assert comment.status == Comment.Status.PENDING
    assert comment.ip_address == "127.0.0.1"
    assert comment.moderated_at is None and comment.moderated_by is None
    assert comment.moderation_reason == ""

    page = client.get(response["Location"])
    html = page.content.decode()
    assert f'<li class="success">{SUCCESS} <a href="/binh-luan/trang-thai/' in html
    # Not shown before a moderator approves it.
    assert "Đường Láng cần thêm đèn" not in html
    assert "Chưa có bình luận nào." in html
    # The page that carries the message is this reader's alone.
    assert "private" in page["Cache-Control"] and "no-store" in page["Cache-Control"]
    # The message is shown once.
    assert SUCCESS not in client.get(article.get_absolute_url()).content.decode()


def test_user_agent_is_recorded(client, article):
    challenge = new_challenge(client, article)
    client.post(
        reverse("comments:post", args=[article.pk]),
        comment_data(challenge),
        HTTP_USER_AGENT="Mozilla/5.0 (X11; Linux) Chromium\x00",
    )
    assert Comment.objects.get().user_agent == "Mozilla/5.0 (X11; Linux) Chromium"


def test_an_article_page_without_a_message_stays_cacheable(client, article, settings):
    settings.NEWSROOM_PAGE_CACHE = True
    response = client.get(article.get_absolute_url())
    assert "private" not in response.get("Cache-Control", "")
    assert "no-store" not in response.get("Cache-Control", "")
    assert not response.cookies
    assert client.get(article.get_absolute_url())["X-Page-Cache"] == "hit"


def test_wrong_captcha_brings_back_the_article_with_everything_typed(client, article):
    challenge = new_challenge(client, article)
    typed = {
        "name": "Phạm Minh Đức",
        "phone": "(024) 3825 1234",
        "title": 'Tiêu đề có "ngoặc kép" & <thẻ>',
        "body": "Đoạn một.\n\nĐoạn hai với <script>alert(1)</script>.",
    }
    response = client.post(
        reverse("comments:post", args=[article.pk]),
        comment_data(challenge, captcha_1="sai00", **typed),
    )
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    html = response.content.decode()
    assert '<h1 class="article__title">Chiếu sáng đường phố</h1>' in html
    assert 'value="Phạm Minh Đức"' in html
    assert 'value="(024) 3825 1234"' in html
    assert 'value="Tiêu đề có &quot;ngoặc kép&quot; &amp; &lt;thẻ&gt;"' in html
    assert ">\nĐoạn một.\n\nĐoạn hai với &lt;script&gt;alert(1)&lt;/script&gt;.</textarea>" in html
    assert "<script>alert(1)" not in html
    assert "Mã xác nhận không đúng. Hãy nhập các ký tự trong hình mới." in html
    assert 'aria-invalid="true"' in html

    # A fresh captcha and token, ready for the second try.
    new_key = re.search(r'name="captcha_0" value="([0-9a-f]{40})"', html).group(1)
    assert new_key != challenge.key
    assert list(CaptchaStore.objects.values_list("hashkey", flat=True)) == [new_key]
    assert re.search(r'name="csrfmiddlewaretoken" value="[^"]+"', html)
    assert f'action="{reverse("comments:post", args=[article.pk])}"' in html
    assert not Comment.objects.exists()

    # …and the second try goes through.
    retry = client.post(
        reverse("comments:post", args=[article.pk]),
        comment_data(
            None,
            captcha_0=new_key,
            captcha_1=CaptchaStore.objects.get(hashkey=new_key).response,
            **typed,
        ),
    )
    assert retry.status_code == 302
    assert Comment.objects.get().phone == "+842438251234"


def test_expired_captcha_says_so_and_keeps_the_text(client, article):
    challenge = new_challenge(client, article)
    CaptchaStore.objects.filter(hashkey=challenge.key).update(
        expiration=timezone.now() - timedelta(seconds=1)
    )
    response = post_comment(client, article, challenge, body="Tôi viết hơi lâu.")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Mã xác nhận đã hết hạn. Hãy nhập các ký tự trong hình mới." in html
    assert ">\nTôi viết hơi lâu.</textarea>" in html
    assert not Comment.objects.exists()


def test_each_field_error_is_shown_next_to_its_field(client, article):
    response = post_comment(client, article, name="", title="", body="   ", phone="123")
    html = response.content.decode()
    assert response.status_code == 200
    for field, message in [
        ("name", "Vui lòng nhập họ tên."),
        ("title", "Vui lòng nhập tiêu đề."),
        ("body", "Vui lòng nhập nội dung bình luận."),
        ("phone", "Số điện thoại không hợp lệ. Ví dụ: 0912 345 678 hoặc (024) 3825 1234."),
    ]:
        block = re.search(
            rf'<div class="form-field form-field--error">\s*'
            rf'<label for="binh-luan-{field}">.*?</div>',
            html,
            re.S,
        )
        assert block, field
        assert f'<ul class="errorlist" id="binh-luan-{field}_error"><li>{message}</li></ul>' in (
            block.group(0)
        )
    assert "Bình luận chưa được gửi. Vui lòng sửa các ô được đánh dấu bên dưới" in html
    assert not Comment.objects.exists()


def test_a_captcha_answer_works_once(client, article):
    challenge = new_challenge(client, article)
    assert post_comment(client, article, challenge).status_code == 302
    replay = post_comment(client, article, challenge, body="Một bình luận khác hẳn.")
    assert replay.status_code == 200
    assert "Mã xác nhận không đúng" in replay.content.decode()
    assert Comment.objects.count() == 1


def test_a_double_submit_creates_one_comment(client, article):
    challenge = new_challenge(client, article)
    first = post_comment(client, article, challenge)
    second = post_comment(client, article, challenge)
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"]
    assert Comment.objects.count() == 1
    html = client.get(second["Location"]).content.decode()
    assert SUCCESS in html


def test_the_same_comment_sent_again_with_a_new_captcha_is_still_one(client, article):
    post_comment(client, article)
    again = post_comment(client, article)
    assert again.status_code == 302
    assert Comment.objects.count() == 1


def test_get_on_the_post_address_is_a_vietnamese_405(client, article):
    response = client.get(reverse("comments:post", args=[article.pk]))
    assert response.status_code == 405
    assert response["Allow"] == "POST"
    html = response.content.decode()
    assert "Không gửi được theo cách này" in html
    assert f'href="{reverse("comments:form", args=[article.pk])}"' in html


@pytest.mark.parametrize("method", ["put", "patch", "delete"])
def test_other_methods_are_refused_in_vietnamese(client, article, method):
    for name in ("comments:post", "comments:form", "comments:captcha"):
        response = getattr(client, method)(reverse(name, args=[article.pk]))
        assert response.status_code == 405
        assert "Không gửi được theo cách này" in response.content.decode()


def test_unknown_and_unpublished_articles_are_404(client, article):
    draft = ArticleFactory(status="draft", published_at=None)
    scheduled = ArticleFactory(published_at=timezone.now() + timedelta(hours=2))
    for pk in (article.pk + 1000, draft.pk, scheduled.pk):
        challenge = new_challenge(client, article)
        response = client.post(reverse("comments:post", args=[pk]), comment_data(challenge))
        assert response.status_code == 404
        assert "Không tìm thấy trang" in response.content.decode()
    assert not Comment.objects.exists()


def test_csrf_is_checked_and_the_token_comes_with_the_captcha(article):
    client = Client(enforce_csrf_checks=True)
    challenge = new_challenge(client, article)
    refused = client.post(reverse("comments:post", args=[article.pk]), comment_data(challenge))
    assert refused.status_code == 403
    assert "Phiên làm việc đã hết hạn" in refused.content.decode()

    response = client.get(reverse("comments:captcha", args=[article.pk]), **XHR).json()
    data = comment_data(None, captcha_0=response["key"], csrfmiddlewaretoken=response["csrf_token"])
    data["captcha_1"] = CaptchaStore.objects.get(hashkey=response["key"]).response
    assert client.post(reverse("comments:post", args=[article.pk]), data).status_code == 302
    assert Comment.objects.count() == 1


def test_closed_article_shows_the_notice_instead_of_the_form(client, article):
    article.comments_closed = True
    article.save()
    html = client.get(article.get_absolute_url()).content.decode()
    assert "Đã đóng bình luận" in html
    assert "Viết bình luận</h3>" not in html


def test_posting_to_a_closed_article_stores_nothing_and_keeps_the_text(client, article):
    challenge = new_challenge(client, article)
    article.comments_closed = True
    article.save()
    response = post_comment(client, article, challenge, body="Nội dung tôi đã viết")
    assert response.status_code == 403
    html = response.content.decode()
    assert "Đã đóng bình luận" in html
    assert "Bình luận của bạn chưa được gửi vì bài viết đã đóng bình luận." in html
    assert "<p>Nội dung tôi đã viết</p>" in html
    assert not Comment.objects.exists()


def test_comments_close_by_themselves_after_the_configured_days(client, settings):
    settings.COMMENTS_CLOSE_AFTER_DAYS = 30
    old = ArticleFactory(published_at=timezone.now() - timedelta(days=30, minutes=1))
    recent = ArticleFactory(published_at=timezone.now() - timedelta(days=29))
    assert "Đã đóng bình luận" in client.get(old.get_absolute_url()).content.decode()
    assert "Viết bình luận</h3>" in client.get(recent.get_absolute_url()).content.decode()
    assert post_comment(client, recent).status_code == 302
    challenge = new_challenge(client, recent)
    assert post_comment(client, old, challenge).status_code == 403
    assert Comment.objects.count() == 1

    settings.COMMENTS_CLOSE_AFTER_DAYS = 0  # never
    assert "Viết bình luận</h3>" in client.get(old.get_absolute_url()).content.decode()


def test_approved_comments_show_oldest_first_as_escaped_text(client, article):
    from tests.factories import CommentFactory

    now = timezone.now()
    CommentFactory(
        article=article,
        status="approved",
        name="Bạn đọc B",
        title="Thứ hai",
        body="Dòng <b>một</b>\nDòng hai",
        created_at=now,
    )
    first = CommentFactory(article=article, status="approved", name="Bạn đọc A", title="Thứ nhất")
    Comment.objects.filter(pk=first.pk).update(created_at=now - timedelta(hours=1))
    CommentFactory(article=article, status="pending", title="Chờ duyệt")
    CommentFactory(article=article, status="rejected", title="Bị từ chối")
    # Not "Quảng cáo": the report form under the comments offers "Quảng cáo, lừa đảo".
    CommentFactory(article=article, status="spam", title="Mua thuốc giá rẻ")
    CommentFactory(status="approved", title="Ở bài khác")

    html = client.get(article.get_absolute_url()).content.decode()
    assert html.index("Thứ nhất") < html.index("Thứ hai")
    for hidden in ("Chờ duyệt", "Bị từ chối", "Mua thuốc giá rẻ", "Ở bài khác"):
        assert hidden not in html
    assert "<p>Dòng &lt;b&gt;một&lt;/b&gt;<br>Dòng hai</p>" in html
    assert '<span class="comments__count">(2)</span>' in html
    assert '<span class="comment__name">Bạn đọc A</span>' in html
    assert re.search(r'<time datetime="[^"]+">\(\d\d:\d\d \d\d/\d\d/\d{4}\)</time>', html)
