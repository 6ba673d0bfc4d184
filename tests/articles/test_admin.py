from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

from articles.models import Article
from articles.roles import EDITORS_GROUP, MODERATORS_GROUP
from tests.factories import ArticleFactory, AuthorFactory, SectionFactory

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/articles/article/"


def test_role_groups_exist_with_the_right_permissions():
    editors = set(
        Group.objects.get(name=EDITORS_GROUP).permissions.values_list("codename", flat=True)
    )
    for model in ("article", "section", "author", "photo", "byline"):
        assert {f"add_{model}", f"change_{model}", f"view_{model}"} <= editors
    moderators = Group.objects.get(name=MODERATORS_GROUP)
    assert not moderators.permissions.filter(content_type__app_label="articles").exists()


def test_publish_now_action_publishes_what_awaits_approval_and_reports_the_count(
    approver_client, approver
):
    waiting = ArticleFactory.create_batch(
        2, status=Article.Status.AWAITING_APPROVAL, published_at=None
    )
    live = ArticleFactory(published_at=timezone.now() - timedelta(days=3))
    response = approver_client.post(
        CHANGELIST,
        {"action": "publish_now", "_selected_action": [a.pk for a in [*waiting, live]]},
        follow=True,
    )
    html = response.content.decode()
    assert "Đã xuất bản 2 bài viết." in html
    assert f"“{live.title}”: Bài “{live.title}” đã xuất bản rồi." in html
    assert Article.objects.published().count() == 3
    for article in waiting:
        article.refresh_from_db()
        assert article.updated_by == approver
    live.refresh_from_db()
    assert live.published_at < timezone.now() - timedelta(days=2)  # a live story keeps its time


def test_editors_are_not_offered_publishing(editor_client):
    article = ArticleFactory(status=Article.Status.AWAITING_APPROVAL, published_at=None)
    html = editor_client.get(CHANGELIST).content.decode()
    assert 'value="publish_now"' not in html
    response = editor_client.post(
        CHANGELIST, {"action": "publish_now", "_selected_action": [article.pk]}, follow=True
    )
    assert "Không có hoạt động nào được lựa chọn." in response.content.decode()
    assert not Article.objects.published().exists()


def test_changelist_shows_status_section_time_and_authors(editor_client):
    article = ArticleFactory(title="Bài trong danh sách", section=SectionFactory(name="Kinh tế"))
    article.bylines.create(author=AuthorFactory(name="Đỗ Minh"), order=1)
    ArticleFactory(title="Bài hẹn giờ", published_at=timezone.now() + timedelta(days=1))
    html = editor_client.get(CHANGELIST).content.decode()
    assert "Bài trong danh sách" in html
    assert "Kinh tế" in html
    assert "Đỗ Minh" in html
    assert "Đã xuất bản" in html
    assert "Hẹn giờ" in html


def test_changelist_query_count_does_not_grow_with_rows(
    editor_client, django_assert_max_num_queries
):
    for _ in range(30):
        article = ArticleFactory()
        article.bylines.create(author=AuthorFactory(), order=1)
    with django_assert_max_num_queries(12):
        editor_client.get(CHANGELIST)


def test_editor_adds_an_article_with_slug_made_on_the_server(editor_client, editor):
    section = SectionFactory()
    author = AuthorFactory()
    response = editor_client.post(
        "/admin/articles/article/add/",
        {
            "title": "Đà Nẵng đón Tết",
            "section": section.pk,
            "lead": "Sáng nay, thành phố rộn ràng.",
            "body": "<p>Thân bài.</p>",
            "status": "published",
            "published_at_0": "",
            "published_at_1": "",
            "bylines-TOTAL_FORMS": "1",
            "bylines-INITIAL_FORMS": "0",
            "bylines-0-author": author.pk,
            "bylines-0-role": "Thực hiện",
            "bylines-0-order": "1",
            "photos-TOTAL_FORMS": "0",
            "photos-INITIAL_FORMS": "0",
            "attachments-TOTAL_FORMS": "0",
            "attachments-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302
    article = Article.objects.get()
    assert article.slug == "da-nang-don-tet"
    # The posted status is ignored: a new article is a draft until the workflow moves it.
    assert (article.status, article.published_at) == (Article.Status.DRAFT, None)
    assert article.created_by == editor and article.updated_by == editor
    assert [(b.author, b.role) for b in article.bylines.all()] == [(author, "Thực hiện")]


def test_section_slug_is_generated_and_reserved_paths_are_refused(editor_client):
    response = editor_client.post(
        "/admin/articles/section/add/", {"name": "Đời sống", "slug": "", "order": "1"}
    )
    assert response.status_code == 302
    response = editor_client.post(
        "/admin/articles/section/add/", {"name": "Quản trị", "slug": "admin", "order": "2"}
    )
    assert response.status_code == 200
    assert "Đường dẫn “admin” đã được trang web dùng." in response.content.decode()
    from articles.models import Section

    assert list(Section.objects.values_list("slug", flat=True)) == ["doi-song"]


def test_moderator_cannot_open_or_change_articles(client, moderator):
    article = ArticleFactory()
    client.force_login(moderator)
    assert client.get(CHANGELIST).status_code == 403
    assert client.get(f"{CHANGELIST}{article.pk}/change/").status_code == 403
    response = client.post(f"{CHANGELIST}{article.pk}/change/", {"title": "Sửa trộm"})
    assert response.status_code == 403
    article.refresh_from_db()
    assert article.title != "Sửa trộm"


def test_new_section_appears_in_the_menu_at_once(editor_client, client):
    client.get("/")  # the menu is now cached
    editor_client.post(
        "/admin/articles/section/add/", {"name": "Giáo dục", "slug": "", "order": "3"}
    )
    assert '<a href="/giao-duc/"' in client.get("/").content.decode()
