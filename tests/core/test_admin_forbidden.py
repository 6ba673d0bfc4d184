"""Staff refused a page of the admin get a 403 inside the admin, in Vietnamese."""

import pytest

from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def test_moderator_refused_an_article_stays_in_the_admin(client, moderator):
    article = ArticleFactory()
    client.force_login(moderator)
    response = client.get(f"/admin/articles/article/{article.pk}/change/")
    assert response.status_code == 403
    html = response.content.decode()
    assert '<div id="site-name"><a href="/admin/">Tòa soạn</a></div>' in html  # the admin's header
    assert "<h1>Không có quyền truy cập</h1>" in html
    assert '<a href="/admin/">Về trang quản trị</a>' in html
    assert "Về trang chủ" not in html  # not the readers' page
    assert "Forbidden" not in html and "403 Forbidden" not in html


def test_readers_refused_a_page_keep_the_sites_403(client, rf):
    from core.errors import permission_denied

    response = permission_denied(rf.get("/xem-truoc/1/"))
    assert response.status_code == 403
    assert "Về trang chủ" in response.content.decode()
