"""The moderators' comment list at a laptop's 1,366 × 768, in a real Chromium.

Skipped when Debian's Chromium is not installed, unless NEWSROOM_REQUIRE_BROWSER=1.
"""

import pytest

from tests.admin_browser import signed_in_page, staff_user
from tests.factories import ArticleFactory, CommentFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_comment_change_list_fits_a_laptop_screen(browser, live_server, tmp_path):
    article = ArticleFactory(
        title="Phân luồng giao thông để thi công cầu vượt nút giao Lê Lợi – Bạch Đằng"
    )
    for _ in range(10):
        CommentFactory(
            article=article,
            name="Nguyễn Thị Phương Thảo",
            title="Ý kiến của tôi về việc phân luồng giao thông",
            body="Khu phố tôi cũng gặp tình trạng này, đề nghị cơ quan chức năng xem xét. " * 3,
            moderation_reason="trùng từ bị chặn “xxx”",
        )
    page, context = signed_in_page(browser, live_server, staff_user("moderator"))
    try:
        page.goto("/admin/comments/comment/")
        page.screenshot(path=tmp_path / "comment-change-list.png")
        layout = page.evaluate("""() => {
          const results = document.querySelector("#changelist .results");
          const width = (selector) =>
            document.querySelector(`#result_list ${selector}`).getBoundingClientRect().width;
          const time = document.querySelector("#result_list .field-sent time");
          return {
            pageOverflow: document.documentElement.scrollWidth - window.innerWidth,
            tableOverflow: results.scrollWidth - results.clientWidth,
            excerpt: width(".field-excerpt"),
            article: width(".field-article_link"),
            reason: width(".field-held_because"),
            timeLines: time.getClientRects().length,
          };
        }""")
    finally:
        context.close()
    assert layout["pageOverflow"] <= 0 and layout["tableOverflow"] <= 0, layout
    assert layout["excerpt"] >= 250 and layout["article"] >= 150, layout
    assert layout["reason"] >= 120, layout
    assert layout["timeLines"] == 1, layout
