"""Approvers add dated corrections and updates to live articles; readers see them."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from articles import corrections
from articles.models import Article, Correction
from articles.templatetags.portal import portal_datetime
from tests.factories import ArticleFactory, UserFactory

pytestmark = pytest.mark.django_db

ADD_URL = "/admin/articles/correction/add/"


def add(article: Article, user, *, kind="correction", text="Số liệu đúng là 12 tỷ đồng."):
    return corrections.correction_save(
        correction=Correction(article=article, kind=kind, text=text), user=user
    )


def test_an_approver_adds_a_correction_in_the_admin_and_readers_see_it_with_its_time(
    editor_client, editor, client
):
    article = ArticleFactory(title="Ngân sách năm 2026")
    response = editor_client.post(
        ADD_URL,
        {"article": article.pk, "kind": "correction", "text": "Con số đúng là 12 tỷ đồng."},
    )
    assert response.status_code == 302
    correction = Correction.objects.get()
    assert (correction.article, correction.created_by) == (article, editor)

    html = client.get(article.get_absolute_url()).content.decode()

    time = portal_datetime(correction.noted_at)
    assert "<strong>Đính chính</strong> <time" in html
    assert f"({time})</time>: Con số đúng là 12 tỷ đồng." in html


def test_an_update_is_shown_as_an_update(client, editor):
    article = ArticleFactory()
    note = add(article, editor, kind="update", text="Đã có thêm 3 người được cứu.")
    html = client.get(article.get_absolute_url()).content.decode()
    assert "<strong>Cập nhật</strong> <time datetime=" in html
    assert f"({portal_datetime(note.noted_at)})</time>: Đã có thêm 3 người được cứu." in html


def test_a_correction_moves_the_articles_modified_time(editor):
    article = ArticleFactory()
    Article.objects.filter(pk=article.pk).update(updated_at=timezone.now() - timedelta(days=2))
    note = add(article, editor)
    article.refresh_from_db()
    assert article.updated_at == note.noted_at
    assert article.version == 1  # an editor with the form open is not in conflict


def test_the_corrections_page_lists_notes_on_published_articles_only(client, editor):
    live = ArticleFactory(title="Bài đang hiển thị")
    gone = ArticleFactory(title="Bài đã gỡ xuống")
    add(live, editor, text="Sửa tên người phát biểu.")
    add(gone, editor, text="Ghi chú trên bài sẽ gỡ.")
    Article.objects.filter(pk=gone.pk).update(status=Article.Status.DRAFT)

    html = client.get("/dinh-chinh/").content.decode()

    assert f'<a href="{live.get_absolute_url()}">Bài đang hiển thị</a>' in html
    assert "Sửa tên người phát biểu." in html
    assert "Bài đã gỡ xuống" not in html and "Ghi chú trên bài sẽ gỡ." not in html


def test_the_corrections_page_escapes_the_note(client, editor):
    add(ArticleFactory(), editor, text="<script>alert(1)</script>")
    html = client.get("/dinh-chinh/").content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script>alert(1)" not in html


def test_no_correction_on_a_draft_or_a_scheduled_article(editor, editor_client):
    draft = ArticleFactory(status=Article.Status.DRAFT, published_at=None)
    scheduled = ArticleFactory(published_at=timezone.now() + timedelta(days=1))
    for article in (draft, scheduled):
        with pytest.raises(ValidationError):
            add(article, editor)
        response = editor_client.post(
            ADD_URL, {"article": article.pk, "kind": "update", "text": "Không được thêm."}
        )
        assert response.status_code == 200
        assert "Chỉ thêm đính chính hoặc cập nhật cho bài đang hiển thị với bạn đọc." in (
            response.content.decode()
        )
    assert not Correction.objects.exists()


def test_who_lacks_the_permission_cannot_add_a_correction(client, moderator):
    article = ArticleFactory()
    reporter = UserFactory(username="phongvien", is_staff=True)
    for user in (moderator, reporter):
        with pytest.raises(PermissionDenied):
            add(article, user)
        client.force_login(user)
        response = client.post(ADD_URL, {"article": article.pk, "kind": "update", "text": "x"})
        assert response.status_code == 403
    assert not Correction.objects.exists()


def test_the_editors_group_holds_the_correction_permission_for_now(editor, moderator):
    assert editor.has_perm("articles.add_correction")
    assert not moderator.has_perm("articles.add_correction")


def test_the_change_page_of_a_live_article_offers_to_add_a_correction(editor_client):
    live = ArticleFactory()
    draft = ArticleFactory(status=Article.Status.DRAFT, published_at=None)
    html = editor_client.get(f"/admin/articles/article/{live.pk}/change/").content.decode()
    assert f'href="{ADD_URL}?article={live.pk}">Thêm đính chính, cập nhật</a>' in html
    html = editor_client.get(f"/admin/articles/article/{draft.pk}/change/").content.decode()
    assert "Thêm đính chính, cập nhật" not in html


def test_dinh_chinh_is_a_reserved_section_path(editor_client):
    response = editor_client.post(
        "/admin/articles/section/add/", {"name": "Đính chính", "slug": "dinh-chinh", "order": 1}
    )
    assert "Đường dẫn “dinh-chinh” đã được trang web dùng." in response.content.decode()
