import functools
from dataclasses import dataclass

from django import template
from django.conf import settings
from django.template.loader import render_to_string
from django.utils.safestring import SafeString
from django.utils.translation import get_language

from articles.models import Article
from comments import selectors, services
from comments.forms import CommentForm
from comments.services import CaptchaChallenge

register = template.Library()


@dataclass(frozen=True)
class CommentSection:
    """Everything the comment area under an article shows."""

    page: selectors.CommentPage
    is_open: bool
    form: CommentForm
    captcha: CaptchaChallenge | None
    closed_notice: bool
    captcha_refusal: str = ""  # why there is no captcha: the address asked for too many
    page_parameter: str = selectors.PAGE_PARAMETER


@register.simple_tag(takes_context=True)
def comment_section(context: template.Context, article: Article) -> CommentSection:
    """The comment area of ``article``: one page of approved comments, the form, its state.

    A tag rather than view context so that the article views stay as they are
    and the comment page number comes from the request they already render with.
    The comment views put a bound form (``comment_form``) and a captcha
    (``comment_captcha``, or ``comment_captcha_refusal`` past the address's
    limit) in the context when they show the page again.
    """
    request = context.get("request")
    page = request.GET.get(selectors.PAGE_PARAMETER) if request is not None else None
    return CommentSection(
        page=selectors.approved_comments_page(article=article, page=page),
        is_open=selectors.comments_are_open(article),
        form=context.get("comment_form") or CommentForm(),
        captcha=context.get("comment_captcha"),
        closed_notice=bool(context.get("comment_closed_notice")),
        captcha_refusal=context.get("comment_captcha_refusal") or "",
    )


@register.simple_tag
def captcha_audio_available() -> bool:
    """Whether the form offers "Nghe mã xác nhận": only where the audio can be made."""
    return services.captcha_audio_available()


@register.simple_tag
def report_reasons() -> list[tuple[str, str]]:
    """The reasons a reader may give when reporting a comment, as (value, label)."""
    from comments.models import CommentDecision

    return [(value, str(label)) for value, label in CommentDecision.ReportReason.choices]


@register.simple_tag
def pending_comment_count() -> int:
    return selectors.pending_comment_count()


@register.simple_tag
def blank_comment_fields() -> SafeString:
    """The fields of an empty comment form, rendered once per language and process.

    Every uncached article page shows the empty form, and rendering its
    widgets through the forms renderer was about a seventh of the page's cost.
    Nothing in an empty form depends on the request (no values, no errors; the
    CSRF token and captcha are outside these fields), so its HTML is always the
    same. A bound or pre-filled form is rendered as usual. Not memoised with
    DEBUG on, where templates change under a running server.
    """
    if settings.DEBUG:
        return _render_blank_fields()
    return _blank_fields(get_language())


@functools.lru_cache(maxsize=16)
def _blank_fields(language: str) -> SafeString:
    return _render_blank_fields()


def _render_blank_fields() -> SafeString:
    return render_to_string("comments/includes/comment_fields.html", {"form": CommentForm()})
