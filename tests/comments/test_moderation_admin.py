"""Moderation in the admin: the queue, bulk decisions, roles and who sees personal data."""

import re
from datetime import timedelta
from urllib.parse import urlencode

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.auth.models import Group, Permission
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from articles.roles import EDITORS_GROUP, MODERATORS_GROUP
from comments.models import BlockedTerm, Comment
from tests.factories import ArticleFactory, CommentFactory, SectionFactory

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:comments_comment_changelist")


@pytest.fixture
def moderator_client(client, moderator):
    client.force_login(moderator)
    return client


def _act(client, action: str, comments) -> str:
    response = client.post(
        CHANGELIST,
        {"action": action, ACTION_CHECKBOX_NAME: [c.pk for c in comments]},
        follow=True,
    )
    assert response.status_code == 200
    return response.content.decode()


def test_moderators_hold_exactly_the_comment_permissions():
    group = Group.objects.get(name=MODERATORS_GROUP)
    assert sorted(group.permissions.values_list("codename", flat=True)) == sorted(
        f"{action}_{model}"
        for action in ("add", "change", "delete", "view")
        for model in ("comment", "blockedterm", "commentanswer")
    )
    editors = Group.objects.get(name=EDITORS_GROUP)
    # Editors may write the newsroom's answers, nothing else of comments (reading them
    # is an administrator's choice, per person).
    assert sorted(
        editors.permissions.filter(content_type__app_label="comments").values_list(
            "codename", flat=True
        )
    ) == ["add_commentanswer", "view_commentanswer"]


def test_moderators_cannot_change_articles(moderator_client):
    article = ArticleFactory()
    assert moderator_client.get(reverse("admin:articles_article_changelist")).status_code == 403
    change = reverse("admin:articles_article_change", args=[article.pk])
    assert moderator_client.get(change).status_code == 403
    assert moderator_client.post(change, {"title": "Bị sửa"}).status_code == 403


def test_the_queue_shows_pending_comments_first(moderator_client):
    now = timezone.now()
    old_pending = CommentFactory(title="Chờ lâu")
    approved = CommentFactory(status="approved", title="Đã duyệt mới")
    CommentFactory(title="Chờ mới")
    Comment.objects.filter(pk=old_pending.pk).update(created_at=now - timedelta(days=2))
    Comment.objects.filter(pk=approved.pk).update(created_at=now + timedelta(minutes=5))
    response = moderator_client.get(CHANGELIST)
    assert [c.title for c in response.context["cl"].result_list] == [
        "Chờ mới",
        "Chờ lâu",
        "Đã duyệt mới",
    ]
    html = response.content.decode()
    assert f'<a href="{approved.article.get_absolute_url()}">' in html  # article, linked


def test_bulk_approve_records_who_and_when_and_shows_the_comment(moderator_client, moderator):
    article = ArticleFactory()
    first, second = CommentFactory.create_batch(2, article=article)
    already = CommentFactory(article=article, status="approved", title="Đã có")
    html = _act(moderator_client, "approve", [first, second, already])
    assert "Đã duyệt 2 bình luận." in html
    for comment in (first, second):
        comment.refresh_from_db()
        assert comment.status == Comment.Status.APPROVED
        assert comment.moderated_by == moderator
        assert timezone.now() - comment.moderated_at < timedelta(seconds=10)
        assert comment.moderation_reason == "Quyết định của kiemduyet"
    # At once on the article page.
    page = moderator_client.get(article.get_absolute_url()).content.decode()
    assert first.title in page and second.title in page
    assert '<span class="comments__count">(3)</span>' in page


@pytest.mark.parametrize(
    ("action", "status", "message"),
    [
        ("reject", Comment.Status.REJECTED, "Đã từ chối 1 bình luận."),
        ("mark_spam", Comment.Status.SPAM, "Đã đánh dấu spam 1 bình luận."),
    ],
)
def test_bulk_reject_and_spam(moderator_client, moderator, action, status, message):
    comment = CommentFactory(status="approved")
    assert message in _act(moderator_client, action, [comment])
    comment.refresh_from_db()
    assert comment.status == status
    assert comment.moderated_by == moderator
    page = moderator_client.get(comment.article.get_absolute_url()).content.decode()
    assert comment.title not in page


def test_an_action_that_changes_nothing_says_so(moderator_client):
    comment = CommentFactory(status="approved")
    assert "Đã duyệt 0 bình luận." in _act(moderator_client, "approve", [comment])


def test_changing_the_status_in_the_form_is_recorded(moderator_client, moderator):
    comment = CommentFactory(moderation_reason="Trùng từ bị chặn “xxx”")
    url = reverse("admin:comments_comment_change", args=[comment.pk])
    response = moderator_client.post(
        url,
        {
            "name": comment.name,
            "title": comment.title,
            "body": comment.body,
            "status": "approved",
            "moderation_reason": comment.moderation_reason,
        },
    )
    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.status == Comment.Status.APPROVED
    assert comment.moderated_by == moderator
    assert comment.moderation_reason == "Quyết định của kiemduyet"


def test_filters_and_search(moderator_client):
    culture = SectionFactory(name="Văn hóa")
    in_culture = CommentFactory(article=ArticleFactory(section=culture), title="Lễ hội")
    other = CommentFactory(status="spam", title="Giá rẻ", body="Mua ngay hôm nay")
    old = CommentFactory(status="approved", title="Năm ngoái")
    Comment.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=400))

    def titles(query: str) -> list[str]:
        response = moderator_client.get(f"{CHANGELIST}?{query}")
        assert response.status_code == 200
        return sorted(c.title for c in response.context["cl"].result_list)

    assert titles("status__exact=spam") == ["Giá rẻ"]
    assert titles(f"article__section__id__exact={culture.pk}") == ["Lễ hội"]
    assert titles(f"article={other.article_id}") == ["Giá rẻ"]
    week_ago = urlencode({"created_at__gte": str(timezone.now() - timedelta(days=7))})
    assert titles(week_ago) == ["Giá rẻ", "Lễ hội"]
    assert titles("q=mua+ngay") == ["Giá rẻ"]
    assert titles("q=Lễ") == ["Lễ hội"]
    # The article filter offers articles with comments waiting.
    html = moderator_client.get(CHANGELIST).content.decode()
    assert f"{in_culture.article.title} (1 chờ duyệt)" in html


def test_the_admin_index_counts_the_pending_comments(moderator_client, editor):
    CommentFactory.create_batch(3)
    CommentFactory(status="approved")
    html = moderator_client.get(reverse("admin:index")).content.decode()
    assert re.search(
        r'<a href="/admin/comments/comment/\?status__exact=pending">3 bình luận chờ duyệt</a>', html
    )
    editor_client = Client()
    editor_client.force_login(editor)
    assert "bình luận chờ duyệt" not in editor_client.get(reverse("admin:index")).content.decode()


def test_the_article_change_page_counts_comments_by_status(client, superuser):
    article = ArticleFactory()
    CommentFactory.create_batch(2, article=article)
    CommentFactory(article=article, status="approved")
    CommentFactory(status="approved")  # another article
    client.force_login(superuser)
    html = client.get(reverse("admin:articles_article_change", args=[article.pk])).content.decode()
    assert (
        '<ul class="comment-counts"><li>Chờ duyệt: <strong>2</strong></li>'
        "<li>Đã duyệt: <strong>1</strong></li><li>Bị từ chối: <strong>0</strong></li>"
        "<li>Spam: <strong>0</strong></li></ul>"
    ) in html


def test_personal_data_is_for_moderators_only(moderator_client, editor):
    comment = CommentFactory(phone="+84912345678", ip_address="203.0.113.77")
    url = reverse("admin:comments_comment_change", args=[comment.pk])
    html = moderator_client.get(url).content.decode()
    assert "+84912345678" in html and "203.0.113.77" in html

    # An editor who was given read access to comments still sees no one behind them.
    editor.user_permissions.add(Permission.objects.get(codename="view_comment"))
    client = Client()
    client.force_login(editor)
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert comment.title in html
    assert "+84912345678" not in html and "203.0.113.77" not in html
    assert "Mozilla" not in html
    listing = client.get(CHANGELIST).content.decode()
    assert "+84912345678" not in listing and "203.0.113.77" not in listing


def test_editors_cannot_see_comments_at_all_by_default(editor_client):
    assert editor_client.get(CHANGELIST).status_code == 403


def test_comments_cannot_be_added_in_the_admin(moderator_client):
    assert moderator_client.get(reverse("admin:comments_comment_add")).status_code == 403


def test_moderators_manage_blocked_terms(moderator_client):
    add = reverse("admin:comments_blockedterm_add")
    response = moderator_client.post(add, {"term": "  Lừa   đảo ", "action": "reject"})
    assert response.status_code == 302
    assert BlockedTerm.objects.get().term == "Lừa đảo"
    clash = moderator_client.post(add, {"term": "LUA DAO", "action": "hold"})
    assert "Đã có “Lừa đảo”, trùng khi bỏ dấu và chữ hoa." in clash.content.decode()
    empty = moderator_client.post(add, {"term": "!!!", "action": "hold"})
    assert "Từ bị chặn phải có ít nhất một chữ cái hoặc chữ số." in empty.content.decode()
    assert BlockedTerm.objects.count() == 1


def test_an_approval_reaches_readers_through_the_page_cache(
    moderator_client, settings, django_capture_on_commit_callbacks
):
    settings.NEWSROOM_PAGE_CACHE = True
    comment = CommentFactory(title="Ý kiến đáng đăng")
    url = comment.article.get_absolute_url()
    reader = Client()
    reader.get(url)
    assert reader.get(url)["X-Page-Cache"] == "hit"

    with django_capture_on_commit_callbacks(execute=True):
        _act(moderator_client, "approve", [comment])
    response = reader.get(url)
    assert response["X-Page-Cache"] == "miss"
    assert "Ý kiến đáng đăng" in response.content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        moderator_client.post(
            CHANGELIST,
            {"action": "delete_selected", ACTION_CHECKBOX_NAME: [comment.pk], "post": "yes"},
        )
    assert not Comment.objects.exists()
    assert "Ý kiến đáng đăng" not in reader.get(url).content.decode()


def _article_filter(html: str) -> str:
    """The sidebar's "by article" filter, where the choices are article titles."""
    return re.search(r'<details data-filter-title="bài viết".*?</details>', html, re.S).group(0)


def test_the_article_filter_lists_only_articles_the_moderator_may_see(moderator_client):
    now = timezone.now()
    draft = ArticleFactory(title="BẢN NHÁP chưa duyệt", status="draft", published_at=None)
    scheduled = ArticleFactory(title="HẸN GIỜ ngày mai", published_at=now + timedelta(days=1))
    live = ArticleFactory(title="Đã đăng hôm nay")
    for article in (draft, scheduled, live):
        CommentFactory(article=article)

    sidebar = _article_filter(moderator_client.get(CHANGELIST).content.decode())
    assert "Đã đăng hôm nay (1 chờ duyệt)" in sidebar
    assert "BẢN NHÁP" not in sidebar and "HẸN GIỜ" not in sidebar
    # Nor by asking for the article by id, as a link from elsewhere would.
    for hidden in (draft, scheduled):
        sidebar = _article_filter(
            moderator_client.get(f"{CHANGELIST}?article={hidden.pk}").content.decode()
        )
        assert "BẢN NHÁP" not in sidebar and "HẸN GIỜ" not in sidebar


def test_editors_and_superusers_see_every_article_in_the_filter(client, superuser, moderator):
    draft = ArticleFactory(title="BẢN NHÁP chưa duyệt", status="draft", published_at=None)
    CommentFactory(article=draft)
    decided = ArticleFactory(title="BẢN NHÁP đã xong", status="draft", published_at=None)
    CommentFactory(article=decided, status="approved")
    # The moderator's list is cached apart: it must not stand in for the superuser's.
    moderator_client = Client()
    moderator_client.force_login(moderator)
    moderator_client.get(CHANGELIST)
    client.force_login(superuser)
    assert "BẢN NHÁP chưa duyệt (1 chờ duyệt)" in _article_filter(
        client.get(CHANGELIST).content.decode()
    )
    # An article with nothing waiting is offered when it is asked for by id.
    assert "BẢN NHÁP đã xong" in _article_filter(
        client.get(f"{CHANGELIST}?article={decided.pk}").content.decode()
    )
