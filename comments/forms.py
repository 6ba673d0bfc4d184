import re
from typing import Any

from captcha.fields import CaptchaField
from captcha.models import CaptchaStore
from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.crypto import constant_time_compare
from django.utils.translation import gettext_lazy as _

from core.text import normalize_text

# django-simple-captcha keys are SHA-1 hex digests; anything else is forged.
_CAPTCHA_KEY = re.compile(r"[0-9a-f]{40}")
_WHITESPACE = re.compile(r"\s+")
_PHONE_PUNCTUATION = re.compile(r"[\s.\-()/]")


class CleanTextField(forms.CharField):
    """A text field whose value is NFC with control characters removed, then trimmed.

    Done in ``to_python`` so the length limits count what will be stored, and
    a NUL byte pasted by a bot is removed instead of reaching the database.
    ``single_line`` folds newlines and runs of spaces into one space.
    """

    def __init__(self, *, single_line: bool = True, **kwargs: Any) -> None:
        self.single_line = single_line
        super().__init__(**kwargs)

    def widget_attrs(self, widget: forms.Widget) -> dict[str, Any]:
        attrs = super().widget_attrs(widget)
        if not self.single_line:
            # A browser's maxlength silently cuts pasted text; for the body the
            # server's error, with the count, is kinder than losing the end.
            attrs.pop("maxlength", None)
        return attrs

    def to_python(self, value: Any) -> str:
        if value in self.empty_values:
            return ""
        text = normalize_text(str(value)).replace("\r\n", "\n").replace("\r", "\n")
        if self.single_line:
            return _WHITESPACE.sub(" ", text).strip()
        # Keep the reader's line breaks, but not trailing spaces or a wall of blank lines.
        lines = [line.rstrip() for line in text.split("\n")]
        return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


class OneTimeCaptchaField(CaptchaField):
    """django-simple-captcha's field, checked so that each challenge works exactly once.

    The library deletes the challenge after reading it, but two requests that
    read it at the same moment would both pass. Here the deletion itself is
    the check: only the request whose DELETE removed the row may go on.
    Malformed keys and answers are refused before they reach the database.
    """

    default_error_messages = {
        "required": _("Vui lòng nhập mã xác nhận trong hình."),
        "invalid": _("Mã xác nhận không đúng. Hãy nhập các ký tự trong hình mới."),
        "expired": _("Mã xác nhận đã hết hạn. Hãy nhập các ký tự trong hình mới."),
    }

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("error_messages", {})
        for code, message in self.default_error_messages.items():
            kwargs["error_messages"].setdefault(code, message)
        super().__init__(**kwargs)

    def clean(self, value: Any) -> str:
        key, answer = "", ""
        if isinstance(value, list | tuple) and len(value) == 2:
            key, answer = (str(part or "") for part in value)
        key, answer = key.strip(), answer.strip().lower()
        if not answer:
            raise ValidationError(self.error_messages["required"], code="required")
        if not _CAPTCHA_KEY.fullmatch(key) or len(answer) > 32:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        store = CaptchaStore.objects.filter(hashkey=key).only("pk", "response", "expiration")
        store = store.first()
        consumed = store is not None and CaptchaStore.objects.filter(pk=store.pk).delete()[0] == 1
        CaptchaStore.remove_expired()
        if not consumed:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        if store.expiration <= timezone.now():
            raise ValidationError(self.error_messages["expired"], code="expired")
        if not constant_time_compare(store.response, answer):
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return f"{key},{answer}"


def normalize_phone(value: str) -> str:
    """Return a Vietnamese phone number in international form (+84…), or raise ValueError.

    Accepts what readers type: ``0912 345 678``, ``0912.345.678``,
    ``+84 912 345 678``, ``(024) 3825 1234``. Mobile numbers have ten digits
    starting 03, 05, 07, 08 or 09; fixed lines eleven, starting 02.
    """
    digits = _PHONE_PUNCTUATION.sub("", value)
    if digits.startswith("+84"):
        digits = "0" + digits[3:]
    elif digits.startswith("0084"):
        digits = "0" + digits[4:]
    elif digits.startswith("84") and len(digits) in (11, 12):
        digits = "0" + digits[2:]
    if not digits.isascii() or not digits.isdigit():
        raise ValueError(value)
    mobile = len(digits) == 10 and digits[1] in "35789"
    landline = len(digits) == 11 and digits[1] == "2"
    if not (mobile or landline):
        raise ValueError(value)
    return "+84" + digits[1:]


class CommentForm(forms.Form):
    """What a reader types under an article. The write itself is ``services.comment_submit``."""

    name = CleanTextField(
        label=_("Họ tên"),
        max_length=100,
        error_messages={
            "required": _("Vui lòng nhập họ tên."),
            "max_length": _("Họ tên dài tối đa %(limit_value)d ký tự (đang có %(show_value)d)."),
        },
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    phone = CleanTextField(
        label=_("Số điện thoại"),
        required=False,
        max_length=30,
        help_text=_("Không bắt buộc, không hiển thị công khai. Ví dụ: 0912 345 678."),
        error_messages={
            "max_length": _("Số điện thoại không hợp lệ. Ví dụ: 0912 345 678 hoặc (024) 3825 1234.")
        },
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel", "type": "tel"}),
    )
    title = CleanTextField(
        label=_("Tiêu đề"),
        max_length=200,
        error_messages={
            "required": _("Vui lòng nhập tiêu đề."),
            "max_length": _("Tiêu đề dài tối đa %(limit_value)d ký tự (đang có %(show_value)d)."),
        },
    )
    body = CleanTextField(
        label=_("Nội dung"),
        single_line=False,
        max_length=5000,
        error_messages={
            "required": _("Vui lòng nhập nội dung bình luận."),
            "max_length": _(
                "Nội dung dài tối đa %(limit_value)d ký tự (đang có %(show_value)d). "
                "Hãy rút gọn bớt."
            ),
        },
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    captcha = OneTimeCaptchaField(label=_("Mã xác nhận"))
    # The honeypot: hidden from people by CSS and from screen readers by
    # aria-hidden; bots that fill every field fill it too.
    website = CleanTextField(label=_("Để trống ô này"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        # Readable ids for the links in error summaries: #binh-luan-body.
        kwargs.setdefault("auto_id", "binh-luan-%s")
        super().__init__(*args, **kwargs)

    def clean_phone(self) -> str:
        raw = self.cleaned_data.get("phone") or ""
        if not raw:
            return ""
        try:
            return normalize_phone(raw)
        except ValueError:
            raise ValidationError(
                _("Số điện thoại không hợp lệ. Ví dụ: 0912 345 678 hoặc (024) 3825 1234."),
                code="invalid",
            ) from None


def prefill_initial(data: Any) -> dict[str, str]:
    """What the reader typed, as initial values for a form that must not be validated yet.

    Used when the form is shown again without checking it (a new captcha was
    asked for, or the reader came from a page without one). Binding the form
    would validate it on first access to its errors and spend the captcha.
    """
    initial = {}
    for name in ("name", "phone", "title", "body"):
        value = data.get(name, "") if hasattr(data, "get") else ""
        initial[name] = normalize_text(str(value))[:10_000]
    return initial
