"""Security headers readers' and editors' browsers receive."""

import pytest

from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def policy(response) -> dict[str, str]:
    header = response["Content-Security-Policy"]
    return {
        part.split(" ", 1)[0]: part.split(" ", 1)[1] if " " in part else ""
        for part in (p.strip() for p in header.split(";"))
        if part
    }


def test_public_pages_have_a_strict_policy_and_protective_headers(client):
    article = ArticleFactory()
    for url in ("/", article.get_absolute_url(), f"/{article.section.slug}/", "/tim-kiem/?q=a"):
        response = client.get(url)
        csp = policy(response)
        assert csp["default-src"] == "'self'"
        assert "unsafe-inline" not in csp["script-src"]
        assert "unsafe-inline" not in csp["style-src"]
        assert csp["object-src"] == "'none'"
        assert csp["frame-ancestors"] == "'none'"
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
        assert response["X-Frame-Options"] == "DENY"


def test_only_the_ckeditor_form_relaxes_the_policy(editor_client):
    article = ArticleFactory()
    editor_form = policy(editor_client.get(f"/admin/articles/article/{article.pk}/change/"))
    assert editor_form["script-src"] == "'self' 'unsafe-inline'"
    assert editor_form["object-src"] == "'none'"
    changelist = policy(editor_client.get("/admin/articles/article/"))
    assert "unsafe-inline" not in changelist["script-src"]


def test_error_pages_carry_the_policy_too(client):
    response = client.get("/khong-co-trang-nay/")
    assert response.status_code == 404
    assert "unsafe-inline" not in policy(response)["script-src"]
