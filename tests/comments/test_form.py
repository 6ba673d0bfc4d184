"""The form as readers get it: on the cacheable article page, on the comment page, and its rules."""

import os
import re
import unicodedata
from datetime import timedelta
from unittest import mock

import pytest
from captcha.models import CaptchaStore
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.template.loader import render_to_string
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from comments.forms import CommentForm, OneTimeCaptchaField, normalize_phone, prefill_initial
from comments.models import Comment
from tests.comments.conftest import XHR, answer_for, comment_data, new_challenge

pytestmark = pytest.mark.django_db


def _label(html: str, for_id: str) -> str:
    match = re.search(rf'<label for="{for_id}">(.*?)</label>', html, re.S)
    assert match, f"no label for {for_id}"
    return re.sub(r"<[^>]+>", "", match.group(1)).strip()


def test_article_page_has_the_form_with_every_label_and_required_marks(client, article):
    html = client.get(article.get_absolute_url()).content.decode()
    assert '<h3 id="viet-binh-luan-heading">Viết bình luận</h3>' in html
    assert _label(html, "binh-luan-name") == "Họ tên (*)"
    assert _label(html, "binh-luan-phone") == "Số điện thoại"
    assert _label(html, "binh-luan-title") == "Tiêu đề (*)"
    assert _label(html, "binh-luan-body") == "Nội dung (*)"
    assert _label(html, "binh-luan-captcha_1") == "Mã xác nhận (*)"
    assert "Lấy lại mã bảo mật</button>" in html
    # Every visible input has a label pointing at it.
    for input_id in re.findall(r'<(?:input|textarea)[^>]* id="([^"]+)"', html):
        if input_id != "search-q":
            assert f'<label for="{input_id}">' in html


def test_the_empty_form_is_the_same_as_one_rendered_afresh_in_each_language(client, article):
    # The article page reuses the empty form's fields, rendered once per language.
    for language, label in (("vi", "Họ tên"), ("en", "Full name"), ("vi", "Họ tên")):
        client.get(f"/ngon-ngu/{language}/")
        html = client.get(article.get_absolute_url()).content.decode()
        with translation.override(language):
            afresh = render_to_string(
                "comments/includes/comment_fields.html", {"form": CommentForm()}
            )
        assert afresh in html
        assert f'<label for="binh-luan-name">{label} <span class="required"' in html


def test_form_sits_below_the_newer_and_older_lists(client, article):
    from datetime import timedelta

    from tests.factories import ArticleFactory

    ArticleFactory(section=article.section, published_at=article.published_at - timedelta(days=1))
    html = client.get(article.get_absolute_url()).content.decode()
    assert html.index("Các bài đã đăng") < html.index('id="binh-luan"')
    assert html.index('id="binh-luan"') < html.index("Viết bình luận</h3>")


def test_reading_an_article_writes_nothing_and_sets_no_cookie(client, article):
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    assert CaptchaStore.objects.count() == 0
    assert Session.objects.count() == 0
    assert not response.cookies  # no csrftoken, no sessionid: one page fits every reader
    assert "Cookie" not in response.get("Vary", "")
    html = response.content.decode()
    assert 'name="csrfmiddlewaretoken" value=""' in html
    assert "/captcha/image/" not in html


def test_article_page_is_identical_for_two_readers(article):
    first = Client().get(article.get_absolute_url()).content
    second = Client().get(article.get_absolute_url()).content
    assert first == second


def test_without_javascript_the_form_goes_to_the_comment_page(client, article):
    html = client.get(article.get_absolute_url()).content.decode()
    form_url = reverse("comments:form", args=[article.pk])
    assert f'action="{form_url}"' in html
    assert f'<a href="{form_url}">viết bình luận ở trang riêng</a>' in html
    # The captcha inputs are disabled until the script fills them, so a
    # no-JavaScript submit does not send empty captcha fields.
    assert 'name="captcha_1" id="binh-luan-captcha_1"' in html
    assert re.search(r'name="captcha_1"[^>]*disabled', html)


def test_captcha_endpoint_gives_a_challenge_and_a_csrf_token(client, article):
    response = client.get(reverse("comments:captcha", args=[article.pk]), **XHR)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    data = response.json()
    assert CaptchaStore.objects.filter(hashkey=data["key"]).exists()
    assert data["image_url"] == f"/captcha/image/{data['key']}/"
    assert data["csrf_token"]
    assert "csrftoken" in response.cookies
    assert data["expires_in"] == 300


def test_captcha_endpoint_refuses_requests_without_the_header(client, article):
    response = client.get(reverse("comments:captcha", args=[article.pk]))
    assert response.status_code == 404
    assert "Không tìm thấy trang" in response.content.decode()
    assert CaptchaStore.objects.count() == 0


def test_captcha_endpoint_gives_nothing_for_a_closed_article(client, article):
    article.comments_closed = True
    article.save()
    response = client.get(reverse("comments:captcha", args=[article.pk]), **XHR)
    assert response.status_code == 403
    assert response.json()["error"] == "Bài viết này đã đóng bình luận."
    assert CaptchaStore.objects.count() == 0


def test_audio_captcha_is_offered_only_with_flite(client, article, settings):
    # With flite: tests/comments/test_captcha_audio.py (required in CI, skipped without it).
    if not os.access("/usr/bin/flite", os.X_OK):
        pytest.skip("flite is not installed")
    settings.CAPTCHA_FLITE_PATH = "/usr/bin/flite"
    data = client.get(reverse("comments:captcha", args=[article.pk]), **XHR).json()
    assert data["audio_url"] == f"/captcha/audio/{data['key']}.wav"
    html = client.get(reverse("comments:form", args=[article.pk])).content.decode()
    assert re.search(
        r'<a class="comment-captcha__audio" data-captcha-audio href="[^"]+\.wav"', html
    )

    settings.CAPTCHA_FLITE_PATH = None
    assert (
        client.get(reverse("comments:captcha", args=[article.pk]), **XHR).json()["audio_url"]
        is None
    )
    html = client.get(reverse("comments:form", args=[article.pk])).content.decode()
    # No link at all, rather than one that goes nowhere.
    assert "data-captcha-audio" not in html


def test_comment_page_has_the_complete_form(article):
    client = Client(enforce_csrf_checks=True)
    response = client.get(reverse("comments:form", args=[article.pk]))
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    html = response.content.decode()
    store = CaptchaStore.objects.get()
    assert f'src="/captcha/image/{store.hashkey}/"' in html
    assert f'name="captcha_0" value="{store.hashkey}"' in html
    assert 'alt="Hình mã xác nhận gồm 5 ký tự chữ và số viết lệch, có nhiễu"' in html
    assert f'action="{reverse("comments:post", args=[article.pk])}"' in html
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)

    # That page alone is enough to comment, CSRF check included.
    response = client.post(
        reverse("comments:post", args=[article.pk]),
        comment_data(
            None, captcha_0=store.hashkey, captcha_1=store.response, csrfmiddlewaretoken=token
        ),
    )
    assert response.status_code == 302
    assert Comment.objects.count() == 1


def test_comment_page_keeps_what_was_typed_on_the_article_page(article):
    """No JavaScript: the article page's form posts here, and nothing typed is lost."""
    client = Client(enforce_csrf_checks=True)
    typed = comment_data(None, name="Trần Thị Bình", title="Về <đèn> & cột", body="Dòng 1\nDòng 2")
    response = client.post(reverse("comments:form", args=[article.pk]), typed)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'value="Trần Thị Bình"' in html
    assert 'value="Về &lt;đèn&gt; &amp; cột"' in html
    assert ">\nDòng 1\nDòng 2</textarea>" in html
    assert "Hãy nhập mã xác nhận trong hình" in html
    assert "errorlist" not in html  # shown again, not judged
    assert Comment.objects.count() == 0
    assert CaptchaStore.objects.count() == 1


def test_comment_page_of_a_closed_article_says_so(client, article):
    article.comments_closed = True
    article.save()
    response = client.get(reverse("comments:form", args=[article.pk]))
    html = response.content.decode()
    assert "Đã đóng bình luận" in html
    assert '<form class="comment-form"' not in html
    assert CaptchaStore.objects.count() == 0


def test_comment_page_of_an_unknown_article_is_a_vietnamese_404(client, article):
    response = client.get(reverse("comments:form", args=[article.pk + 100]))
    assert response.status_code == 404
    assert "Không tìm thấy trang" in response.content.decode()


# --- Validation and normalisation ---------------------------------------------------


def _form(**fields) -> CommentForm:
    """A form with every field valid except what ``fields`` changes (captcha left out)."""
    form = CommentForm(comment_data(None, **fields))
    form.is_valid()
    form.errors.pop("captcha", None)
    return form


def test_text_is_stored_in_nfc_without_control_characters():
    form = _form(
        name=unicodedata.normalize("NFD", "  Lê   Thị\tHồng "),
        title="Tiêu\x00 đề\u200b có\x07 rác",
        body=unicodedata.normalize("NFD", "Dòng đầu \r\n\r\n\r\n\r\nDòng cuối\x1b  "),
    )
    assert not form.errors
    assert form.cleaned_data["name"] == "Lê Thị Hồng"
    assert form.cleaned_data["title"] == "Tiêu đề có rác"
    assert form.cleaned_data["body"] == "Dòng đầu\n\nDòng cuối"
    assert unicodedata.is_normalized("NFC", form.cleaned_data["body"])


@pytest.mark.parametrize(
    ("field", "limit", "message"),
    [
        ("name", 100, "Họ tên dài tối đa 100 ký tự (đang có 101)."),
        ("title", 200, "Tiêu đề dài tối đa 200 ký tự (đang có 201)."),
        ("body", 5000, "Nội dung dài tối đa 5000 ký tự (đang có 5001). Hãy rút gọn bớt."),
    ],
)
def test_lengths_are_counted_after_trimming(field, limit, message):
    assert not _form(**{field: "  " + "ă" * limit + "  \n"}).errors
    # NFD input is counted as the NFC text that will be stored.
    assert not _form(**{field: unicodedata.normalize("NFD", "ẫ" * limit)}).errors
    assert _form(**{field: "ă" * (limit + 1)}).errors[field] == [message]


@pytest.mark.parametrize(
    ("field", "message"),
    [
        ("name", "Vui lòng nhập họ tên."),
        ("title", "Vui lòng nhập tiêu đề."),
        ("body", "Vui lòng nhập nội dung bình luận."),
    ],
)
def test_required_fields_refuse_blanks_and_invisible_text(field, message):
    assert _form(**{field: ""}).errors[field] == [message]
    assert _form(**{field: " \n\t\u200b\x00 "}).errors[field] == [message]


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("0912 345 678", "+84912345678"),
        ("0912.345.678", "+84912345678"),
        ("0912-345-678", "+84912345678"),
        ("+84 912 345 678", "+84912345678"),
        ("+84912345678", "+84912345678"),
        ("0084 912 345 678", "+84912345678"),
        ("(024) 3825 1234", "+842438251234"),
        ("024 3825 1234", "+842438251234"),
        ("0388 123 456", "+84388123456"),
        # Typed as 84… without the plus: the country code is still recognised.
        ("84912345678", "+84912345678"),
        ("84 912 345 678", "+84912345678"),
        ("842438251234", "+842438251234"),
        ("", ""),
    ],
)
def test_vietnamese_phone_numbers_are_stored_in_one_form(typed, stored):
    form = _form(phone=typed)
    assert not form.errors
    assert form.cleaned_data["phone"] == stored


@pytest.mark.parametrize(
    "typed",
    [
        "12345",
        "0123 456 789",
        "+1 212 555 0100",
        "0912 345 67",
        "09123456789",
        "abc",
        "０９１２３４５６７８",
        "0912abc678",  # ten characters after the leading 0, but not all digits
        "8491234567",  # 84 and eight digits: too short for a number without its 0
    ],
)
def test_other_phone_numbers_are_refused_with_an_example(typed):
    assert _form(phone=typed).errors["phone"] == [
        "Số điện thoại không hợp lệ. Ví dụ: 0912 345 678 hoặc (024) 3825 1234."
    ]
    with pytest.raises(ValueError):
        normalize_phone(typed)


def test_captcha_is_required_with_a_vietnamese_message(article):
    form = CommentForm(comment_data(None))
    assert not form.is_valid()
    assert form.errors["captcha"] == ["Vui lòng nhập mã xác nhận trong hình."]


def test_captcha_answer_ignores_case_and_spaces(client, article):
    challenge = new_challenge(client, article)
    form = CommentForm(
        comment_data(None, captcha_0=challenge.key, captcha_1=f"  {challenge.answer.upper()} ")
    )
    assert form.is_valid(), form.errors
    assert not CaptchaStore.objects.filter(hashkey=challenge.key).exists()


def test_a_wrong_answer_spends_the_challenge(client, article):
    challenge = new_challenge(client, article)
    form = CommentForm(comment_data(None, captcha_0=challenge.key, captcha_1="sai"))
    assert not form.is_valid()
    assert form.errors["captcha"] == ["Mã xác nhận không đúng. Hãy nhập các ký tự trong hình mới."]
    # No second guess with the same image.
    retry = CommentForm(comment_data(None, captcha_0=challenge.key, captcha_1=challenge.answer))
    assert not retry.is_valid()
    assert "captcha" in retry.errors


def test_answer_for_reads_the_store(client, article):
    challenge = new_challenge(client, article)
    assert answer_for(challenge.key) == challenge.answer
    assert len(challenge.answer) == 5
    # The key is one the reader's page can show: its image is served.
    image = client.get(reverse("captcha-image", args=[challenge.key]))
    assert image.status_code == 200
    assert image["Content-Type"] == "image/png"


def test_single_line_fields_limit_typing_but_the_body_does_not():
    # A browser's maxlength cuts pasted text silently: the body gets the server's count instead.
    form = CommentForm()
    assert 'maxlength="100"' in str(form["name"])
    assert 'maxlength="30"' in str(form["phone"])
    assert 'maxlength="200"' in str(form["title"])
    assert "maxlength" not in str(form["body"])


def test_body_keeps_line_breaks_typed_with_a_bare_carriage_return():
    form = _form(body="Dòng một\rDòng hai\r\nDòng ba")
    assert form.cleaned_data["body"] == "Dòng một\nDòng hai\nDòng ba"


def test_optional_fields_left_out_are_empty_text():
    data = comment_data(None)
    del data["phone"], data["website"]
    form = CommentForm(data)
    form.is_valid()
    assert form.cleaned_data["phone"] == ""
    assert form.cleaned_data["website"] == ""


def _captcha_error(value) -> tuple[str, list[str]]:
    """The code the view reads and the message the reader sees."""
    with pytest.raises(ValidationError) as error:
        OneTimeCaptchaField().clean(value)
    return error.value.code, error.value.messages


WRONG = ("invalid", ["Mã xác nhận không đúng. Hãy nhập các ký tự trong hình mới."])


def test_captcha_refuses_malformed_keys_and_answers_without_spending_a_challenge():
    challenge = CaptchaStore.objects.create(challenge="ABCDE", response="abcde")
    assert _captcha_error(["không-phải-khóa", "abcde"]) == WRONG
    assert _captcha_error([challenge.hashkey.upper(), "abcde"]) == WRONG
    assert _captcha_error([challenge.hashkey, "a" * 33]) == WRONG
    required = ("required", ["Vui lòng nhập mã xác nhận trong hình."])
    assert _captcha_error("ab") == required
    assert _captcha_error([challenge.hashkey]) == required
    assert CaptchaStore.objects.filter(pk=challenge.pk).exists()


def test_captcha_answers_of_up_to_32_characters_are_checked():
    long = CaptchaStore.objects.create(challenge="X", response="a" * 32)
    assert OneTimeCaptchaField().clean([long.hashkey, "A" * 32]) == f"{long.hashkey},{'a' * 32}"
    # The column holds 32 characters (PostgreSQL enforces it): a longer answer is wrong
    # before anything is looked up, and the challenge is not spent.
    other = CaptchaStore.objects.create(challenge="X", response="a" * 32)
    assert _captcha_error([other.hashkey, "a" * 33]) == WRONG
    assert CaptchaStore.objects.filter(pk=other.pk).exists()


def test_an_expired_captcha_says_so_and_every_expired_challenge_is_deleted():
    challenge = CaptchaStore.objects.create(challenge="ABCDE", response="abcde")
    CaptchaStore.objects.create(challenge="FGHIJ", response="fghij")
    CaptchaStore.objects.update(expiration=timezone.now() - timedelta(seconds=1))
    assert _captcha_error([challenge.hashkey, "abcde"]) == (
        "expired",
        ["Mã xác nhận đã hết hạn. Hãy nhập các ký tự trong hình mới."],
    )
    assert not CaptchaStore.objects.exists()


def test_a_wrong_captcha_answer_is_invalid():
    challenge = CaptchaStore.objects.create(challenge="ABCDE", response="abcde")
    assert _captcha_error([challenge.hashkey, "abcdf"]) == WRONG


def test_an_unknown_captcha_key_is_refused():
    assert _captcha_error(["0" * 40, "abcde"]) == WRONG


def test_prefill_keeps_what_was_typed_in_nfc_and_at_most_10000_characters():
    typed = {
        "name": unicodedata.normalize("NFD", "Lê Thị Hồng"),
        "phone": "0912 345 678",
        "title": "Tiêu đề",
        "body": "ă" * 10_001,
        "website": "http://spam.example",
    }
    assert prefill_initial(typed) == {
        "name": "Lê Thị Hồng",
        "phone": "0912 345 678",
        "title": "Tiêu đề",
        "body": "ă" * 10_000,
    }
    assert prefill_initial(None) == {"name": "", "phone": "", "title": "", "body": ""}


def test_a_captcha_expiring_this_very_moment_has_expired():
    challenge = CaptchaStore.objects.create(challenge="ABCDE", response="abcde")
    moment = timezone.now()
    CaptchaStore.objects.filter(pk=challenge.pk).update(expiration=moment)
    with mock.patch("comments.forms.timezone.now", return_value=moment):
        assert _captcha_error([challenge.hashkey, "abcde"])[0] == "expired"


def test_fields_tell_phones_and_browsers_what_to_fill_in():
    """What makes the form quick on a phone: the right keyboard and the browser's autofill."""
    html = str(CommentForm())
    assert re.search(r'<input type="text" name="name"[^>]* autocomplete="name"', html)
    phone = re.search(r'<input [^>]*name="phone"[^>]*>', html).group(0)
    assert 'type="tel"' in phone and 'inputmode="tel"' in phone
    assert 'autocomplete="tel"' in phone
    assert "Không bắt buộc, không hiển thị công khai. Ví dụ: 0912 345 678." in html
    assert re.search(r'<textarea name="body" cols="40" rows="6"', html)
    assert _label(html, "binh-luan-website") == "Để trống ô này:"


def test_a_phone_number_longer_than_the_field_gets_the_example_too():
    assert _form(phone="0" * 31).errors["phone"] == [
        "Số điện thoại không hợp lệ. Ví dụ: 0912 345 678 hoặc (024) 3825 1234."
    ]


def test_a_phone_number_that_is_not_one_is_refused_as_invalid():
    assert [error.code for error in _form(phone="0912abc678").errors.as_data()["phone"]] == [
        "invalid"
    ]
