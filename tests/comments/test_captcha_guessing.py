"""One captcha challenge allows one guess: brute force of a key gets nowhere."""

import pytest
from captcha.models import CaptchaStore

from comments.models import Comment
from tests.comments.conftest import Challenge, new_challenge, post_comment

pytestmark = pytest.mark.django_db


def test_a_wrong_guess_spends_the_key(client, article):
    challenge = new_challenge(client, article)
    wrong = post_comment(client, article, Challenge(challenge.key, "sai" + challenge.answer))
    assert wrong.status_code == 200
    assert "Mã xác nhận không đúng" in wrong.content.decode()
    assert not CaptchaStore.objects.filter(hashkey=challenge.key).exists()

    # The right answer, now too late: the key was used up by the wrong guess.
    late = post_comment(client, article, challenge)
    assert late.status_code == 200
    assert "Mã xác nhận không đúng" in late.content.decode()
    assert not Comment.objects.exists()


def test_guessing_every_answer_for_one_key_never_gets_through(client, article):
    challenge = new_challenge(client, article)
    wrong = [challenge.answer[:-1] + c for c in "abcdefghijklmnopqrstuvwxyz"]
    # The first guess is always wrong; the right one comes last, after many tries.
    guesses = [g for g in wrong if g.lower() != challenge.answer.lower()] + [challenge.answer]
    statuses = {
        post_comment(client, article, Challenge(challenge.key, g)).status_code for g in guesses
    }
    assert statuses == {200}  # the form again every time, never the redirect of success
    assert not Comment.objects.exists()
