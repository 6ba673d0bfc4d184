"""One article from reporter to reader, with a return in between, in a real Chromium.

Each person logs in through the admin's login form, clicks the workflow
buttons as they are on the page, and an anonymous reader finds the article on
the site at the end.

Skipped when Debian's Chromium is not installed, unless NEWSROOM_REQUIRE_BROWSER=1.
"""

import importlib

import pytest
from django.apps import apps
from django.contrib.auth.models import Group, Permission

from articles.models import Article
from articles.roles import APPROVERS_GROUP, EDITORS_GROUP, REPORTERS_GROUP
from tests.factories import SectionFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "mat-khau-thu-nghiem"


def _roles() -> None:
    """The groups as the migrations make them: a transactional test empties the database."""
    importlib.import_module("articles.migrations.0002_role_groups").create_role_groups(apps, None)
    # 0002 gives editors every articles permission there is; on a real database
    # the workflow's did not exist yet when it ran.
    Group.objects.get(name=EDITORS_GROUP).permissions.remove(
        *Permission.objects.filter(codename__in=["review_article", "approve_article"])
    )
    importlib.import_module("articles.migrations.0008_workflow_roles").create_workflow_roles(
        apps, None
    )


def _staff(username: str, group: str):
    user = UserFactory(username=username, is_staff=True)
    user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def newsroom():
    _roles()
    _staff("phongvien", REPORTERS_GROUP)
    _staff("bientap", EDITORS_GROUP)
    _staff("tongbientap", APPROVERS_GROUP)
    return SectionFactory(name="Đô thị", slug="do-thi")


@pytest.fixture
def page_for(browser, live_server):
    contexts = []

    def open_as(username: str | None):
        context = browser.new_context(base_url=live_server.url, locale="vi-VN")
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(20_000)
        page.problems = []
        page.on("pageerror", lambda error: page.problems.append(str(error)))
        page.on(
            "response",
            lambda r: page.problems.append(f"{r.status} {r.url}") if r.status >= 500 else None,
        )
        if username:
            page.goto("/admin/login/")
            page.fill("#id_username", username)
            page.fill("#id_password", PASSWORD)
            page.click("input[type=submit]")
            page.wait_for_selector("#my-work-heading")
        return page

    yield open_as
    for context in contexts:
        context.close()


def click_move(page, transition: str, note: str = "") -> None:
    form = page.locator(f"form.workflow__form:has(button[data-transition={transition}])")
    if note:
        form.locator("textarea[name=note]").fill(note)
    form.locator(f"button[data-transition={transition}]").click()
    page.wait_for_selector(".messagelist .success")


def test_an_article_goes_from_reporter_to_reader_with_a_return(newsroom, page_for):
    reporter = page_for("phongvien")
    reporter.goto("/admin/articles/article/add/")
    reporter.wait_for_function(
        "() => window.CKEDITOR && CKEDITOR.instances.id_body"
        " && CKEDITOR.instances.id_body.status === 'ready'",
        timeout=60_000,
    )
    reporter.fill("#id_title", "Khánh thành cầu Hòa Xuân")
    reporter.select_option("#id_section", label="Đô thị")
    reporter.fill("#id_lead", "Sáng nay, cầu mới nối hai bờ sông.")
    reporter.evaluate("CKEDITOR.instances.id_body.setData('<p>Cầu dài 300 mét.</p>')")
    reporter.click("input[name=_continue]")
    reporter.wait_for_selector(".workflow")
    article = Article.objects.get(title="Khánh thành cầu Hòa Xuân")
    assert article.status == Article.Status.DRAFT
    click_move(reporter, "submit")
    assert "Chờ biên tập" in reporter.inner_text(".workflow__status")

    editor = page_for("bientap")
    editor.click("#my-work-heading ~ ul a:has-text('Chờ biên tập')")
    editor.click("text=Khánh thành cầu Hòa Xuân")
    click_move(editor, "return", "Thiếu ý kiến của người dân.")

    reporter.goto("/admin/")
    work = reporter.inner_text(".my-work")
    assert "Bài bị trả lại, cần sửa: 1 bài" in work
    assert "bientap trả lại: Thiếu ý kiến của người dân." in work
    reporter.click(".my-work a:has-text('Khánh thành cầu Hòa Xuân')")
    reporter.fill("#id_lead", "Sáng nay, cầu mới nối hai bờ sông; người dân phấn khởi.")
    reporter.click("input[name=_continue]")
    reporter.wait_for_selector(".messagelist .success")
    click_move(reporter, "submit", "Đã thêm ý kiến người dân.")

    editor.goto(f"/admin/articles/article/{article.pk}/change/")
    click_move(editor, "send_for_approval")
    assert editor.locator("button[data-transition=approve]").count() == 0

    chief = page_for("tongbientap")
    chief.click("#my-work-heading ~ ul a:has-text('Chờ duyệt')")
    chief.click("text=Khánh thành cầu Hòa Xuân")
    click_move(chief, "approve")
    assert "Đã xuất bản" in chief.inner_text(".workflow__status")
    history = chief.inner_text(".workflow__history")
    assert history.index("Thiếu ý kiến của người dân.") < history.index("Đã thêm ý kiến")

    reader = page_for(None)
    reader.goto("/do-thi/")
    reader.click("text=Khánh thành cầu Hòa Xuân")
    assert "người dân phấn khởi" in reader.inner_text("body")
    assert "Cầu dài 300 mét." in reader.inner_text("body")

    for page in (reporter, editor, chief, reader):
        assert page.problems == []
