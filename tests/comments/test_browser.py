"""The whole comment flow in a real Chromium, JavaScript and CSP included.

Skipped when Debian's Chromium is not installed, unless NEWSROOM_REQUIRE_BROWSER=1
(set by .ci/run), in which case a missing browser is a failure.
"""

import pytest
from captcha.models import CaptchaStore
from django.apps import apps
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission
from playwright.sync_api import expect

from articles.roles import MODERATORS_GROUP
from comments.models import Comment
from tests.factories import ArticleFactory, SectionFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, locale="vi-VN")
    page = context.new_page()
    page.set_default_timeout(10_000)
    problems: list[str] = []
    page.on("pageerror", lambda error: problems.append(str(error)))
    # Script errors and CSP violations; failed loads are reported by URL below.
    page.on(
        "console",
        lambda m: (
            problems.append(m.text)
            if m.type == "error" and not m.text.startswith("Failed to load resource")
            else None
        ),
    )
    page.on(
        "response",
        lambda r: (
            problems.append(f"{r.status} {r.url}")
            if r.status >= 400 and not r.url.endswith("/favicon.ico")
            else None
        ),
    )
    page.problems = problems
    yield page
    context.close()


def _moderators_group() -> Group:
    """The group as comments/migrations/0002 leaves it.

    Transactional tests empty the database after each test (after one with
    serialized_rollback, even the permission rows are gone), and the data
    migration's rows cannot be restored with serialized_rollback here: under
    Playwright's sync API the test body runs in another context, with a fresh
    Django connection object that lacks the serialized copy.
    """
    create_permissions(apps.get_app_config("comments"), verbosity=0)
    group, _ = Group.objects.get_or_create(name=MODERATORS_GROUP)
    group.permissions.set(Permission.objects.filter(content_type__app_label="comments"))
    return group


TYPED = {
    "#binh-luan-name": "Hoàng Thị Lan",
    "#binh-luan-phone": "+84 987 654 321",
    "#binh-luan-title": "Cần thêm đèn ở ngõ 12",
    "#binh-luan-body": "Ngõ 12 tối om sau 7 giờ tối.\nMong phường sớm lắp đèn.",
}


def _captcha_key(page) -> str:
    return page.locator('input[name="captcha_0"]').input_value()


def test_reader_comments_and_a_moderator_approves(page, browser, live_server, settings):
    settings.CAPTCHA_FLITE_PATH = None  # no audio link to think about here
    article = ArticleFactory(
        section=SectionFactory(name="Đô thị", slug="do-thi"),
        title="Đèn đường ở các ngõ nhỏ",
        # Long enough that the form starts below the first screen.
        body="<p>Đoạn văn của bài viết về chiếu sáng đô thị.</p>" * 80,
    )
    moderator = UserFactory(username="kiemduyet", is_staff=True)
    moderator.groups.add(_moderators_group())

    # Reading the article creates no captcha…
    page.goto(article.get_absolute_url())
    page.wait_for_timeout(300)
    assert CaptchaStore.objects.count() == 0
    assert page.locator("[data-captcha]").is_hidden()

    # …reaching the form does: the captcha and CSRF token arrive.
    for selector, value in TYPED.items():
        page.fill(selector, value)
    image = page.locator("[data-captcha-image]")
    image.wait_for(state="visible")
    # Functions, not expression strings: the site's CSP forbids eval.
    page.wait_for_function(
        "() => document.querySelector('[data-captcha-image]').complete"
        " && document.querySelector('[data-captcha-image]').naturalWidth > 0"
    )
    first_key, first_src = _captcha_key(page), image.get_attribute("src")
    assert CaptchaStore.objects.filter(hashkey=first_key).exists()
    first_png = image.screenshot()

    # "Lấy lại mã bảo mật" swaps the image in place and says so.
    page.get_by_role("button", name="Lấy lại mã bảo mật").click()
    page.wait_for_function(
        "(src) => document.querySelector('[data-captcha-image]').getAttribute('src') !== src",
        arg=first_src,
    )
    page.wait_for_function(
        "() => document.querySelector('[data-captcha-image]').complete"
        " && document.querySelector('[data-captcha-image]').naturalWidth > 0"
    )
    assert _captcha_key(page) != first_key
    assert image.screenshot() != first_png
    assert "mã xác nhận mới" in page.locator("[data-captcha-status]").text_content()
    assert page.url.endswith(article.get_absolute_url())  # no reload

    # A wrong answer: the article comes back with every typed value in place.
    page.fill("#binh-luan-captcha_1", "sai99")
    page.get_by_role("button", name="Gửi bình luận").click()
    page.wait_for_load_state()
    assert "/binh-luan/" in page.url
    for selector, value in TYPED.items():
        assert page.locator(selector).input_value() == value, selector
    expect(
        page.get_by_text("Mã xác nhận không đúng. Hãy nhập các ký tự trong hình mới.")
    ).to_be_visible()
    assert not Comment.objects.exists()

    # The right answer, read from the captcha store as a person reads the image.
    answer = CaptchaStore.objects.get(hashkey=_captcha_key(page)).response
    page.fill("#binh-luan-captcha_1", answer)
    page.get_by_role("button", name="Gửi bình luận").click()
    page.wait_for_url(f"**{article.get_absolute_url()}#thong-bao")
    expect(
        page.get_by_text("Bình luận đã được gửi và sẽ hiển thị sau khi được kiểm duyệt")
    ).to_be_visible()
    comment = Comment.objects.get()
    assert comment.status == Comment.Status.PENDING
    assert comment.phone == "+84987654321"
    assert page.get_by_text("Cần thêm đèn ở ngõ 12").count() == 0

    # A moderator approves it in the admin.
    admin = browser.new_context(base_url=live_server.url, locale="vi-VN").new_page()
    admin.set_default_timeout(10_000)
    admin.goto("/admin/login/?next=/admin/")
    admin.fill("#id_username", "kiemduyet")
    admin.fill("#id_password", "mat-khau-thu-nghiem")
    admin.locator('input[type="submit"], button[type="submit"]').first.click()
    admin.get_by_role("link", name="1 bình luận chờ duyệt").click()
    admin.locator(f'input[name="_selected_action"][value="{comment.pk}"]').check()
    admin.select_option('select[name="action"]', "approve")
    admin.locator('button[name="index"]').click()
    expect(admin.get_by_text("Đã duyệt 1 bình luận.")).to_be_visible()
    admin.context.close()

    comment.refresh_from_db()
    assert comment.status == Comment.Status.APPROVED
    assert comment.moderated_by == moderator

    # And the reader sees it on the article.
    page.goto(article.get_absolute_url())
    published = page.locator(f"#binh-luan-{comment.pk}")
    assert published.locator("h3").text_content() == "Cần thêm đèn ở ngõ 12"
    assert "Ngõ 12 tối om sau 7 giờ tối." in published.text_content()
    assert "987" not in page.content() and "654 321" not in page.content()
    assert page.problems == []  # no script errors, no CSP violations


def test_without_javascript_the_form_still_works(browser, live_server):
    article = ArticleFactory(title="Bài cho trình duyệt tắt JavaScript")
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    page.goto(article.get_absolute_url())
    assert CaptchaStore.objects.count() == 0
    page.fill("#binh-luan-name", "Vũ Đức Thắng")
    page.fill("#binh-luan-title", "Không có JavaScript")
    page.fill("#binh-luan-body", "Vẫn gửi được.")
    page.get_by_role("button", name="Gửi bình luận").click()

    # On the comment page, with a captcha, the text kept.
    assert page.locator("#binh-luan-body").input_value() == "Vẫn gửi được."
    first_key = _captcha_key(page)
    page.get_by_role("button", name="Lấy lại mã bảo mật").click()
    assert page.locator("#binh-luan-title").input_value() == "Không có JavaScript"
    assert _captcha_key(page) != first_key

    page.fill("#binh-luan-captcha_1", CaptchaStore.objects.get(hashkey=_captcha_key(page)).response)
    page.get_by_role("button", name="Gửi bình luận").click()
    expect(page.get_by_text("Bình luận đã được gửi")).to_be_visible()
    assert Comment.objects.get().title == "Không có JavaScript"
    context.close()


def test_past_the_captcha_limit_the_reader_is_told_why(page, settings):
    settings.COMMENTS_CAPTCHAS_PER_WINDOW = 1
    article = ArticleFactory(title="Bài có nhiều người đổi mã")
    page.goto(article.get_absolute_url())
    page.fill("#binh-luan-title", "Tiêu đề đang viết")
    page.locator("[data-captcha-image]").wait_for(state="visible")

    page.get_by_role("button", name="Lấy lại mã bảo mật").click()

    refusal = page.locator("[data-captcha-refusal]")
    expect(refusal).to_be_visible()
    expect(refusal).to_have_text(
        "Bạn đã yêu cầu quá nhiều mã xác nhận. Vui lòng thử lại sau 10 phút; "
        "nội dung bạn viết vẫn được giữ nguyên."
    )
    assert page.locator("#binh-luan-title").input_value() == "Tiêu đề đang viết"
    assert CaptchaStore.objects.count() == 1
    assert [problem for problem in page.problems if " 429 " not in f" {problem} "] == []


def _type_the_comment_with_the_keyboard(page) -> None:
    """Every field typed, Tab to the next, as a reader who never touches the mouse."""
    page.locator("#binh-luan-name").focus()
    for number, value in enumerate(TYPED.values()):
        if number:
            page.keyboard.press("Tab")
        page.keyboard.type(value)
    # The captcha arrives when the form is reached; its field can be tabbed to once it is there.
    page.locator("[data-captcha-image]").wait_for(state="visible")
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.name") == "captcha_1"
    page.keyboard.type(CaptchaStore.objects.get(hashkey=_captcha_key(page)).response)


def _assert_the_comment_was_taken(page) -> None:
    expect(
        page.get_by_text("Bình luận đã được gửi và sẽ hiển thị sau khi được kiểm duyệt")
    ).to_be_visible()
    comment = Comment.objects.get()
    assert (comment.name, comment.title) == ("Hoàng Thị Lan", "Cần thêm đèn ở ngõ 12")
    assert comment.body == TYPED["#binh-luan-body"]


def test_enter_in_the_captcha_field_sends_the_comment(page, settings):
    settings.CAPTCHA_FLITE_PATH = None
    article = ArticleFactory(title="Gửi bằng phím Enter")
    page.goto(article.get_absolute_url())
    _type_the_comment_with_the_keyboard(page)

    page.keyboard.press("Enter")

    page.wait_for_url(f"**{article.get_absolute_url()}#thong-bao")
    _assert_the_comment_was_taken(page)
    assert page.problems == []


def test_without_javascript_enter_sends_the_comment(browser, live_server):
    article = ArticleFactory(title="Gửi bằng phím Enter, không JavaScript")
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.goto(f"/binh-luan/{article.pk}/")
    _type_the_comment_with_the_keyboard(page)

    page.keyboard.press("Enter")

    page.wait_for_url(f"**{article.get_absolute_url()}#thong-bao")
    _assert_the_comment_was_taken(page)
    context.close()
