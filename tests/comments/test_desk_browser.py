"""The moderators' desk and readers' reports in a real Chromium, JavaScript and CSP included."""

import pytest
from django.apps import apps
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission
from playwright.sync_api import expect

from articles.roles import MODERATORS_GROUP
from comments.models import Comment, CommentDecision
from tests.factories import ArticleFactory, CommentFactory, SectionFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "mat-khau-thu-nghiem"


def _problems(page) -> list[str]:
    problems: list[str] = []
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.on(
        "console",
        lambda m: (
            problems.append(m.text)
            if m.type == "error" and not m.text.startswith("Failed to load resource")
            else None
        ),
    )
    return problems


def _moderator():
    # As in test_browser.py: transactional tests lose the data migration's group.
    create_permissions(apps.get_app_config("comments"), verbosity=0)
    group, _ = Group.objects.get_or_create(name=MODERATORS_GROUP)
    group.permissions.set(Permission.objects.filter(content_type__app_label="comments"))
    user = UserFactory(username="kiemduyet", is_staff=True, password=PASSWORD)
    user.groups.add(group)
    return user


@pytest.fixture
def article(db):
    return ArticleFactory(section=SectionFactory(name="Đô thị", slug="do-thi"))


def test_a_moderator_approves_with_one_click_and_the_reader_sees_it(browser, live_server, article):
    moderator = _moderator()
    comment = CommentFactory(article=article, title="Cần thêm ghế đá công viên")
    CommentFactory(status="approved", title="Ở bài khác")

    admin = browser.new_context(base_url=live_server.url, locale="vi-VN").new_page()
    admin.set_default_timeout(10_000)
    problems = _problems(admin)
    admin.goto("/admin/login/?next=/admin/comments/comment/%3Fstatus__exact%3Dpending")
    admin.fill("#id_username", "kiemduyet")
    admin.fill("#id_password", PASSWORD)
    admin.locator('input[type="submit"], button[type="submit"]').first.click()
    # The one click: the row's "Duyệt".
    admin.locator(f'button[formaction*="/{comment.pk}/quyet-dinh/"][value="approved"]').click()
    expect(admin.get_by_text("Đã duyệt bình luận “Cần thêm ghế đá công viên”.")).to_be_visible()
    assert admin.url.endswith(
        f"/admin/comments/comment/?status__exact=pending#binh-luan-{comment.pk}"
    )
    admin.context.close()
    assert problems == []

    comment.refresh_from_db()
    assert comment.status == Comment.Status.APPROVED
    assert comment.moderated_by == moderator
    assert CommentDecision.objects.get(comment=comment).user == moderator

    reader = browser.new_context(base_url=live_server.url, locale="vi-VN").new_page()
    reader.set_default_timeout(10_000)
    reader.goto(article.get_absolute_url())
    expect(reader.locator(f"#binh-luan-{comment.pk} h3")).to_have_text("Cần thêm ghế đá công viên")
    reader.context.close()


def test_a_reader_reports_a_comment_on_the_article_page(browser, live_server, article):
    comment = CommentFactory(article=article, status="approved", title="Quảng cáo thuốc")
    reader = browser.new_context(base_url=live_server.url, locale="vi-VN").new_page()
    reader.set_default_timeout(10_000)
    problems = _problems(reader)
    reader.goto(article.get_absolute_url())
    item = reader.locator(f"#binh-luan-{comment.pk}")
    item.get_by_role("link", name="Báo vi phạm").click()
    # The form opened in place, under the comment: the page did not change.
    assert reader.url.endswith(article.get_absolute_url())
    item.get_by_label("Quảng cáo, lừa đảo").check()
    item.get_by_role("button", name="Gửi báo cáo").click()
    expect(
        item.get_by_text("Cảm ơn bạn đã báo vi phạm. Kiểm duyệt viên sẽ xem xét bình luận này.")
    ).to_be_visible()
    report = CommentDecision.objects.get(comment=comment)
    assert (report.kind, report.report_reason) == ("report", "scam")

    # A second report from the same reader is refused, in Vietnamese.
    item.get_by_role("link", name="Báo vi phạm").click()
    item.get_by_label("Khác").check()
    item.get_by_role("button", name="Gửi báo cáo").click()
    expect(item.get_by_text("Bạn đã báo vi phạm bình luận này rồi.", exact=False)).to_be_visible()
    assert CommentDecision.objects.filter(comment=comment).count() == 1
    reader.context.close()
    assert problems == []
