from dataclasses import dataclass

from django import template

from articles.models import Article
from comments import selectors
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
    page_parameter: str = selectors.PAGE_PARAMETER


@register.simple_tag(takes_context=True)
def comment_section(context: template.Context, article: Article) -> CommentSection:
    """The comment area of ``article``: one page of approved comments, the form, its state.

    A tag rather than view context so that the article views stay as they are
    and the comment page number comes from the request they already render with.
    The comment views put a bound form (``comment_form``) and a captcha
    (``comment_captcha``) in the context when they show the page again.
    """
    request = context.get("request")
    page = request.GET.get(selectors.PAGE_PARAMETER) if request is not None else None
    return CommentSection(
        page=selectors.approved_comments_page(article=article, page=page),
        is_open=selectors.comments_are_open(article),
        form=context.get("comment_form") or CommentForm(),
        captcha=context.get("comment_captcha"),
        closed_notice=bool(context.get("comment_closed_notice")),
    )


@register.simple_tag
def pending_comment_count() -> int:
    return selectors.pending_comment_count()
