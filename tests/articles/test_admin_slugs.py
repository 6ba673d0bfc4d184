"""Slugs typed in the admin with Vietnamese letters are converted, never refused."""

import pytest

from articles.models import Article, Author, Section
from tests.admin_forms import NO_INLINE_ROWS
from tests.factories import ArticleFactory, SectionFactory

pytestmark = pytest.mark.django_db

TYPED = "Đà Nẵng rộn ràng đón Tết"
CONVERTED = "da-nang-ron-rang-don-tet"


def article_form_data(article: Article | None = None, **changes) -> dict:
    section = article.section if article else SectionFactory()
    data = {
        "title": article.title if article else "Một tiêu đề",
        "slug": article.slug if article else "",
        "section": section.pk,
        "lead": article.lead if article else "Sapo.",
        "body": "<p>Thân bài.</p>",
        "status": "draft",
        "published_at_0": "",
        "published_at_1": "",
        "loaded_version": article.version if article else "",
        **NO_INLINE_ROWS,
    }
    return {**data, **changes}


def test_article_slug_typed_with_vietnamese_letters_is_converted(editor_client):
    response = editor_client.post("/admin/articles/article/add/", article_form_data(slug=TYPED))
    assert response.status_code == 302, response.content.decode()
    assert Article.objects.get().slug == CONVERTED


def test_section_slug_typed_with_vietnamese_letters_is_converted(editor_client):
    response = editor_client.post(
        "/admin/articles/section/add/", {"name": "Tết", "slug": TYPED, "order": "1"}
    )
    assert response.status_code == 302, response.content.decode()
    assert Section.objects.get().slug == CONVERTED


def test_author_slug_typed_with_vietnamese_letters_is_converted(editor_client):
    response = editor_client.post(
        "/admin/articles/author/add/", {"name": "Phạm Gia Huy", "slug": TYPED, "bio": ""}
    )
    assert response.status_code == 302, response.content.decode()
    assert Author.objects.get().slug == CONVERTED


def test_changing_the_title_keeps_the_slug_and_the_form_says_how_to_renew_it(editor_client):
    # A draft: editors no longer change published articles (the workflow).
    article = ArticleFactory(
        title="Tiêu đề cũ", slug="tieu-de-cu", status=Article.Status.DRAFT, published_at=None
    )
    url = f"/admin/articles/article/{article.pk}/change/"
    assert "Đổi tiêu đề không làm đổi đường dẫn." in editor_client.get(url).content.decode()

    editor_client.post(url, article_form_data(article, title="Tiêu đề mới"))
    article.refresh_from_db()
    assert (article.title, article.slug) == ("Tiêu đề mới", "tieu-de-cu")

    editor_client.post(url, article_form_data(article, slug=""))
    article.refresh_from_db()
    assert article.slug == "tieu-de-moi"


def test_new_article_form_does_not_speak_of_a_kept_slug(editor_client):
    html = editor_client.get("/admin/articles/article/add/").content.decode()
    assert "Đổi tiêu đề không làm đổi đường dẫn." not in html
