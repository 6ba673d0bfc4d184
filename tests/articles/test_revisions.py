"""Every save keeps a revision; editors compare two and restore one, and nothing is lost.

The articles here are published, which only the editor-in-chief changes (the
workflow), so the editor-in-chief (``approver``) does the saving.
"""

import re

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles import revisions, services, workflow
from articles.models import Article, ArticleRevision, Photo
from articles.roles import APPROVERS_GROUP
from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    BylineFactory,
    PhotoFactory,
    SectionFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def change_url(article: Article) -> str:
    return f"/admin/articles/article/{article.pk}/change/"


def revisions_url(article: Article) -> str:
    return f"/admin/articles/article/{article.pk}/revisions/"


def form_data(article: Article, **changes) -> dict:
    """The article's change form as the admin would post it, photos and bylines included."""
    published = timezone.localtime(article.published_at)
    data = {
        "title": article.title,
        "section": article.section_id,
        "lead": article.lead,
        "body": article.body,
        "status": article.status,
        "published_at_0": published.strftime("%d/%m/%Y"),
        "published_at_1": published.strftime("%H:%M:%S"),
        "loaded_version": article.version,
    }
    bylines = list(article.bylines.all())
    data |= {"bylines-TOTAL_FORMS": len(bylines), "bylines-INITIAL_FORMS": len(bylines)}
    for i, byline in enumerate(bylines):
        data |= {
            f"bylines-{i}-id": byline.pk,
            f"bylines-{i}-article": article.pk,
            f"bylines-{i}-author": byline.author_id,
            f"bylines-{i}-role": byline.role,
            f"bylines-{i}-order": byline.order,
        }
    photos = list(article.photos.all())
    data |= {"photos-TOTAL_FORMS": len(photos), "photos-INITIAL_FORMS": len(photos)}
    data |= {"attachments-TOTAL_FORMS": 0, "attachments-INITIAL_FORMS": 0}
    for i, photo in enumerate(photos):
        data |= {
            f"photos-{i}-id": photo.pk,
            f"photos-{i}-article": article.pk,
            f"photos-{i}-caption": photo.caption,
            f"photos-{i}-credit": photo.credit,
            f"photos-{i}-alt_text": photo.alt_text,
            f"photos-{i}-order": photo.order,
        }
    return data | changes


def test_an_admin_save_keeps_a_revision_with_who_when_and_the_inlines_as_saved(
    approver_client, approver
):
    article = ArticleFactory(title="Cầu Rồng phun lửa")
    photo = PhotoFactory(article=article, caption="Chú thích cũ", credit="Quốc Huy")
    author = AuthorFactory(name="Trần Thu Hà")
    before = timezone.now()
    data = form_data(
        article,
        title="Cầu Rồng phun lửa tối nay",
        **{"photos-0-caption": "Chú thích mới", "photos-0-credit": "Minh Châu"},
    )
    # A byline added in the same save, by the inline that runs after the article.
    data |= {
        "bylines-TOTAL_FORMS": 1,
        "bylines-0-article": article.pk,
        "bylines-0-author": author.pk,
        "bylines-0-role": "Ảnh",
        "bylines-0-order": 1,
    }

    response = approver_client.post(change_url(article), data)

    assert response.status_code == 302
    revision = ArticleRevision.objects.get(article=article)
    assert revision.number == 1
    assert revision.created_by == approver
    assert before <= revision.created_at <= timezone.now()
    snapshot = revision.snapshot
    assert snapshot["title"] == "Cầu Rồng phun lửa tối nay"
    assert snapshot["status"] == "published"
    assert snapshot["section"] == {"id": article.section_id, "name": article.section.name}
    assert [(p["id"], p["caption"], p["credit"]) for p in snapshot["photos"]] == [
        (photo.pk, "Chú thích mới", "Minh Châu")
    ]
    assert snapshot["bylines"] == [
        {"author": author.pk, "author_name": "Trần Thu Hà", "role": "Ảnh", "order": 1}
    ]


def test_every_save_through_the_services_adds_a_numbered_revision(approver):
    article = services.article_save(
        article=ArticleFactory.build(title="Bản đầu", section=SectionFactory()), user=approver
    )
    article.title = "Bản hai"
    services.article_save(article=article, user=approver)
    workflow.article_withdraw(article=article, user=approver, reason="Sai số liệu.")

    rows = list(
        ArticleRevision.objects.filter(article=article)
        .order_by("number")
        .values_list("number", "snapshot__title", "snapshot__status", "created_by")
    )
    assert rows == [
        (1, "Bản đầu", "published", approver.pk),
        (2, "Bản hai", "published", approver.pk),
        (3, "Bản hai", "withdrawn", approver.pk),
    ]


def test_an_invalid_admin_save_keeps_no_revision(approver_client):
    article = ArticleFactory()
    response = approver_client.post(change_url(article), form_data(article, title=""))
    assert response.status_code == 200
    assert not ArticleRevision.objects.exists()


def test_the_change_page_links_to_the_revisions(approver_client):
    article = ArticleFactory()
    html = approver_client.get(change_url(article)).content.decode()
    assert f'<a href="{revisions_url(article)}">Lịch sử phiên bản</a>' in html


def test_the_revision_list_shows_each_save_with_who_and_when(approver_client, approver):
    article = ArticleFactory(title="Bản đầu")
    services.article_save(article=article, user=approver)
    article.title = "Bản hai"
    deputy = UserFactory(username="photongbientap", is_staff=True)
    deputy.groups.add(Group.objects.get(name=APPROVERS_GROUP))
    services.article_save(article=article, user=deputy)
    first = ArticleRevision.objects.get(article=article, number=1)

    html = approver_client.get(revisions_url(article)).content.decode()

    assert "Bản đầu" in html and "Bản hai" in html
    assert ">tongbientap<" in html and ">photongbientap<" in html
    assert timezone.localtime(first.created_at).strftime("%H:%M %d/%m/%Y") in html


def saved_twice(approver, *, first: dict, second: dict) -> Article:
    article = ArticleFactory(**first)
    services.article_save(article=article, user=approver)
    for name, value in second.items():
        setattr(article, name, value)
    services.article_save(article=article, user=approver)
    return article


def test_compare_marks_the_changed_words_of_each_field(approver_client, approver):
    article = saved_twice(
        approver,
        first={"title": "Cầu Rồng phun lửa", "body": "<p>Tối thứ bảy cầu phun lửa.</p>"},
        second={"title": "Cầu Rồng phun nước", "body": "<p>Tối chủ nhật cầu phun lửa.</p>"},
    )

    response = approver_client.get(f"{revisions_url(article)}compare/?old=1&new=2")

    html = response.content.decode()
    assert response.status_code == 200
    assert "Cầu Rồng phun <del>lửa</del>" in html
    assert "Cầu Rồng phun <ins>nước</ins>" in html
    assert "Tối <del>thứ bảy</del> cầu phun lửa." in html
    assert "Tối <ins>chủ nhật</ins> cầu phun lửa." in html


def test_compare_shows_markup_as_text_never_as_html(approver_client, approver):
    article = saved_twice(
        approver,
        first={"title": "Tiêu đề <b>đậm</b>", "body": "<p>Đoạn <strong>một</strong>.</p>"},
        second={
            "title": 'Tiêu đề <img src=x onerror="alert(1)">',
            "body": "<p>Gõ &lt;script&gt;alert(1)&lt;/script&gt; vào ô.</p>",
        },
    )

    html = approver_client.get(f"{revisions_url(article)}compare/?old=1&new=2").content.decode()

    assert "&lt;b&gt;đậm&lt;/b&gt;" in html
    assert "&lt;img" in html
    assert "<img src=x" not in html and "<b>đậm" not in html
    # The body is compared as the words a reader reads: its tags are gone, and the
    # text that looks like a tag is escaped.
    assert "<strong>một" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script>alert(1)" not in html


def test_compare_without_two_revisions_goes_back_to_the_list(approver_client, approver):
    article = saved_twice(approver, first={"title": "A"}, second={"title": "B"})
    response = approver_client.get(f"{revisions_url(article)}compare/?old=1&new=1", follow=True)
    assert "Hãy chọn hai phiên bản khác nhau để so sánh." in response.content.decode()
    response = approver_client.get(f"{revisions_url(article)}compare/?old=x", follow=True)
    assert "Hãy chọn hai phiên bản để so sánh." in response.content.decode()


def test_restore_brings_back_text_section_bylines_and_captions_as_a_new_revision(
    approver_client, approver
):
    old_section, new_section = SectionFactory(name="Thời sự"), SectionFactory(name="Văn hóa")
    article = ArticleFactory(title="Tiêu đề cũ", lead="Sapo cũ.", section=old_section)
    photo = PhotoFactory(article=article, caption="Chú thích cũ", credit="Quốc Huy")
    gone = PhotoFactory(article=article, caption="Ảnh sẽ bị xóa")
    writer = AuthorFactory(name="Trần Thu Hà")
    BylineFactory(article=article, author=writer, role="", order=1)
    services.article_save(article=article, user=approver)  # revision 1

    article.title, article.lead, article.section = "Tiêu đề mới", "Sapo mới.", new_section
    services.article_save(article=article, user=approver)  # revision 2
    Photo.objects.filter(pk=photo.pk).update(caption="Chú thích mới", credit="Khác")
    gone.delete()
    added = PhotoFactory(article=article, caption="Ảnh thêm sau")
    article.bylines.all().delete()
    BylineFactory(article=article, author=AuthorFactory(name="Người khác"), order=1)
    workflow.article_withdraw(article=article, user=approver, reason="Chờ xác minh.")  # revision 3

    response = approver_client.post(f"{revisions_url(article)}1/restore/", follow=True)

    html = response.content.decode()
    assert "Đã khôi phục phiên bản 1, lưu thành phiên bản mới 4." in html
    assert "1 ảnh của phiên bản đó đã bị xóa nên không khôi phục được." in html
    article.refresh_from_db()
    assert (article.title, article.lead, article.section) == ("Tiêu đề cũ", "Sapo cũ.", old_section)
    assert article.status == Article.Status.WITHDRAWN  # the workflow's, not the revision's
    assert [(b.author, b.role) for b in article.bylines.all()] == [(writer, "")]
    photo.refresh_from_db()
    assert (photo.caption, photo.credit) == ("Chú thích cũ", "Quốc Huy")
    assert Photo.objects.filter(pk=added.pk).exists()  # nothing is deleted
    numbers = list(
        ArticleRevision.objects.filter(article=article)
        .order_by("number")
        .values_list("number", "restored_from__number", "snapshot__title")
    )
    assert numbers == [
        (1, None, "Tiêu đề cũ"),
        (2, None, "Tiêu đề mới"),
        (3, None, "Tiêu đề mới"),
        (4, 1, "Tiêu đề cũ"),
    ]
    latest = ArticleRevision.objects.get(article=article, number=4)
    assert [p["caption"] for p in latest.snapshot["photos"]] == ["Chú thích cũ", "Ảnh thêm sau"]
    assert latest.created_by == approver


def test_restore_sanitises_the_body_again(approver):
    article = ArticleFactory()
    services.article_save(article=article, user=approver)
    revision = ArticleRevision.objects.get(article=article)
    # A revision written by someone with database access, or under older rules.
    ArticleRevision.objects.filter(pk=revision.pk).update(
        snapshot={**revision.snapshot, "body": '<p onclick="alert(1)">Chữ</p><script>x()</script>'}
    )
    revision.refresh_from_db()

    revisions.article_revision_restore(revision=revision, user=approver)

    article.refresh_from_db()
    assert article.body == "<p>Chữ</p>"


def test_the_restore_page_asks_first_and_changes_nothing(approver_client, approver):
    article = saved_twice(approver, first={"title": "Cũ"}, second={"title": "Mới"})
    response = approver_client.get(f"{revisions_url(article)}1/restore/")
    assert "Khôi phục phiên bản này" in response.content.decode()
    article.refresh_from_db()
    assert article.title == "Mới"
    assert ArticleRevision.objects.filter(article=article).count() == 2


@pytest.fixture
def staff_who_may_only_view(db):
    user = UserFactory(username="chixem", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="view_article"))
    return user


@pytest.mark.parametrize("who", ["moderator", "staff_who_may_only_view"])
def test_staff_who_may_not_change_articles_see_no_revisions_and_restore_none(
    client, request, approver, who
):
    article = saved_twice(approver, first={"title": "Cũ"}, second={"title": "Mới"})
    client.force_login(request.getfixturevalue(who))

    assert client.get(revisions_url(article)).status_code == 403
    assert client.get(f"{revisions_url(article)}compare/?old=1&new=2").status_code == 403
    assert client.get(f"{revisions_url(article)}1/restore/").status_code == 403
    assert client.post(f"{revisions_url(article)}1/restore/").status_code == 403

    article.refresh_from_db()
    assert article.title == "Mới"
    assert ArticleRevision.objects.filter(article=article).count() == 2


def test_readers_are_sent_to_the_login(client, approver):
    article = saved_twice(approver, first={"title": "Cũ"}, second={"title": "Mới"})
    response = client.post(f"{revisions_url(article)}1/restore/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
    article.refresh_from_db()
    assert article.title == "Mới"


def test_the_restore_service_refuses_who_may_not_change_articles(moderator, approver):
    article = saved_twice(approver, first={"title": "Cũ"}, second={"title": "Mới"})
    revision = ArticleRevision.objects.get(article=article, number=1)
    with pytest.raises(PermissionDenied):
        revisions.article_revision_restore(revision=revision, user=moderator)
    article.refresh_from_db()
    assert article.title == "Mới"


def test_a_revision_of_another_article_is_not_found(approver_client, approver):
    article = saved_twice(approver, first={"title": "Cũ"}, second={"title": "Mới"})
    other = ArticleFactory()
    assert approver_client.get(f"{revisions_url(other)}1/restore/").status_code == 404
    assert approver_client.post(f"{revisions_url(article)}9/restore/").status_code == 404


def admin_save_queries(client, article: Article) -> int:
    data = form_data(article, title=f"{article.title} (sửa)")
    data |= {f"photos-{i}-caption": f"Chú thích {i} đã sửa" for i in range(article.photos.count())}
    with CaptureQueriesContext(connection) as queries:
        response = client.post(change_url(article), data)
    assert response.status_code == 302
    return len(queries.captured_queries)


def test_saving_ten_photos_records_the_revision_in_the_same_few_queries(
    approver_client, django_assert_max_num_queries
):
    """The revision costs the same with 10 photos as with one: the photos' own
    updates grow with their number, the revision's part does not."""
    one = ArticleFactory()
    PhotoFactory(article=one)
    ten = ArticleFactory()
    PhotoFactory.create_batch(10, article=ten)

    with_one = admin_save_queries(approver_client, one)
    with_ten = admin_save_queries(approver_client, ten)

    # The nine extra photos: nine more UPDATEs, and nothing else.
    assert with_ten - with_one == 9
    saved = ArticleRevision.objects.get(article=ten)
    assert [p["caption"] for p in saved.snapshot["photos"]] == [
        f"Chú thích {i} đã sửa" for i in range(10)
    ]
    # The service alone, with 10 photos: the article's save and what the page
    # cache reads for it (6 with savepoints), then the revision (savepoints,
    # last number, article, photos, bylines, insert).
    ten.refresh_from_db()
    with django_assert_max_num_queries(11):
        services.article_save(article=ten)


def test_saving_ten_unchanged_photos_in_the_admin_stays_a_fixed_number_of_queries(
    approver_client, django_assert_max_num_queries
):
    article = ArticleFactory()
    PhotoFactory.create_batch(10, article=article)
    data = form_data(article, title="Chỉ sửa tiêu đề")
    # Measured: 30 (session and user, permissions, the article and its inlines
    # read once each, the save, the admin log, the revision's 7, savepoints).
    # The attached-documents inline (empty here) adds its own three, and so does the
    # tags field (the form's initial tags, and reading and setting them on save).
    with django_assert_max_num_queries(36):
        response = approver_client.post(change_url(article), data)
    assert response.status_code == 302
    assert ArticleRevision.objects.get(article=article).snapshot["title"] == "Chỉ sửa tiêu đề"


def test_compare_view_query_count_does_not_grow_with_photos(approver_client, approver):
    small = saved_twice(approver, first={"title": "A"}, second={"title": "B"})
    large = ArticleFactory()
    PhotoFactory.create_batch(10, article=large)
    services.article_save(article=large, user=approver)
    services.article_save(article=large, user=approver)
    counts = []
    for article in (small, large):
        with CaptureQueriesContext(connection) as queries:
            approver_client.get(f"{revisions_url(article)}compare/?old=1&new=2")
        counts.append(len(queries.captured_queries))
    assert counts[0] == counts[1]


def test_body_as_text_reads_blocks_as_lines():
    assert revisions.body_as_text("<p>Một &amp; hai</p><ul><li>ba</li></ul>") == "Một & hai\nba"
    assert re.fullmatch(r"\s*", revisions.body_as_text(""))


def test_the_photo_inline_refuses_a_photo_of_another_article(approver_client):
    """The inline checks each photo's id against the article's own photos (read once)."""
    article = ArticleFactory()
    PhotoFactory(article=article, caption="Ảnh của bài")
    stranger = PhotoFactory(caption="Ảnh của bài khác")
    data = form_data(article) | {"photos-0-id": stranger.pk, "photos-0-caption": "Sửa trộm"}

    response = approver_client.post(change_url(article), data)

    assert response.status_code == 200
    stranger.refresh_from_db()
    assert stranger.caption == "Ảnh của bài khác"
    assert not ArticleRevision.objects.exists()
