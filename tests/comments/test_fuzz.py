"""Whatever arrives at the form endpoint, the answer is a form with errors, a redirect after a
real comment, or a Vietnamese 4xx page: never a 500, never a comment that should not exist."""

import unicodedata
from urllib.parse import urlencode

import pytest
from captcha.models import CaptchaStore
from django.urls import reverse
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from comments import services
from comments.forms import CommentForm
from comments.models import Comment
from core.text import normalize_text
from tests.comments.conftest import answer_for, comment_data, new_challenge
from tests.conftest import through_wsgi

pytestmark = pytest.mark.django_db

FUZZ = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
FIELDS = ("name", "phone", "title", "body", "website", "captcha_0", "captcha_1")
VIETNAMESE_4XX = ("Không tìm thấy trang", "Không gửi được theo cách này", "Yêu cầu không hợp lệ")

# Any Unicode, weighted towards what breaks things: NUL and control characters,
# combining marks, bidi controls, astral characters, very long runs.
nasty_text = st.one_of(
    st.text(),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=300),
    st.text(
        alphabet="\x00\x01\x1b\x7f\u0300\u0301\u0323\u200b\u202e\ufeff\r\n\t 𝔘😀ĐđẫỆ", max_size=80
    ),
    st.sampled_from(["", " ", "\x00", "ă" * 5001, "A" * 100_000, "\u0301" * 10]),
)
# What a decoder such as unicode_escape makes of "\ud800": lone surrogates, which
# UTF-8 (the page, PostgreSQL) cannot hold.
surrogate_text = st.text(
    alphabet=st.sampled_from("\ud800\udbff\udc00\udfffaĐẫ 😀\n"), min_size=1, max_size=40
)


@pytest.fixture(autouse=True)
def _no_rate_limits(settings):
    # Each example is a new reader: flood control and duplicate checks would
    # otherwise refuse most of them (those rules have tests of their own).
    settings.COMMENTS_MIN_INTERVAL_SECONDS = 0
    settings.COMMENTS_MAX_PER_HOUR = 0
    settings.COMMENTS_DUPLICATE_WINDOW_MINUTES = 0
    settings.COMMENTS_CAPTCHAS_PER_WINDOW = 0


def _assert_clean(comment: Comment) -> None:
    for field, limit in (("name", 100), ("title", 200), ("body", 5000)):
        value = getattr(comment, field)
        assert 0 < len(value) <= limit
        assert value == value.strip()
        assert unicodedata.is_normalized("NFC", value)
        assert not any(unicodedata.category(c) == "Cc" and c not in "\n\t" for c in value)
    assert comment.phone == "" or comment.phone.startswith("+84")


@FUZZ
@given(name=nasty_text, phone=nasty_text, title=nasty_text, body=nasty_text, trap=nasty_text)
@example(name="An", phone="", title="Tiêu đề", body="Nội dung", trap="")
def test_any_text_with_a_right_captcha(client, article, name, phone, title, body, trap):
    before = Comment.objects.count()
    challenge = new_challenge(client, article)
    response = client.post(
        reverse("comments:post", args=[article.pk]),
        comment_data(challenge, name=name, phone=phone, title=title, body=body, website=trap),
    )
    assert response.status_code in (200, 302)
    if response.status_code == 302:
        assert Comment.objects.count() == before + 1
        comment = Comment.objects.latest("pk")
        _assert_clean(comment)
        # Control characters are removed before the honeypot is looked at.
        if normalize_text(trap).strip():
            assert comment.status == Comment.Status.SPAM
    else:
        assert Comment.objects.count() == before
        html = response.content.decode()
        assert 'class="errorlist' in html
        assert "Bình luận chưa được gửi" in html or "form-errors" in html


@FUZZ
@given(
    key=nasty_text | st.text(alphabet="0123456789abcdef", min_size=40, max_size=40),
    answer=nasty_text,
)
def test_forged_captcha_keys_never_pass(client, article, key, answer):
    before = Comment.objects.count()
    new_challenge(client, article)  # a real challenge exists, but these are not its key
    response = client.post(
        reverse("comments:post", args=[article.pk]),
        comment_data(None, captcha_0=key, captcha_1=answer),
    )
    assert response.status_code == 200
    assert Comment.objects.count() == before
    html = response.content.decode()
    # The captcha's own error, not just its label (which every form shows).
    captcha_errors = CommentForm.base_fields["captcha"].error_messages
    assert any(str(captcha_errors[code]) in html for code in ("required", "invalid", "expired"))


@FUZZ
@given(dropped=st.sets(st.sampled_from(FIELDS)))
def test_missing_fields(client, article, dropped):
    before = Comment.objects.count()
    data = comment_data(
        new_challenge(client, article), body=f"Bình luận {len(dropped)} {sorted(dropped)}"
    )
    for field in dropped:
        del data[field]
    response = client.post(reverse("comments:post", args=[article.pk]), data)
    required = {"name", "title", "body", "captcha_0", "captcha_1"}
    if dropped & required:
        assert response.status_code == 200
        assert Comment.objects.count() == before
    else:
        assert response.status_code == 302
        assert Comment.objects.count() == before + 1


@FUZZ
@given(article_id=st.integers(min_value=0, max_value=2**70))
def test_wrong_article_ids(client, article, article_id):
    before = Comment.objects.count()
    challenge = new_challenge(client, article)
    response = client.post(f"/binh-luan/{article_id}/gui/", comment_data(challenge))
    if article_id == article.pk:
        assert response.status_code == 302
    else:
        assert response.status_code == 404
        assert "Không tìm thấy trang" in response.content.decode()
        assert Comment.objects.count() == before
        assert client.get(f"/binh-luan/{article_id}/").status_code == 404


@pytest.mark.parametrize(
    "path", ["/binh-luan/abc/gui/", "/binh-luan/-1/gui/", "/binh-luan/1.5/gui/"]
)
def test_malformed_article_ids_are_404(client, article, path):
    response = client.post(path, comment_data(new_challenge(client, article)))
    assert response.status_code == 404
    assert not Comment.objects.exists()


@pytest.mark.parametrize("method", ["get", "head", "put", "patch", "delete", "options"])
def test_methods_other_than_post(client, article, method):
    response = getattr(client, method)(reverse("comments:post", args=[article.pk]))
    assert response.status_code == 405
    if method != "head":
        assert "Không gửi được theo cách này" in response.content.decode()
    assert not Comment.objects.exists()


def test_replayed_captcha_keys_work_once(client, article):
    challenge = new_challenge(client, article)
    statuses = [
        client.post(
            reverse("comments:post", args=[article.pk]),
            comment_data(challenge, body=f"Lần thứ {n}"),
        ).status_code
        for n in range(5)
    ]
    assert statuses == [302, 200, 200, 200, 200]
    assert Comment.objects.count() == 1


def test_a_closed_article_refuses_everything(client, article):
    challenge = new_challenge(client, article)
    article.comments_closed = True
    article.save()
    response = client.post(reverse("comments:post", args=[article.pk]), comment_data(challenge))
    assert response.status_code == 403
    assert "Đã đóng bình luận" in response.content.decode()
    assert not Comment.objects.exists()
    # The unused challenge is still there: nothing was validated.
    assert CaptchaStore.objects.filter(hashkey=challenge.key).exists()


def test_a_request_larger_than_the_upload_limit_is_a_vietnamese_400(client, article, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1_000_000
    response = client.post(
        reverse("comments:post", args=[article.pk]),
        comment_data(new_challenge(client, article), body="x" * 1_100_000),
    )
    assert response.status_code == 400
    assert "Yêu cầu không hợp lệ" in response.content.decode()
    assert not Comment.objects.exists()


def test_too_many_fields_is_a_vietnamese_400(client, article):
    data = comment_data(new_challenge(client, article))
    data.update({f"field{n}": "x" for n in range(1500)})
    response = client.post(reverse("comments:post", args=[article.pk]), data)
    assert response.status_code == 400
    assert "Yêu cầu không hợp lệ" in response.content.decode()
    assert not Comment.objects.exists()


def test_repeated_fields_use_the_last_value(client, article):
    challenge = new_challenge(client, article)
    data = comment_data(challenge)
    data["name"] = ["Tên thứ nhất", "Tên thứ hai"]
    assert client.post(reverse("comments:post", args=[article.pk]), data).status_code == 302
    assert Comment.objects.get().name == "Tên thứ hai"


def test_the_captcha_endpoints_only_answer_what_they_should(client, article):
    for url in (
        reverse("comments:captcha", args=[article.pk]),
        reverse("captcha-refresh"),
        "/binh-luan/999999/ma-xac-nhan/",
    ):
        assert client.get(url).status_code == 404
    assert CaptchaStore.objects.count() == 0
    assert client.get("/captcha/image/" + "0" * 40 + "/").status_code == 410


def test_vietnamese_4xx_pages_have_vietnamese_titles(client, article):
    html = client.get(reverse("comments:post", args=[article.pk])).content.decode()
    assert any(title in html for title in VIETNAMESE_4XX)


def _multipart(fields: dict[str, str], *, charset: str) -> tuple[str, bytes]:
    """A multipart form body as a client declaring ``charset`` sends it."""
    boundary = "----toasoan"
    parts = [
        f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'
        for name, value in fields.items()
    ]
    body = ("".join(parts) + f"--{boundary}--\r\n").encode("latin-1", "backslashreplace")
    return f"multipart/form-data; boundary={boundary}; charset={charset}", body


UNSENT = "Trình duyệt gửi bình luận ở dạng máy chủ không đọc được nên bình luận chưa được gửi."


@pytest.mark.parametrize(
    ("kind", "charset"),
    [
        *(
            (kind, charset)
            for kind in ("multipart", "urlencoded")
            for charset in ("unicode_escape", "raw_unicode_escape", "rot13", "utf-7")
        ),
        # A real charset, but Django reads urlencoded forms only as UTF-8.
        ("urlencoded", "ISO-8859-1"),
    ],
)
def test_a_comment_in_a_charset_we_do_not_read_keeps_its_text_and_its_captcha(
    client, article, charset, kind
):
    challenge = new_challenge(client, article)
    fields = comment_data(challenge, body="Chu la \\ud800 o day")
    if kind == "multipart":
        content_type, body = _multipart(fields, charset=charset)
    else:
        content_type = f"application/x-www-form-urlencoded; charset={charset}"
        body = urlencode(fields).encode()
    response = through_wsgi(
        "POST",
        reverse("comments:post", args=[article.pk]),
        headers={
            "Content-Type": content_type,
            "Cookie": f"csrftoken={client.cookies['csrftoken'].value}",
        },
        body=body,
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert UNSENT in html
    assert "Chu la \\ud800 o day</textarea>" in html
    if kind == "urlencoded":
        assert 'value="Nguyễn Văn An"' in html
    assert not Comment.objects.exists()
    # Refused before the view: the reader's captcha was not spent, and a new one is shown.
    assert CaptchaStore.objects.filter(hashkey=challenge.key).exists()
    assert CaptchaStore.objects.count() == 2
    assert "no-store" in response["Cache-Control"]


@FUZZ
@given(name=surrogate_text, title=surrogate_text, body=surrogate_text)
def test_lone_surrogates_are_removed_before_the_comment_is_stored(article, name, title, body):
    challenge = CaptchaStore.pick()
    form = CommentForm(
        comment_data(
            None,
            name=name,
            title=title,
            body=body,
            captcha_0=challenge,
            captcha_1=answer_for(challenge),
        )
    )
    if not form.is_valid():
        # Nothing left once the surrogates are gone: the reader is asked to write something.
        assert set(form.errors) <= {"name", "title", "body"}
        return
    data = form.cleaned_data
    comment = services.comment_submit(
        article=article, name=data["name"], title=data["title"], body=data["body"]
    )
    comment.refresh_from_db()  # PostgreSQL refuses a surrogate; stored means it is gone
    _assert_clean(comment)
    assert not any("\ud800" <= c <= "\udfff" for c in comment.name + comment.title + comment.body)
