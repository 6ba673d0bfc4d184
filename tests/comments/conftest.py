from dataclasses import dataclass

import pytest
from captcha.models import CaptchaStore
from django.urls import reverse

from tests.factories import ArticleFactory, SectionFactory

XHR = {"HTTP_X_REQUESTED_WITH": "XMLHttpRequest"}


@dataclass(frozen=True)
class Challenge:
    key: str
    answer: str


def answer_for(key: str) -> str:
    """What a reader reads off the captcha image: the stored response."""
    return CaptchaStore.objects.get(hashkey=key).response


def new_challenge(client, article) -> Challenge:
    """Reach the form as comments.js does: a captcha (and CSRF cookie) from the endpoint."""
    response = client.get(reverse("comments:captcha", args=[article.pk]), **XHR)
    assert response.status_code == 200
    key = response.json()["key"]
    return Challenge(key=key, answer=answer_for(key))


def comment_data(challenge: Challenge | None = None, **fields) -> dict[str, str]:
    data = {
        "name": "Nguyễn Văn An",
        "phone": "",
        "title": "Đường Láng cần thêm đèn",
        "body": "Buổi tối đoạn gần ngã tư rất tối.\nMong thành phố sớm lắp đèn.",
        "website": "",
    }
    if challenge is not None:
        data["captcha_0"] = challenge.key
        data["captcha_1"] = challenge.answer
    data.update(fields)
    return data


def post_comment(client, article, challenge: Challenge | None = None, **fields):
    """Post the comment form with a freshly solved captcha unless one is given."""
    challenge = challenge or new_challenge(client, article)
    return client.post(
        reverse("comments:post", args=[article.pk]), comment_data(challenge, **fields)
    )


@pytest.fixture
def article(db):
    return ArticleFactory(
        section=SectionFactory(name="Đô thị", slug="do-thi"),
        title="Chiếu sáng đường phố",
        slug="chieu-sang-duong-pho",
    )


@pytest.fixture(autouse=True)
def _comment_rules(settings):
    """The shipped defaults, spelled out so each test sees the numbers it relies on."""
    settings.COMMENTS_MIN_INTERVAL_SECONDS = 30
    settings.COMMENTS_MAX_PER_HOUR = 20
    settings.COMMENTS_DUPLICATE_WINDOW_MINUTES = 10
    settings.COMMENTS_MAX_LINKS = 2
    settings.COMMENTS_CLOSE_AFTER_DAYS = 30
    settings.TRUSTED_PROXY_COUNT = 0
    settings.COMMENTS_NOTIFY_MODERATORS = False
    settings.COMMENTS_PER_PAGE = 50
    settings.COMMENTS_CAPTCHAS_PER_WINDOW = 30
    settings.COMMENTS_CAPTCHA_WINDOW_MINUTES = 10
