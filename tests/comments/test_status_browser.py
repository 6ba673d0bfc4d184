"""The reader's status link in a real Chromium: from the thank-you message to the answer."""

import pytest
from captcha.models import CaptchaStore
from playwright.sync_api import expect

from comments import answers, services
from comments.models import Comment
from tests.comments.test_browser import page  # noqa: F401 (the fixture: a page that reports errors)
from tests.factories import ArticleFactory, SectionFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_reader_follows_the_status_link_and_later_sees_the_answer(page, settings):  # noqa: F811
    settings.CAPTCHA_FLITE_PATH = None
    article = ArticleFactory(
        section=SectionFactory(name="Đô thị", slug="do-thi"), title="Rác ở chợ Hòa Bình"
    )
    moderator = UserFactory(username="kiemduyet", is_staff=True, is_superuser=True)

    page.goto(article.get_absolute_url())
    page.fill("#binh-luan-name", "Lê Văn Tâm")
    page.fill("#binh-luan-phone", "0987 654 321")
    page.fill("#binh-luan-title", "Khi nào chợ có thùng rác?")
    page.fill("#binh-luan-body", "Rác để tràn ra lối đi mỗi sáng.")
    page.locator("[data-captcha-image]").wait_for(state="visible")
    key = page.locator('input[name="captcha_0"]').input_value()
    page.fill("#binh-luan-captcha_1", CaptchaStore.objects.get(hashkey=key).response)
    page.get_by_role("button", name="Gửi bình luận").click()
    page.wait_for_url(f"**{article.get_absolute_url()}#thong-bao")

    page.get_by_role("link", name="Theo dõi tình trạng bình luận").click()
    page.wait_for_load_state()
    assert "/binh-luan/trang-thai/" in page.url
    expect(page.get_by_role("status")).to_contain_text("Chờ duyệt")
    expect(page.get_by_text("Rác để tràn ra lối đi mỗi sáng.")).to_be_visible()
    assert "0987" not in page.content() and "654 321" not in page.content()

    comment = Comment.objects.get()
    services.comments_moderate(comments=[comment], status="approved", user=moderator)
    answers.comment_answer_create(
        comment=comment, body="Ban quản lý chợ sẽ đặt thêm 10 thùng rác.", user=moderator
    )
    page.reload()

    expect(page.get_by_role("status")).to_contain_text("Đã đăng")
    expect(page.get_by_text("Ban biên tập trả lời:")).to_be_visible()
    expect(page.get_by_text("Ban quản lý chợ sẽ đặt thêm 10 thùng rác.")).to_be_visible()
    assert page.problems == []
