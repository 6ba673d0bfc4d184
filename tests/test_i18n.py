"""The site speaks Vietnamese to everyone, and English to those who choose it."""

import pytest

from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def test_vietnamese_even_for_an_english_browser(client):
    article = ArticleFactory()
    response = client.get(article.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    html = response.content.decode()
    assert '<html lang="vi">' in html
    assert response["Content-Language"] == "vi"
    assert "Viết bình luận" in html


def test_english_when_the_reader_chooses_it(client):
    article = ArticleFactory()
    chosen = client.get(f"/ngon-ngu/en/?next={article.get_absolute_url()}")
    assert chosen.status_code == 302 and chosen["Location"] == article.get_absolute_url()
    html = client.get(article.get_absolute_url()).content.decode()
    assert '<html lang="en">' in html
    assert "Write a comment" in html
    assert 'hreflang="vi">Tiếng Việt</a>' in html


def test_language_link_does_not_redirect_off_site(client):
    response = client.get("/ngon-ngu/en/?next=https://evil.example/")
    assert response["Location"] == "/"


def test_admin_strings_missing_from_djangos_catalog_are_vietnamese(editor_client):
    ArticleFactory()
    changelist = editor_client.get("/admin/articles/article/").content.decode()
    assert ">Thực hiện<" in changelist  # Django's own catalog leaves "Run" in English
    assert "- Chọn một mục -" in changelist
    form = editor_client.post("/admin/articles/article/add/", {"title": ""}).content.decode()
    assert "Vui lòng sửa các lỗi bên dưới." in form
    assert "Please correct" not in form


def test_admin_names_lists_in_the_plural_in_english_and_vietnamese(client, superuser):
    client.force_login(superuser)
    vietnamese = client.get("/admin/").content.decode()
    client.get("/ngon-ngu/en/")
    english = client.get("/admin/").content.decode()

    # Vietnamese nouns do not change in the plural; English ones do.
    for name in ("Bài viết", "Chuyên mục", "Bình luận", "Từ bị chặn"):
        assert f">{name}</a>" in vietnamese
    for name in ("Articles", "Sections", "Authors", "Comments", "Blocked words"):
        assert f">{name}</a>" in english
