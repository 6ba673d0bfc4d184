"""Corrections and restored revisions reach cached pages at once."""

import pytest
from django.test import Client

from articles import corrections, revisions, services, workflow
from articles.models import ArticleRevision, Correction
from tests.factories import ArticleFactory, SectionFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def approver():
    # A transactional test empties the tables, the role groups too.
    return UserFactory(username="tongbientap", is_staff=True, is_superuser=True)


def warm(client, *urls) -> None:
    for url in urls:
        client.get(url)
        assert client.get(url)["X-Page-Cache"] == "hit", url


def test_a_new_correction_shows_on_the_cached_article_and_list_at_once(client, approver, purged):
    section = SectionFactory(slug="thoi-su")
    article = ArticleFactory(section=section, title="Ngân sách năm 2026")
    other = ArticleFactory(section=section, title="Bài khác")
    warm(client, article.get_absolute_url(), "/dinh-chinh/", "/")
    purged.clear()

    corrections.correction_save(
        correction=Correction(article=article, kind="update", text="Đã thêm ý kiến của sở."),
        user=approver,
    )

    response = client.get(article.get_absolute_url())
    assert response["X-Page-Cache"] == "miss"
    assert "<strong>Cập nhật</strong>" in response.content.decode()
    assert "Đã thêm ý kiến của sở." in response.content.decode()
    response = client.get("/dinh-chinh/")
    assert response["X-Page-Cache"] == "miss"
    assert "Ngân sách năm 2026" in response.content.decode()
    assert purged == [frozenset({f"article:{article.pk}", "correction"})]
    # The other article's page did not show the note: it stays cached.
    client.get(other.get_absolute_url())
    assert client.get(other.get_absolute_url())["X-Page-Cache"] == "hit"


def test_an_edited_correction_reaches_the_cached_article_page(client, approver):
    article = ArticleFactory()
    note = corrections.correction_save(
        correction=Correction(article=article, text="Bản đầu của ghi chú."), user=approver
    )
    warm(client, article.get_absolute_url(), "/dinh-chinh/")

    note.text = "Bản sửa của ghi chú."
    corrections.correction_save(correction=note, user=approver)

    for url in (article.get_absolute_url(), "/dinh-chinh/"):
        html = client.get(url).content.decode()
        assert "Bản sửa của ghi chú." in html and "Bản đầu" not in html, url


def test_unpublishing_an_article_removes_its_notes_from_the_cached_list(client, approver):
    article = ArticleFactory(title="Bài sắp gỡ")
    corrections.correction_save(
        correction=Correction(article=article, text="Ghi chú."), user=approver
    )
    warm(client, "/dinh-chinh/")
    workflow.article_withdraw(article=article, user=approver, reason="Sai tên nhân vật.")
    assert "Bài sắp gỡ" not in client.get("/dinh-chinh/").content.decode()


def test_the_corrections_page_ignores_unknown_parameters(client):
    warm(client, "/dinh-chinh/")
    assert client.get("/dinh-chinh/?utm_source=zalo")["X-Page-Cache"] == "hit"


def test_a_restored_revision_shows_on_the_cached_article_page(client, approver):
    article = ArticleFactory(title="Tiêu đề đúng")
    services.article_save(article=article, user=approver)
    article.title = "Tiêu đề sai"
    services.article_save(article=article, user=approver)
    warm(client, article.get_absolute_url())

    staff = Client()
    staff.force_login(approver)
    response = staff.post(f"/admin/articles/article/{article.pk}/revisions/1/restore/")
    assert response.status_code == 302

    response = client.get(article.get_absolute_url())
    assert response["X-Page-Cache"] == "miss"
    assert '<h1 class="article__title">Tiêu đề đúng</h1>' in response.content.decode()
    assert ArticleRevision.objects.filter(article=article).count() == 3
    assert revisions.article_revisions(article=article)[0].restored_from.number == 1


def test_a_correction_deleted_outside_the_service_leaves_the_cached_pages(client, approver):
    """The signals, not the service, tell the cache: a delete in the admin or a shell counts."""
    article = ArticleFactory(title="Bài có ghi chú")
    note = corrections.correction_save(
        correction=Correction(article=article, text="Ghi chú sẽ bị xóa."), user=approver
    )
    warm(client, article.get_absolute_url(), "/dinh-chinh/")

    Correction.objects.filter(pk=note.pk).delete()

    for url in (article.get_absolute_url(), "/dinh-chinh/"):
        response = client.get(url)
        assert response["X-Page-Cache"] == "miss", url
        assert "Ghi chú sẽ bị xóa." not in response.content.decode(), url


def test_an_article_published_again_brings_its_notes_back_to_the_cached_list(client, approver):
    article = ArticleFactory(title="Bài đăng lại")
    corrections.correction_save(
        correction=Correction(article=article, text="Ghi chú còn đó."), user=approver
    )
    workflow.article_withdraw(article=article, user=approver, reason="Chờ xác minh.")
    warm(client, "/dinh-chinh/")
    assert "Bài đăng lại" not in client.get("/dinh-chinh/").content.decode()

    workflow.article_approve(article=article, user=approver)

    response = client.get("/dinh-chinh/")
    assert response["X-Page-Cache"] == "miss"
    assert "Ghi chú còn đó." in response.content.decode()


def test_a_loaded_correction_records_its_articles_key(approver):
    from core.dependencies import recording

    article = ArticleFactory()
    note = corrections.correction_save(
        correction=Correction(article=article, text="Ghi chú."), user=approver
    )
    with recording() as keys:
        # Without the article's row: the note alone names the page it belongs to.
        list(Correction.objects.filter(pk=note.pk).only("text", "article"))
    assert f"article:{article.pk}" in keys
