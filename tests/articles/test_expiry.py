"""Articles with an expiry ("Hết hạn") leave every public page on their own."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from articles import services, workflow
from articles.models import Article, Author
from tests.admin_forms import NO_INLINE_ROWS
from tests.factories import ArticleFactory, BylineFactory, SectionFactory

pytestmark = pytest.mark.django_db

ADD_URL = "/admin/articles/article/add/"
CHANGELIST = "/admin/articles/article/"


@pytest.fixture
def section():
    return SectionFactory(name="Thông báo", slug="thong-bao")


def notice(section, *, title: str, expires_in: timedelta | None) -> Article:
    now = timezone.now()
    article = ArticleFactory(
        section=section,
        title=title,
        lead="Lịch cắt điện khu vực phường Hòa Bình.",
        published_at=now - timedelta(days=2),
        expires_at=None if expires_in is None else now + expires_in,
    )
    author, _created = Author.objects.get_or_create(slug="le-ha", defaults={"name": "Lê Hà"})
    BylineFactory(article=article, author=author)
    return article


def pages(client) -> dict[str, str]:
    return {
        "home": client.get("/").content.decode(),
        "section": client.get("/thong-bao/").content.decode(),
        "author": client.get("/tac-gia/le-ha/").content.decode(),
        "search": client.get("/tim-kiem/", {"q": "cat dien"}).content.decode(),
    }


def test_expired_article_is_a_404_and_leaves_every_list(client, section):
    expired = notice(section, title="Lịch cắt điện đã qua", expires_in=timedelta(minutes=-1))
    notice(section, title="Lịch cắt điện còn hạn", expires_in=None)

    assert client.get(expired.get_absolute_url()).status_code == 404
    for name, html in pages(client).items():
        assert "Lịch cắt điện đã qua" not in html, name
        assert "Lịch cắt điện còn hạn" in html, name
    assert not expired.is_visible_to_readers
    assert list(Article.objects.published().values_list("title", flat=True)) == [
        "Lịch cắt điện còn hạn"
    ]


def test_future_expiry_keeps_the_article_visible_until_then(client, section):
    article = notice(section, title="Tuyển dụng giáo viên", expires_in=timedelta(hours=1))

    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    assert "Tuyển dụng giáo viên" in response.content.decode()
    for name, html in pages(client).items():
        assert "Tuyển dụng giáo viên" in html, name
    assert article.is_visible_to_readers


def test_expired_article_leaves_the_neighbours_lists(client, section):
    expired = notice(section, title="Thông báo đã hết hạn", expires_in=timedelta(seconds=-5))
    neighbour = notice(section, title="Bài bên cạnh", expires_in=None)
    html = client.get(neighbour.get_absolute_url()).content.decode()
    assert "Thông báo đã hết hạn" not in html
    assert expired.title not in client.get("/").content.decode()


def test_staff_preview_says_the_article_has_expired(editor_client, section):
    article = notice(section, title="Thông báo cũ", expires_in=timedelta(minutes=-1))
    html = editor_client.get(f"/xem-truoc/{article.pk}/").content.decode()
    assert "bài đã hết hạn lúc" in html
    assert "bạn đọc không còn thấy bài này" in html


def article_form(section, **fields) -> dict:
    return {
        "title": "Thông báo tuyển dụng",
        "section": section.pk,
        "lead": "Sở Nội vụ tuyển dụng công chức năm 2026.",
        "body": "<p>Hồ sơ nộp trước ngày 30.</p>",
        "status": "published",
        "published_at_0": "2026-01-20",
        "published_at_1": "08:00:00",
        "expires_at_0": "",
        "expires_at_1": "",
        **NO_INLINE_ROWS,
        **fields,
    }


def test_admin_saves_an_expiry_after_the_publication_time(editor_client, section):
    response = editor_client.post(
        ADD_URL, article_form(section, expires_at_0="2026-01-30", expires_at_1="17:00:00")
    )
    assert response.status_code == 302
    article = Article.objects.get()
    assert timezone.localtime(article.expires_at).strftime("%H:%M %d/%m/%Y") == "17:00 30/01/2026"


@pytest.mark.parametrize("expiry_time", ["08:00:00", "07:59:00"])
def test_admin_refuses_an_expiry_not_after_publication_with_the_form_kept(
    approver_client, section, expiry_time
):
    # The publication time is the editor-in-chief's, on a published article (the workflow).
    live = ArticleFactory(section=section, title="Thông báo tuyển dụng")
    response = approver_client.post(
        f"{CHANGELIST}{live.pk}/change/",
        article_form(
            section,
            lead="Sở Nội vụ tuyển dụng công chức năm 2026, bản sửa.",
            loaded_version=live.version,
            expires_at_0="2026-01-20",
            expires_at_1=expiry_time,
        ),
    )
    assert response.status_code == 200
    form = response.context["adminform"].form
    assert form.errors["expires_at"] == [
        "Thời điểm hết hạn phải sau thời gian xuất bản (08:00 20/01/2026)."
    ]
    html = response.content.decode()
    assert "Sở Nội vụ tuyển dụng công chức năm 2026, bản sửa." in html
    live.refresh_from_db()
    assert (live.lead, live.expires_at) == ("Sapo.", None) or live.expires_at is None


def test_service_refuses_an_expiry_before_publication(section):
    from django.core.exceptions import ValidationError

    article = Article(
        section=section,
        title="Bài",
        lead="Sapo.",
        status=Article.Status.PUBLISHED,
        published_at=timezone.now(),
        expires_at=timezone.now() - timedelta(days=1),
    )
    with pytest.raises(ValidationError) as raised:
        services.article_save(article=article)
    assert raised.value.code == "expires_before_publication"
    assert not Article.objects.exists()


def test_database_refuses_an_expiry_before_publication(section):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        ArticleFactory(
            section=section,
            published_at=timezone.now(),
            expires_at=timezone.now() - timedelta(seconds=1),
        )


def test_changelist_shows_the_expired_state_and_filters_by_it(editor_client, section):
    notice(section, title="Thông báo hết hạn", expires_in=timedelta(minutes=-1))
    notice(section, title="Thông báo còn hạn", expires_in=timedelta(days=1))
    html = editor_client.get(CHANGELIST).content.decode()
    assert '<td class="field-visibility">Hết hạn</td>' in html
    assert '<td class="field-visibility">Đã xuất bản</td>' in html

    html = editor_client.get(CHANGELIST, {"visibility": "expired"}).content.decode()
    assert "Thông báo hết hạn" in html
    assert "Thông báo còn hạn" not in html


def test_approving_again_leaves_an_expired_article_alone(section, approver):
    expired = notice(section, title="Đã hết hạn", expires_in=timedelta(minutes=-1))
    # Withdrawn, then approved again: it would leave the pages at once, so it is refused.
    Article.objects.filter(pk=expired.pk).update(status=Article.Status.WITHDRAWN)
    expired.refresh_from_db()
    with pytest.raises(ValidationError) as raised:
        workflow.article_approve(article=expired, user=approver)
    assert raised.value.code == "expires_before_publication"
    expired.refresh_from_db()
    assert expired.status == Article.Status.WITHDRAWN
    assert expired.published_at < timezone.now() - timedelta(days=1)
    assert not Article.objects.published().exists()
