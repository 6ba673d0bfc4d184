"""The editorial workflow: its history, what readers never see, the admin's rules, the mail."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.utils import timezone

from articles import services, workflow
from articles.models import Article, ArticleTransition
from articles.roles import APPROVERS_GROUP, EDITORS_GROUP, MODERATORS_GROUP, REPORTERS_GROUP
from tests.admin_forms import NO_INLINE_ROWS
from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    BylineFactory,
    SectionFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

S = Article.Status


def logged_in(user) -> Client:
    client = Client(raise_request_exception=False)
    client.force_login(user)
    return client


def change_url(article: Article) -> str:
    return f"/admin/articles/article/{article.pk}/change/"


def workflow_url(article: Article) -> str:
    return f"/admin/articles/article/{article.pk}/quy-trinh/"


# --- History -------------------------------------------------------------------------


def test_every_step_is_recorded_in_order_and_shown_on_the_change_page(reporter, editor, approver):
    article = ArticleFactory(status=S.DRAFT, published_at=None, created_by=reporter)
    workflow.article_submit(article=article, user=reporter)
    workflow.article_return(article=article, user=editor, note="Thiếu ý kiến người dân.")
    workflow.article_submit(article=article, user=reporter, note="Đã bổ sung.")
    workflow.article_send_for_approval(article=article, user=editor)
    workflow.article_approve(article=article, user=approver)
    workflow.article_withdraw(article=article, user=approver, reason="Sai số liệu.")

    steps = [
        (s.from_status, s.to_status, s.user, s.note)
        for s in ArticleTransition.objects.filter(article=article)
    ]
    assert steps == [
        (S.DRAFT, S.SUBMITTED, reporter, ""),
        (S.SUBMITTED, S.RETURNED, editor, "Thiếu ý kiến người dân."),
        (S.RETURNED, S.SUBMITTED, reporter, "Đã bổ sung."),
        (S.SUBMITTED, S.AWAITING_APPROVAL, editor, ""),
        (S.AWAITING_APPROVAL, S.PUBLISHED, approver, ""),
        (S.PUBLISHED, S.WITHDRAWN, approver, "Sai số liệu."),
    ]
    html = logged_in(approver).get(change_url(article)).content.decode()
    history = html.split('class="workflow__history"', 1)[1]
    assert history.count('class="workflow__step"') == 6
    assert history.index("Thiếu ý kiến người dân.") < history.index("Đã bổ sung.")
    assert history.index("Đã bổ sung.") < history.index("Sai số liệu.")
    assert "<td>bientap</td>" in history and "<td>tongbientap</td>" in history


def test_a_step_is_never_overwritten_by_the_next(reporter, editor):
    article = ArticleFactory(status=S.DRAFT, published_at=None, created_by=reporter)
    workflow.article_submit(article=article, user=reporter)
    first = ArticleTransition.objects.get()
    workflow.article_return(article=article, user=editor, note="Sửa tít.")
    first_again = ArticleTransition.objects.get(pk=first.pk)
    assert (first_again.to_status, first_again.user, first_again.created_at) == (
        S.SUBMITTED,
        reporter,
        first.created_at,
    )
    assert ArticleTransition.objects.count() == 2


# --- What readers see ------------------------------------------------------------------

HIDDEN_STATES = [S.DRAFT, S.SUBMITTED, S.AWAITING_APPROVAL, S.RETURNED, S.WITHDRAWN]


@pytest.fixture
def reader_pages():
    """A live article beside which the hidden one would appear, and its author's page."""
    section = SectionFactory(name="Đô thị", slug="do-thi")
    author = AuthorFactory(name="Lê Hà", slug="le-ha")
    live = ArticleFactory(title="Bài đang hiển thị", section=section)
    BylineFactory(article=live, author=author)
    return section, author


@pytest.mark.parametrize("status", HIDDEN_STATES)
def test_articles_outside_published_are_never_shown_to_readers(client, reader_pages, status):
    section, author = reader_pages
    # A past time, as a withdrawn article keeps: the status alone must hide it.
    hidden = ArticleFactory(
        title="Tin mật chưa đăng",
        section=section,
        status=status,
        published_at=timezone.now() - timedelta(minutes=5),
    )
    BylineFactory(article=hidden, author=author)

    assert client.get(hidden.get_absolute_url()).status_code == 404
    for url in ("/", section.get_absolute_url(), author.get_absolute_url(), "/tim-kiem/?q=mat"):
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert "Bài đang hiển thị" in html or url.startswith("/tim-kiem/")
        assert "Tin mật chưa đăng" not in html, url
    assert client.get(f"/binh-luan/{hidden.pk}/").status_code == 404
    assert client.get(f"/binh-luan/{hidden.pk}/ma-xac-nhan/").status_code == 404
    posted = client.post(
        f"/binh-luan/{hidden.pk}/gui/",
        {"name": "Bạn đọc", "title": "Ý kiến", "body": "Nội dung", "captcha_0": "x"},
    )
    assert posted.status_code == 404
    assert not hidden.comments.exists()


def test_a_withdrawn_article_leaves_the_site_at_once(client, approver, reader_pages):
    section, _author = reader_pages
    article = ArticleFactory(title="Tin sẽ bị gỡ", section=section)
    assert client.get(article.get_absolute_url()).status_code == 200
    workflow.article_withdraw(article=article, user=approver, reason="Sai số liệu.")
    assert client.get(article.get_absolute_url()).status_code == 404
    assert "Tin sẽ bị gỡ" not in client.get(section.get_absolute_url()).content.decode()


def test_approval_at_a_later_time_schedules_the_article(client, approver):
    article = ArticleFactory(status=S.AWAITING_APPROVAL, published_at=None)
    later = timezone.localtime() + timedelta(days=1)
    response = logged_in(approver).post(
        workflow_url(article),
        {"transition": "approve", "publish_at": later.strftime("%Y-%m-%dT%H:%M")},
        follow=True,
    )
    assert "bài sẽ hiện lúc" in response.content.decode()
    article.refresh_from_db()
    assert article.status == S.PUBLISHED and article.is_scheduled
    assert abs(article.published_at - later) < timedelta(minutes=1)
    assert client.get(article.get_absolute_url()).status_code == 404


# --- The admin's object permissions ----------------------------------------------------


def test_a_reporter_cannot_open_a_colleagues_article(reporter):
    colleague = UserFactory(username="dongnghiep", is_staff=True)
    theirs = ArticleFactory(status=S.DRAFT, published_at=None, created_by=colleague)
    client = logged_in(reporter)
    for url in (change_url(theirs), f"/xem-truoc/{theirs.pk}/"):
        response = client.get(url)
        assert response.status_code == 403, url
        assert "Không có quyền truy cập" in response.content.decode()
    listing = client.get("/admin/articles/article/").content.decode()
    assert theirs.title not in listing


def test_a_reporter_cannot_change_a_colleagues_article_by_posting(reporter):
    colleague = UserFactory(username="dongnghiep", is_staff=True)
    theirs = ArticleFactory(
        title="Bài của đồng nghiệp", status=S.DRAFT, published_at=None, created_by=colleague
    )
    response = logged_in(reporter).post(change_url(theirs), article_form(theirs, title="Sửa lén"))
    assert response.status_code == 403
    theirs.refresh_from_db()
    assert theirs.title == "Bài của đồng nghiệp"


def article_form(article: Article, **changes) -> dict:
    data = {
        "title": article.title,
        "section": article.section_id,
        "lead": article.lead,
        "body": article.body,
        "loaded_version": article.version,
        **NO_INLINE_ROWS,
    }
    return {**data, **changes}


def test_a_reporter_posting_status_published_does_not_publish(reporter, client):
    section = SectionFactory()
    reporter_client = logged_in(reporter)
    added = reporter_client.post(
        "/admin/articles/article/add/",
        {
            **article_form(ArticleFactory.build(section=section), title="Bài tự đăng"),
            "status": "published",
            "published_at_0": "01/01/2024",
            "published_at_1": "08:00:00",
        },
    )
    assert added.status_code == 302
    article = Article.objects.get(title="Bài tự đăng")
    assert (article.status, article.published_at, article.created_by) == (S.DRAFT, None, reporter)

    changed = reporter_client.post(
        change_url(article), article_form(article, title="Bài tự đăng, sửa", status="published")
    )
    assert changed.status_code == 302
    article.refresh_from_db()
    assert (article.title, article.status) == ("Bài tự đăng, sửa", S.DRAFT)
    assert client.get(article.get_absolute_url()).status_code == 404


def test_a_reporter_edits_only_while_the_article_is_theirs_to_fix(reporter, editor):
    article = ArticleFactory(status=S.DRAFT, published_at=None, created_by=reporter)
    client = logged_in(reporter)
    assert 'name="_save"' in client.get(change_url(article)).content.decode()
    workflow.article_submit(article=article, user=reporter)

    page = client.get(change_url(article)).content.decode()
    assert 'name="_save"' not in page  # read-only while the editors have it
    assert client.post(change_url(article), article_form(article)).status_code == 403

    workflow.article_return(article=article, user=editor, note="Sửa sapo.")
    assert 'name="_save"' in client.get(change_url(article)).content.decode()


def test_an_editor_sees_a_published_article_read_only(editor):
    live = ArticleFactory(title="Bài đã đăng")
    client = logged_in(editor)
    page = client.get(change_url(live))
    assert page.status_code == 200
    assert 'name="_save"' not in page.content.decode()
    assert (
        client.post(change_url(live), article_form(live, title="Sửa bài đã đăng")).status_code
        == 403
    )
    live.refresh_from_db()
    assert live.title == "Bài đã đăng"


def test_the_editor_in_chief_edits_a_published_article_and_its_time(approver):
    live = ArticleFactory(title="Bài đã đăng")
    client = logged_in(approver)
    assert 'name="published_at_0"' in client.get(change_url(live)).content.decode()
    response = client.post(change_url(live), article_form(live, title="Bài đã đăng, đính chính"))
    assert response.status_code == 302
    live.refresh_from_db()
    assert live.title == "Bài đã đăng, đính chính"


def test_a_reporter_cannot_bulk_delete_a_colleagues_published_article(reporter):
    live = ArticleFactory(title="Bài đã đăng của người khác")
    response = logged_in(reporter).post(
        "/admin/articles/article/",
        {"action": "delete_selected", "_selected_action": [live.pk], "post": "yes"},
    )
    assert response.status_code == 403
    assert Article.objects.filter(pk=live.pk).exists()


def test_the_change_page_offers_only_the_moves_the_user_may_make(reporter, editor, approver):
    article = ArticleFactory(status=S.DRAFT, published_at=None, created_by=reporter)

    def buttons(user) -> set[str]:
        html = logged_in(user).get(change_url(article)).content.decode()
        return {t for t in workflow.Transition.values if f'data-transition="{t}"' in html}

    assert buttons(reporter) == {"submit"}
    workflow.article_submit(article=article, user=reporter)
    assert buttons(reporter) == set()
    assert buttons(editor) == {"return", "send_for_approval"}
    workflow.article_send_for_approval(article=article, user=editor)
    assert buttons(editor) == set()
    assert buttons(approver) == {"return", "approve"}
    workflow.article_approve(article=article, user=approver)
    assert buttons(approver) == {"withdraw"}


def test_a_return_without_a_note_is_refused_with_the_reason(editor):
    article = ArticleFactory(status=S.SUBMITTED, published_at=None)
    response = logged_in(editor).post(
        workflow_url(article), {"transition": "return", "note": ""}, follow=True
    )
    assert "Hãy ghi lý do trả lại, để phóng viên biết cần sửa gì." in response.content.decode()
    article.refresh_from_db()
    assert article.status == S.SUBMITTED


def test_the_workflow_button_needs_the_csrf_token(approver):
    article = ArticleFactory(status=S.AWAITING_APPROVAL, published_at=None)
    client = Client(enforce_csrf_checks=True)
    client.force_login(approver)
    response = client.post(workflow_url(article), {"transition": "approve"})
    assert response.status_code == 403
    article.refresh_from_db()
    assert article.status == S.AWAITING_APPROVAL


# --- "Việc của tôi" ------------------------------------------------------------------


def test_my_work_shows_each_role_its_queue(reporter, editor, approver):
    returned = ArticleFactory(
        title="Bài cần sửa", status=S.SUBMITTED, published_at=None, created_by=reporter
    )
    workflow.article_return(article=returned, user=editor, note="Thiếu ảnh minh họa.")
    ArticleFactory(title="Bản nháp riêng", status=S.DRAFT, published_at=None, created_by=reporter)
    ArticleFactory.create_batch(2, status=S.SUBMITTED, published_at=None)
    ArticleFactory(title="Bài chờ duyệt", status=S.AWAITING_APPROVAL, published_at=None)

    mine = logged_in(reporter).get("/admin/").content.decode()
    assert "Việc của tôi" in mine
    assert "Bài bị trả lại, cần sửa: 1 bài" in mine
    assert "bientap trả lại: Thiếu ảnh minh họa." in mine
    assert "Bản nháp của tôi: 1 bài" in mine
    assert "Chờ biên tập:" not in mine

    editors = logged_in(editor).get("/admin/").content.decode()
    assert "Chờ biên tập: 2 bài" in editors
    assert "?visibility=submitted" in editors
    assert "Chờ duyệt:" not in editors

    chief = logged_in(approver).get("/admin/").content.decode()
    assert "Chờ duyệt: 1 bài" in chief
    assert "Bài chờ duyệt" in chief


def test_the_reporters_queue_link_lists_only_their_returned_articles(reporter, editor):
    colleague = UserFactory(username="dongnghiep", is_staff=True)
    mine = ArticleFactory(
        title="Bài trả lại của tôi", status=S.RETURNED, published_at=None, created_by=reporter
    )
    ArticleFactory(
        title="Bài trả lại của người khác",
        status=S.RETURNED,
        published_at=None,
        created_by=colleague,
    )
    response = logged_in(editor).get("/admin/articles/article/?visibility=returned&mine=1")
    assert response.context["cl"].result_count == 0
    response = logged_in(reporter).get("/admin/articles/article/?visibility=returned&mine=1")
    assert list(response.context["cl"].result_list) == [mine]


# --- Mail to the next role -------------------------------------------------------------


def test_the_next_role_is_emailed_when_an_article_reaches_its_queue(
    reporter, editor, approver, django_capture_on_commit_callbacks
):
    editor.email, approver.email = "bientap@toasoan.vn", "tbt@toasoan.vn"
    editor.save()
    approver.save()
    other_editor = UserFactory(username="bientap2", is_staff=True, email="bt2@toasoan.vn")
    other_editor.groups.add(Group.objects.get(name=EDITORS_GROUP))
    article = ArticleFactory(
        title="Bài về cầu mới", status=S.DRAFT, published_at=None, created_by=reporter
    )

    def sent(move) -> list[list[str]]:
        mail.outbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            move()
        return [sorted(message.to) for message in mail.outbox]

    assert sent(lambda: workflow.article_submit(article=article, user=reporter)) == [
        ["bientap@toasoan.vn", "bt2@toasoan.vn"]
    ]
    message = mail.outbox[0]
    assert message.subject == "[Chờ biên tập] Bài về cầu mới"
    assert f"/admin/articles/article/{article.pk}/change/" in message.body

    returned = sent(lambda: workflow.article_return(article=article, user=editor, note="Sửa tít."))
    assert returned == [["phongvien@toasoan.vn"]]
    assert "Ghi chú: Sửa tít." in mail.outbox[0].body

    workflow.article_submit(article=article, user=reporter)
    # The editor who sends it is not mailed, the editor-in-chief is.
    assert sent(lambda: workflow.article_send_for_approval(article=article, user=editor)) == [
        ["tbt@toasoan.vn"]
    ]
    assert sent(lambda: workflow.article_approve(article=article, user=approver)) == []


def test_the_mail_is_enqueued_after_commit_and_not_sent_in_the_request(
    reporter, editor, settings, django_capture_on_commit_callbacks
):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    from django.tasks import default_task_backend

    default_task_backend.clear()
    editor.email = "bientap@toasoan.vn"
    editor.save()
    article = ArticleFactory(status=S.DRAFT, published_at=None, created_by=reporter)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        workflow.article_submit(article=article, user=reporter)
    assert len(callbacks) >= 1
    [result] = default_task_backend.results
    assert result.task.name == "notify_workflow_queue"
    assert result.args == [ArticleTransition.objects.get().pk]
    assert mail.outbox == []


def test_the_migrations_give_each_role_its_workflow_permissions():
    def codenames(group: str) -> set[str]:
        return set(Group.objects.get(name=group).permissions.values_list("codename", flat=True))

    reporters, editors, chiefs = (
        codenames(group) for group in (REPORTERS_GROUP, EDITORS_GROUP, APPROVERS_GROUP)
    )
    assert {"add_article", "change_article", "view_article", "add_photo", "add_byline"} <= reporters
    assert not {"review_article", "approve_article", "change_section"} & reporters
    assert "review_article" in editors and "approve_article" not in editors
    assert editors | {"approve_article"} <= chiefs
    assert (
        not Group.objects.get(name=MODERATORS_GROUP)
        .permissions.filter(content_type__app_label="articles")
        .exists()
    )


def test_the_services_refuse_a_reporter_on_a_colleagues_article(reporter):
    """Behind the admin's own checks: the services decide on their own too."""
    colleague = UserFactory(username="dongnghiep", is_staff=True)
    theirs = ArticleFactory(
        title="Bài của đồng nghiệp", status=S.DRAFT, published_at=None, created_by=colleague
    )
    with pytest.raises(PermissionDenied, match="Bạn không có quyền “Gửi biên tập” bài này"):
        workflow.article_submit(article=theirs, user=reporter)
    theirs.title = "Sửa lén"
    with pytest.raises(PermissionDenied, match="Bạn không có quyền sửa bài này"):
        services.article_save(article=theirs, user=reporter)
    theirs.refresh_from_db()
    assert (theirs.title, theirs.status) == ("Bài của đồng nghiệp", S.DRAFT)
    assert not ArticleTransition.objects.exists()


def test_saving_an_article_never_changes_its_status(reporter):
    """Only the workflow moves an article: a status set on the copy being saved is not written."""
    article = ArticleFactory(status=S.DRAFT, published_at=None, created_by=reporter)
    article.status = S.PUBLISHED
    article.title = "Tít đã sửa"
    services.article_save(article=article, user=reporter)
    stored = Article.objects.get(pk=article.pk)
    assert (stored.title, stored.status) == ("Tít đã sửa", S.DRAFT)
