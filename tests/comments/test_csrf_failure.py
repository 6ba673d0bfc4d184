"""A failed CSRF check is a Vietnamese page, and a comment's text survives it."""

import pytest
from captcha.models import CaptchaStore
from django.test import Client

from comments.models import Comment
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def test_comment_with_a_stale_token_comes_back_with_everything_typed():
    article = ArticleFactory()
    reader = Client(enforce_csrf_checks=True)
    reader.cookies["csrftoken"] = "x" * 32  # a cookie from long ago, not matching the form
    response = reader.post(
        f"/binh-luan/{article.pk}/gui/",
        {
            "name": "Nguyễn Thị Mai",
            "phone": "0912 345 678",
            "title": "Góp ý về tuyến xe buýt",
            "body": "Tuyến số 9 nên chạy thêm chuyến tối.\nXin cảm ơn.",
            "csrfmiddlewaretoken": "y" * 64,
        },
    )
    html = response.content.decode()
    assert response.status_code == 403
    assert 'value="Nguyễn Thị Mai"' in html
    assert 'value="0912 345 678"' in html
    assert 'value="Góp ý về tuyến xe buýt"' in html
    assert "Tuyến số 9 nên chạy thêm chuyến tối.\nXin cảm ơn.</textarea>" in html
    assert "Nội dung bạn viết vẫn còn nguyên" in html
    assert CaptchaStore.objects.count() == 1  # a fresh captcha to finish with
    assert "no-store" in response["Cache-Control"]
    assert not Comment.objects.exists()


def test_other_csrf_failures_are_a_vietnamese_page():
    response = Client(enforce_csrf_checks=True).post(
        "/admin/login/", {"username": "a", "password": "b"}
    )
    assert response.status_code == 403
    html = response.content.decode()
    assert "Phiên làm việc đã hết hạn" in html
    assert "Forbidden" not in html
