"""Captcha challenges are database rows: one address cannot make them without bound."""

import pytest
from captcha.models import CaptchaStore
from django.test import Client
from django.urls import reverse

from comments.models import Comment
from tests.comments.conftest import XHR, comment_data

pytestmark = pytest.mark.django_db

LIMITED = "Bạn đã yêu cầu quá nhiều mã xác nhận. Vui lòng thử lại sau 10 phút"
FLOODER = {"REMOTE_ADDR": "203.0.113.66"}
READER = {"REMOTE_ADDR": "198.51.100.20"}


def _every_way_to_a_captcha(article) -> list[tuple[str, dict[str, str]]]:
    """The comment page, the JSON endpoint of the cached article page, the refresh."""
    return [
        (reverse("comments:form", args=[article.pk]), {}),
        (reverse("comments:captcha", args=[article.pk]), XHR),
        (reverse("captcha-refresh"), XHR),
    ]


def test_a_flood_of_gets_from_one_address_cannot_grow_the_captcha_table(client, article):
    ways = _every_way_to_a_captcha(article)
    statuses = [
        client.get(url, **headers, **FLOODER).status_code
        for _ in range(200)
        for url, headers in ways
    ]

    assert CaptchaStore.objects.count() == 30
    assert statuses[:30] == [200] * 30
    assert set(statuses[30:]) == {429}
    # Another reader is not affected.
    response = Client().get(ways[1][0], **XHR, **READER)
    assert response.status_code == 200
    assert CaptchaStore.objects.filter(hashkey=response.json()["key"]).exists()


@pytest.mark.parametrize("way", [1, 2], ids=["article page JSON", "refresh"])
def test_past_the_limit_the_json_says_why_in_vietnamese(client, article, settings, way):
    settings.COMMENTS_CAPTCHAS_PER_WINDOW = 2
    url, headers = _every_way_to_a_captcha(article)[way]
    assert [client.get(url, **headers).status_code for _ in range(2)] == [200, 200]
    response = client.get(url, **headers)
    assert response.status_code == 429
    assert response.json() == {
        "error": "Bạn đã yêu cầu quá nhiều mã xác nhận. Vui lòng thử lại sau 10 phút; "
        "nội dung bạn viết vẫn được giữ nguyên."
    }
    assert CaptchaStore.objects.count() == 2


def test_past_the_limit_the_comment_page_keeps_the_text_and_says_why(client, article, settings):
    settings.COMMENTS_CAPTCHAS_PER_WINDOW = 1
    client.get(reverse("comments:form", args=[article.pk]))
    # The reader, without JavaScript, asks for another captcha with their text.
    response = client.post(
        reverse("comments:form", args=[article.pk]),
        comment_data(body="Đoạn văn tôi đã viết xong."),
    )
    html = response.content.decode()
    assert response.status_code == 429
    assert LIMITED in html
    assert "Đoạn văn tôi đã viết xong." in html
    assert 'value="Nguyễn Văn An"' in html
    assert "/captcha/image/" not in html
    assert CaptchaStore.objects.count() == 1


def test_past_the_limit_a_refused_comment_comes_back_filled_in(client, article, settings):
    settings.COMMENTS_CAPTCHAS_PER_WINDOW = 1
    key = client.get(reverse("comments:captcha", args=[article.pk]), **XHR).json()["key"]
    response = client.post(
        reverse("comments:post", args=[article.pk]),
        comment_data(captcha_0=key, captcha_1="sai", body="Nội dung còn nguyên."),
    )
    html = response.content.decode()
    assert response.status_code == 429
    assert "Mã xác nhận không đúng" in html
    assert LIMITED in html
    assert "Nội dung còn nguyên." in html
    assert not Comment.objects.exists()
    assert not CaptchaStore.objects.exists()  # the wrong answer spent it; no new one


def test_behind_a_proxy_each_reader_has_a_share(client, article, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    settings.COMMENTS_CAPTCHAS_PER_WINDOW = 1
    url = reverse("comments:captcha", args=[article.pk])
    proxy = {"REMOTE_ADDR": "10.0.0.1", **XHR}
    assert client.get(url, HTTP_X_FORWARDED_FOR="203.0.113.1", **proxy).status_code == 200
    assert client.get(url, HTTP_X_FORWARDED_FOR="203.0.113.1", **proxy).status_code == 429
    assert client.get(url, HTTP_X_FORWARDED_FOR="203.0.113.2", **proxy).status_code == 200


def test_with_the_cache_unreachable_readers_still_get_a_captcha(client, article, settings):
    # The count lives in the cache; a cache outage must not stop readers commenting.
    settings.CACHES = {
        "default": {
            "BACKEND": "core.cache.ForgivingRedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens on port 1
        }
    }
    response = client.get(reverse("comments:captcha", args=[article.pk]), **XHR)

    assert response.status_code == 200
    assert CaptchaStore.objects.filter(hashkey=response.json()["key"]).exists()
