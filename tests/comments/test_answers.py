"""The newsroom's answers: written in the admin, shown under the approved comment they answer."""

import re
from datetime import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from comments import answers
from comments.models import Comment, CommentAnswer
from pagecache.middleware import recent_pages
from tests.factories import ArticleFactory, CommentFactory, UserFactory


def _comment_item(html: str, comment: Comment) -> str:
    """The <li> of one comment on the article page."""
    match = re.search(rf'<li class="comment" id="binh-luan-{comment.pk}">(.*?)</li>', html, re.S)
    assert match, f"comment {comment.pk} is not on the page"
    return match.group(1)


@pytest.mark.django_db
def test_answer_shows_under_its_comment_marked_as_the_newsrooms(client, moderator):
    article = ArticleFactory()
    asked = CommentFactory(article=article, status="approved", title="Khi nào sửa đường?")
    other = CommentFactory(article=article, status="approved", title="Cảm ơn tòa soạn")
    answer = answers.comment_answer_create(
        comment=asked, body="Sở Giao thông cho biết sẽ sửa xong trong tháng 3.", user=moderator
    )
    answer.created_at = timezone.make_aware(datetime(2017, 1, 20, 5, 33))
    answer.save()

    html = client.get(article.get_absolute_url()).content.decode()

    asked_item = _comment_item(html, asked)
    assert "Ban biên tập trả lời:" in asked_item
    assert "(05:33 20/01/2017)" in asked_item
    assert "Sở Giao thông cho biết sẽ sửa xong trong tháng 3." in asked_item
    assert "kiemduyet" not in html  # the newsroom answers, not a named staff member
    other_item = _comment_item(html, other)
    assert "Ban biên tập trả lời" not in other_item
    assert html.count("Sở Giao thông cho biết") == 1


@pytest.mark.django_db
@pytest.mark.parametrize("status", ["pending", "rejected", "spam"])
def test_answer_to_a_comment_not_approved_is_not_shown(client, moderator, status):
    article = ArticleFactory()
    comment = CommentFactory(article=article, status=status)
    answers.comment_answer_create(comment=comment, body="Trả lời riêng.", user=moderator)

    html = client.get(article.get_absolute_url()).content.decode()

    assert "Trả lời riêng." not in html
    assert "Ban biên tập trả lời" not in html


@pytest.mark.django_db
def test_answer_needs_the_permission(moderator):
    comment = CommentFactory(status="approved")
    reader = UserFactory(username="bandoc", is_staff=True)

    with pytest.raises(PermissionDenied):
        answers.comment_answer_create(comment=comment, body="Trả lời.", user=reader)

    assert not CommentAnswer.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_answer_shows_at_once_on_the_cached_article_page(client, settings):
    settings.NEWSROOM_PAGE_CACHE = True
    recent_pages.clear()
    admin = UserFactory(username="admin", is_staff=True, is_superuser=True)
    article = ArticleFactory()
    comment = CommentFactory(article=article, status="approved")
    url = article.get_absolute_url()
    client.get(url)
    assert client.get(url)["X-Page-Cache"] == "hit"

    answers.comment_answer_create(comment=comment, body="Đã chuyển ý kiến tới phường.", user=admin)
    response = client.get(url)

    assert response["X-Page-Cache"] == "miss"
    assert "Đã chuyển ý kiến tới phường." in _comment_item(response.content.decode(), comment)
    recent_pages.clear()


# --- In the admin ----------------------------------------------------------------


def _answer_url(comment: Comment) -> str:
    return reverse("admin:comments_comment_answer", args=[comment.pk])


@pytest.mark.django_db
def test_moderator_answers_from_the_comment_page(client, moderator):
    comment = CommentFactory(status="approved")
    client.force_login(moderator)
    change_url = reverse("admin:comments_comment_change", args=[comment.pk])
    assert 'name="answer_body"' in client.get(change_url).content.decode()

    response = client.post(_answer_url(comment), {"answer_body": "  Phường đã nhận ý kiến.  "})

    assert response.status_code == 302
    answer = CommentAnswer.objects.get()
    assert (answer.comment, answer.body, answer.answered_by) == (
        comment,
        "Phường đã nhận ý kiến.",
        moderator,
    )
    page = client.get(response["Location"]).content.decode()
    assert "Đã gửi câu trả lời" in page
    assert "Phường đã nhận ý kiến." in page


@pytest.mark.django_db
def test_an_empty_answer_is_refused_in_vietnamese(client, moderator):
    comment = CommentFactory(status="approved")
    client.force_login(moderator)

    response = client.post(_answer_url(comment), {"answer_body": "   "}, follow=True)

    assert "Vui lòng nhập nội dung trả lời." in response.content.decode()
    assert not CommentAnswer.objects.exists()


@pytest.mark.django_db
def test_a_too_long_answer_is_refused_and_kept_in_the_form(client, moderator):
    comment = CommentFactory(status="approved")
    client.force_login(moderator)
    text = "Trả lời dài. " * 500

    response = client.post(_answer_url(comment), {"answer_body": text}, follow=True)

    page = response.content.decode()
    assert "Câu trả lời dài tối đa 5000 ký tự" in page
    assert text.strip()[:200] in page
    assert not CommentAnswer.objects.exists()


@pytest.mark.django_db
def test_staff_without_the_permission_cannot_answer(client, editor):
    comment = CommentFactory(status="approved")
    client.force_login(editor)  # editors do not read comments unless an administrator says so

    response = client.post(_answer_url(comment), {"answer_body": "Trả lời."})

    assert response.status_code == 403
    assert not CommentAnswer.objects.exists()


@pytest.mark.django_db
def test_answer_post_needs_csrf(moderator):
    from django.test import Client

    comment = CommentFactory(status="approved")
    client = Client(enforce_csrf_checks=True)
    client.force_login(moderator)

    response = client.post(_answer_url(comment), {"answer_body": "Trả lời."})

    assert response.status_code == 403
    assert not CommentAnswer.objects.exists()


@pytest.mark.django_db
def test_editor_who_reads_comments_answers_from_the_read_only_page(client, editor):
    from django.contrib.auth.models import Permission

    editor.user_permissions.add(Permission.objects.get(codename="view_comment"))
    comment = CommentFactory(status="approved")
    client.force_login(editor)
    change_page = client.get(reverse("admin:comments_comment_change", args=[comment.pk]))
    assert 'name="answer_body"' in change_page.content.decode()

    client.post(_answer_url(comment), {"answer_body": "Ban biên tập đã ghi nhận."})

    assert CommentAnswer.objects.get().answered_by == editor
    assert Comment.objects.get().status == "approved"  # reading only: nothing else changed
