"""The editors' admin in a real Chromium at a laptop's 1,366 × 768: layout, names
for screen readers, CKEditor's dialogs and the date widgets in Vietnamese.

Skipped when Debian's Chromium is not installed, unless NEWSROOM_REQUIRE_BROWSER=1.
"""

import pytest

from tests.admin_browser import UNNAMED_CONTROLS_JS, signed_in_page, staff_user
from tests.factories import ArticleFactory, AuthorFactory, BylineFactory, PhotoFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LONG_TITLE = "Thành phố khai trương Trung tâm Phục vụ hành chính công tập trung tại phường Hòa Bình"


@pytest.fixture
def editor_page(browser, live_server):
    page, context = signed_in_page(browser, live_server, staff_user("editor"))
    yield page
    context.close()


def wait_for_editor(page) -> None:
    page.wait_for_function(
        "() => window.CKEDITOR && CKEDITOR.instances.id_body"
        " && CKEDITOR.instances.id_body.status === 'ready'",
        timeout=60_000,
    )


def test_article_change_list_fits_a_laptop_screen(editor_page, tmp_path):
    writer = AuthorFactory(name="Nguyễn Thị Phương Thảo")
    photographer = AuthorFactory(name="Đặng Quốc Bảo")
    for number in range(12):
        article = ArticleFactory(title=f"{LONG_TITLE} ({number})")
        BylineFactory(article=article, author=writer)
        BylineFactory(article=article, author=photographer, role="Ảnh")
    page = editor_page
    page.goto("/admin/articles/article/")
    page.screenshot(path=tmp_path / "article-change-list.png")

    layout = page.evaluate("""() => {
      const results = document.querySelector("#changelist .results");
      const title = document.querySelector("#result_list .field-title");
      const time = document.querySelector("#result_list .field-published time");
      return {
        pageOverflow: document.documentElement.scrollWidth - window.innerWidth,
        tableOverflow: results.scrollWidth - results.clientWidth,
        titleWidth: title.getBoundingClientRect().width,
        timeLines: time.getClientRects().length,
        time: time.textContent,
      };
    }""")
    assert layout["pageOverflow"] <= 0 and layout["tableOverflow"] <= 0, layout
    assert layout["titleWidth"] >= 300, layout  # a few words a line, not one
    assert layout["timeLines"] == 1, layout
    assert len(layout["time"]) == len("02:18 02/12"), layout


def test_every_form_control_of_the_article_form_has_an_accessible_name(editor_page):
    page = editor_page
    page.goto("/admin/articles/article/add/")
    wait_for_editor(page)
    assert page.evaluate(UNNAMED_CONTROLS_JS) == []
    # Also in a row added with "Thêm tác giả", and for an article with photos.
    page.locator("#bylines-group .add-row a").click()
    page.locator("#bylines-1 .select2-selection").wait_for()
    assert page.evaluate(UNNAMED_CONTROLS_JS) == []
    author_box = page.locator("#bylines-1 .select2-selection")
    names = author_box.get_attribute("aria-labelledby").split()
    assert page.locator(f"#{names[0]}").text_content() == "Tác giả, tác giả bài viết mới"

    article = ArticleFactory()
    BylineFactory(article=article)
    PhotoFactory(article=article)
    page.goto(f"/admin/articles/article/{article.pk}/change/")
    wait_for_editor(page)
    assert page.evaluate(UNNAMED_CONTROLS_JS) == []


def test_ckeditor_dialogs_speak_vietnamese(editor_page):
    page = editor_page
    page.goto("/admin/articles/article/add/")
    wait_for_editor(page)

    page.locator(".cke_button__link").click()
    dialog = page.locator(".cke_dialog_body:visible")
    dialog.wait_for()
    labels = dialog.locator("label").all_text_contents()
    assert "Chữ hiển thị" in labels
    assert not [label for label in labels if "Display" in label or label == "URL"]
    dialog.get_by_role("button", name="Bỏ qua").click()

    page.locator(".cke_button__image").click()
    dialog = page.locator(".cke_dialog_body:visible")
    dialog.wait_for()
    labels = dialog.locator("label").all_text_contents()
    assert "Mô tả ảnh (cho người khiếm thị)" in labels
    assert "Chú thích ảnh" not in labels  # the caption is a different thing


def test_date_widgets_speak_vietnamese_and_write_day_first(browser, live_server):
    # A browser in another time zone than the site's, so the admin shows its note.
    page, context = signed_in_page(
        browser, live_server, staff_user("editor"), timezone_id="Europe/Paris"
    )
    try:
        page.goto("/admin/articles/article/add/")
        wait_for_editor(page)
        note = page.locator(".timezonewarning").first.text_content()
        assert note.startswith("Lưu ý: nhập giờ theo múi giờ Asia/Ho_Chi_Minh"), note

        # The expiry: the publication time is the workflow's, not on a new article's form.
        today = page.locator("#id_expires_at_0 ~ .datetimeshortcuts a").first
        label = today.get_attribute("aria-label")
        assert label.startswith("Hôm nay (ngày ") and " năm " in label, label
        today.click()
        value = page.locator("#id_expires_at_0").input_value()
        day, month, year = value.split("/")
        assert len(day) == 2 and len(month) == 2 and len(year) == 4, value
    finally:
        context.close()
