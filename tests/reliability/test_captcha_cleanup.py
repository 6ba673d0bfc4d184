"""Captcha challenges do not pile up: ``manage.py captcha_clean`` removes expired ones.

Every reader who reaches the comment form creates a challenge row; only a
comment POST removes expired ones on the way. On a quiet site (or one where
bots fetch captchas and never post) the table grows until the scheduled
``captcha_clean`` runs.
"""

from datetime import timedelta

import pytest
from captcha.models import CaptchaStore
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def challenge(expires_in: timedelta) -> CaptchaStore:
    return CaptchaStore.objects.create(
        challenge="HANOI", response="hanoi", expiration=timezone.now() + expires_in
    )


def test_captcha_clean_removes_expired_challenges_and_keeps_live_ones(capsys):
    for age in (timedelta(seconds=1), timedelta(hours=2), timedelta(days=30)):
        challenge(-age)
    live = [challenge(timedelta(minutes=4)), challenge(timedelta(seconds=30))]

    call_command("captcha_clean")

    assert sorted(CaptchaStore.objects.values_list("pk", flat=True)) == [c.pk for c in live]
    # The library prints (not self.stdout), which is what cron mails.
    assert "3 expired hashkeys removed." in capsys.readouterr().out


def test_captcha_clean_removes_what_readers_left_behind(client):
    article = ArticleFactory()
    url = reverse("comments:captcha", args=[article.pk])
    for _ in range(5):  # readers who opened the form and never posted
        assert client.get(url, HTTP_X_REQUESTED_WITH="XMLHttpRequest").status_code == 200
    assert CaptchaStore.objects.count() == 5

    call_command("captcha_clean", verbosity=0)
    assert CaptchaStore.objects.count() == 5  # still answerable

    CaptchaStore.objects.update(expiration=timezone.now() - timedelta(seconds=1))
    call_command("captcha_clean", verbosity=0)
    assert not CaptchaStore.objects.exists()
