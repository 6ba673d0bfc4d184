"""The spoken captcha: a real WAV where flite is installed, and no link where audio is off."""

import os
import shutil

import pytest
from django.urls import reverse

from tests.comments.conftest import XHR

pytestmark = pytest.mark.django_db


@pytest.fixture
def flite(settings):
    """flite's path; skipped without it, unless NEWSROOM_REQUIRE_FLITE=1 (set by .ci/run)."""
    path = shutil.which("flite")
    if path is None:
        message = "flite is not installed (apt-get install flite)"
        if os.environ.get("NEWSROOM_REQUIRE_FLITE") == "1":
            pytest.fail(message)
        pytest.skip(message)
    settings.CAPTCHA_FLITE_PATH = path
    return path


def test_captcha_audio_is_a_wav_of_the_challenge(client, article, flite):
    challenge = client.get(reverse("comments:captcha", args=[article.pk]), **XHR).json()
    assert challenge["audio_url"] == reverse("captcha-audio", args=[challenge["key"]])

    response = client.get(challenge["audio_url"])

    assert response.status_code == 200
    audio = b"".join(response.streaming_content)
    assert audio[:4] == b"RIFF" and audio[8:12] == b"WAVE"
    assert len(audio) > 10_000  # five letters spoken, not an empty file


def test_captcha_audio_link_is_on_the_form_where_audio_works(client, article, flite):
    response = client.get(reverse("comments:form", args=[article.pk]))
    assert b"data-captcha-audio" in response.content
    assert "Nghe mã xác nhận" in response.content.decode()


def test_captcha_audio_link_is_absent_where_audio_is_off(client, article, settings):
    settings.CAPTCHA_FLITE_PATH = None

    form_page = client.get(reverse("comments:form", args=[article.pk])).content.decode()
    article_page = client.get(article.get_absolute_url()).content.decode()
    challenge = client.get(reverse("comments:captcha", args=[article.pk]), **XHR).json()

    for page in (form_page, article_page):
        assert "Nghe mã xác nhận" not in page
        assert "data-captcha-audio" not in page
    assert challenge["audio_url"] is None
    assert client.get(f"/captcha/audio/{challenge['key']}.wav").status_code == 404


def test_captcha_audio_is_limited_per_address(client, article, flite, settings):
    settings.COMMENTS_CAPTCHA_AUDIO_PER_WINDOW = 2
    key = client.get(reverse("comments:captcha", args=[article.pk]), **XHR).json()["key"]
    url = reverse("captcha-audio", args=[key])
    assert [client.get(url).status_code for _ in range(2)] == [200, 200]

    refused = client.get(url)

    assert refused.status_code == 429
    assert "nghe mã xác nhận quá nhiều lần" in refused.content.decode()


def test_captcha_audio_of_an_expired_key_says_so_in_vietnamese(client, flite):
    response = client.get(reverse("captcha-audio", args=["0" * 40]))
    assert response.status_code == 410
    assert "Mã xác nhận đã hết hạn" in response.content.decode()


def test_captcha_image_and_refresh_stay_accessible(client, article):
    page = client.get(reverse("comments:form", args=[article.pk])).content.decode()
    assert '<label for="binh-luan-captcha_1">' in page
    assert 'alt="Hình mã xác nhận' in page
    assert 'aria-live="polite" data-captcha-status' in page
