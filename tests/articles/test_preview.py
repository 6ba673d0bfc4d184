from datetime import timedelta

import pytest
from django.utils import timezone

from articles.models import Article
from tests.factories import ArticleFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft():
    return ArticleFactory(
        title="Bản nháp chưa đăng", status=Article.Status.DRAFT, published_at=None
    )


def preview_url(article) -> str:
    return f"/xem-truoc/{article.pk}/"


def test_editor_previews_a_draft_marked_as_preview_and_never_cached(editor_client, draft):
    response = editor_client.get(preview_url(draft))
    html = response.content.decode()
    assert response.status_code == 200
    assert "BẢN XEM TRƯỚC" in html
    assert "bản nháp, bạn đọc chưa thấy bài này." in html
    assert "Bản nháp chưa đăng" in html
    assert "no-cache" in response["Cache-Control"] and "private" in response["Cache-Control"]
    assert response["X-Robots-Tag"] == "noindex, nofollow"


def test_editor_previews_a_scheduled_article_with_its_time(editor_client):
    article = ArticleFactory(published_at=timezone.now() + timedelta(days=2))
    html = editor_client.get(preview_url(article)).content.decode()
    assert "bài được hẹn đăng lúc" in html


def test_anonymous_reader_is_sent_to_login(client, draft):
    response = client.get(preview_url(draft))
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_staff_without_article_permission_gets_a_vietnamese_403(client, draft):
    client.force_login(UserFactory(is_staff=True))
    response = client.get(preview_url(draft))
    assert response.status_code == 403
    assert "Không có quyền truy cập" in response.content.decode()
    assert "Bản nháp chưa đăng" not in response.content.decode()


def test_moderator_cannot_preview_articles(client, moderator, draft):
    client.force_login(moderator)
    assert client.get(preview_url(draft)).status_code == 403


def test_admin_view_on_site_link_goes_to_the_preview(editor_client, draft):
    html = editor_client.get(f"/admin/articles/article/{draft.pk}/change/").content.decode()
    assert f'href="/xem-truoc/{draft.pk}/" class="viewsitelink"' in html
