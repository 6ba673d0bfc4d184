"""The reader's private status link: their comment's state and answers, to them only."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from comments import answers, services
from comments.models import Comment
from pagecache.middleware import recent_pages
from tests.comments.conftest import post_comment
from tests.factories import CommentFactory, UserFactory

pytestmark = pytest.mark.django_db

PHONE = "0912 345 678"


def _status_url_from_thank_you(client, article, **fields) -> str:
    """Post a comment and follow the redirect; the link the thank-you message gives."""
    response = post_comment(client, article, **fields)
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    match = re.search(r'<a href="(/binh-luan/trang-thai/[^"]+/)"', page)
    assert match, "the thank-you message has no status link"
    assert "Cảm ơn bạn! Bình luận đã được gửi" in page
    return match.group(1)


def _text(response) -> str:
    return response.content.decode()


def test_status_link_shows_the_comment_awaiting_moderation(client, article):
    url = _status_url_from_thank_you(client, article, phone=PHONE)
    comment = Comment.objects.get()

    response = Client().get(url)  # a link: another browser works as well

    assert response.status_code == 200
    page = _text(response)
    assert "Chờ duyệt" in page
    assert comment.title in page and "Mong thành phố sớm lắp đèn." in page
    # The link is the token alone, not the comment's number (a token may hold digits).
    token = url.rstrip("/").rsplit("/", 1)[1]
    assert url.rstrip("/").split("/")[-2] == "trang-thai" and token != str(comment.pk)
    assert len(token) >= 32
    assert comment.status_token_hash not in url and len(comment.status_token_hash) == 64


def test_status_link_after_approval_shows_published_and_the_answer(client, article, moderator):
    url = _status_url_from_thank_you(client, article)
    comment = Comment.objects.get()
    services.comments_moderate(comments=[comment], status="approved", user=moderator)
    answers.comment_answer_create(
        comment=comment, body="Phường sẽ lắp đèn trong tuần tới.", user=moderator
    )

    page = _text(client.get(url))

    assert "Đã đăng" in page and "Chờ duyệt" not in page
    assert "Ban biên tập trả lời:" in page
    assert "Phường sẽ lắp đèn trong tuần tới." in page
    assert f'{article.get_absolute_url()}#binh-luan-{comment.pk}"' in page


def test_status_link_after_rejection_shows_the_public_reason_only(client, article, moderator):
    url = _status_url_from_thank_you(client, article)
    comment = Comment.objects.get()
    comment.status = "rejected"
    comment.moderation_reason = "Nội bộ: người này spam nhiều lần"
    comment.public_reason = "Nội dung không liên quan đến bài viết."
    services.comment_save_by_moderator(
        comment=comment, user=moderator, changed_fields=["status", "moderation_reason"]
    )

    page = _text(client.get(url))

    assert "Không được đăng" in page
    assert "Nội dung không liên quan đến bài viết." in page
    assert "Nội bộ" not in page


def test_status_without_a_public_reason_never_shows_the_rule(client, article):
    from comments.models import BlockedTerm

    BlockedTerm.objects.create(term="lừa đảo", action=BlockedTerm.Action.HOLD)
    url = _status_url_from_thank_you(client, article, body="Trang này lừa đảo đấy")
    comment = Comment.objects.get()
    assert "lừa đảo" in comment.moderation_reason
    Comment.objects.filter(pk=comment.pk).update(status="rejected")

    page = _text(client.get(url))

    assert "Không được đăng" in page
    assert "quy định về bình luận" in page
    assert "Trùng từ bị chặn" not in page


def test_spam_found_by_a_rule_looks_pending_to_the_sender(client, article):
    url = _status_url_from_thank_you(client, article, website="http://bot.example")
    assert Comment.objects.get().status == "spam"

    page = _text(client.get(url))

    assert "Chờ duyệt" in page and "Không được đăng" not in page


def test_status_page_shows_no_personal_data(client, article, moderator):
    url = _status_url_from_thank_you(client, article, phone=PHONE, name="Trần Thị Bình")
    comment = Comment.objects.get()
    assert comment.phone == "+84912345678"

    page = _text(client.get(url, REMOTE_ADDR="127.0.0.1"))

    for private in ("912345678", "0912 345 678", comment.ip_address, "Trần Thị Bình", "kiemduyet"):
        assert private not in page


@pytest.mark.parametrize(
    "token",
    [
        "A" * 43,  # well formed, unknown
        "1",  # a comment id
        "x" * 500,
        "..%2F..%2Fadmin",
    ],
)
def test_a_wrong_or_forged_token_is_404(client, article, token):
    _status_url_from_thank_you(client, article)

    response = client.get(f"/binh-luan/trang-thai/{token}/")

    assert response.status_code == 404
    assert "Không tìm thấy" in _text(response)


def test_a_token_stored_hash_is_not_a_token(client, article):
    _status_url_from_thank_you(client, article)
    stored = Comment.objects.get().status_token_hash

    assert client.get(f"/binh-luan/trang-thai/{stored}/").status_code == 404


def test_status_page_is_private_noindex_and_not_page_cached(client, article, moderator, settings):
    url = _status_url_from_thank_you(client, article)
    settings.NEWSROOM_PAGE_CACHE = True
    recent_pages.clear()
    reader = Client()

    first = reader.get(url)
    Comment.objects.filter(pk=Comment.objects.get().pk).update(status="approved")
    second = reader.get(url)

    for response in (first, second):
        assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
        assert "X-Page-Cache" not in response
        assert response["X-Robots-Tag"] == "noindex, nofollow"
        assert response["Referrer-Policy"] == "no-referrer"
        assert '<meta name="robots" content="noindex, nofollow">' in _text(response)
    assert "Chờ duyệt" in _text(first) and "Đã đăng" in _text(second)
    recent_pages.clear()


def test_status_views_are_limited_per_address(client, article, settings):
    url = _status_url_from_thank_you(client, article)
    settings.COMMENTS_STATUS_VIEWS_PER_WINDOW = 3
    wrong = "/binh-luan/trang-thai/" + "B" * 43 + "/"
    assert [client.get(u).status_code for u in (url, wrong, wrong)] == [200, 404, 404]

    refused = client.get(url)

    assert refused.status_code == 429
    assert "Bạn đã mở trang này quá nhiều lần" in _text(refused)
    assert "Mong thành phố" not in _text(refused)
    other_address = client.get(url, REMOTE_ADDR="198.51.100.9")
    assert other_address.status_code == 200


def test_a_double_submit_gives_a_working_link(client, article):
    from tests.comments.conftest import comment_data, new_challenge

    challenge = new_challenge(client, article)
    post_url = reverse("comments:post", args=[article.pk])
    client.post(post_url, comment_data(challenge))
    second = client.post(post_url, comment_data(challenge))  # the captcha was spent
    assert second.status_code == 302 and Comment.objects.count() == 1

    page = client.get(second["Location"]).content.decode()
    # The last confirmation's link works (a new token replaced the first one).
    *_, url = re.findall(r'<a href="(/binh-luan/trang-thai/[^"]+/)"', page)

    assert "Chờ duyệt" in _text(client.get(url))


def test_old_comments_without_a_token_are_not_reachable(client):
    CommentFactory(status="approved")
    UserFactory()
    assert client.get("/binh-luan/trang-thai/None/").status_code == 404
