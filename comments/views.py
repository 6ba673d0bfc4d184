"""The reader's side of comments: the comment page, the captcha endpoint, the POST.

The article page itself stays the same for every reader so it can be cached:
it carries the form without a CSRF token or captcha. ``static/js/comments.js``
fetches both from ``comment_captcha`` when the reader reaches the form; without
JavaScript the form goes to ``comment_form``, which shows it again, typed text
and all, with a captcha.
"""

from captcha.conf import settings as captcha_settings
from django.contrib import messages
from django.core.exceptions import BadRequest, SuspiciousOperation
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.http.multipartparser import MultiPartParserError
from django.middleware.csrf import get_token
from django.shortcuts import render
from django.urls import Resolver404, resolve
from django.utils.cache import add_never_cache_headers
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from articles.models import Article
from articles.selectors import article_for_reader
from articles.views import article_page_context
from comments import selectors, services, status
from comments.forms import CommentForm, prefill_initial
from comments.models import Comment
from core.http import client_ip, client_user_agent


def _article_or_404(article_pk: int) -> Article:
    article = article_for_reader(pk=article_pk)
    if article is None:
        raise Http404(_("Không tìm thấy bài viết."))
    return article


@never_cache
@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
def comment_form(request: HttpRequest, article_pk: int) -> HttpResponse:
    """The comment form on a page of its own, with its captcha.

    Reached by link, by the article page's form when JavaScript did not load
    the captcha, and by "Lấy lại mã bảo mật" without JavaScript. A POST only
    carries what the reader typed so far, to be shown again: nothing is
    validated or stored here, hence no CSRF check (the real POST has one).
    """
    article = _article_or_404(article_pk)
    response = _comment_page(request, article)
    response["X-Robots-Tag"] = "noindex"
    return response


def _comment_page(
    request: HttpRequest, article: Article, *, unsent_because: str = "", status: int = 200
) -> HttpResponse:
    """The comment page: after a POST, with what the reader typed so far; a new captcha.

    ``unsent_because`` tells the reader why a comment they sent was not taken.
    """
    context = {
        "article": article,
        "comments_open": selectors.comments_are_open(article),
        "unsent_because": unsent_because,
    }
    if request.method == "POST":
        context["form"] = CommentForm(initial=prefill_initial(request.POST))
        context["continued"] = True
    else:
        context["form"] = CommentForm()
    if context["comments_open"]:
        context["captcha"], context["captcha_refusal"] = _captcha_for(request)
        if context["captcha_refusal"] and status == 200:
            status = 429
    return render(request, "comments/comment_form.html", context, status=status)


def _captcha_for(request: HttpRequest) -> tuple[services.CaptchaChallenge | None, str]:
    """A new captcha for the form about to be shown, or, past the address's limit, why not."""
    try:
        return services.captcha_challenge_new(ip_address=client_ip(request)), ""
    except services.TooManyCaptchas as refusal:
        return None, refusal.message


def _challenge_json(request: HttpRequest, **extra: object) -> JsonResponse:
    """A new captcha as JSON for comments.js, or a 429 with the reason (shown to the reader)."""
    challenge, refusal = _captcha_for(request)
    if challenge is None:
        return JsonResponse({"error": refusal}, status=429)
    return JsonResponse(
        {
            "key": challenge.key,
            "image_url": challenge.image_url,
            "audio_url": challenge.audio_url,
            **extra,
        }
    )


@never_cache
@require_GET
def comment_captcha(request: HttpRequest, article_pk: int) -> JsonResponse:
    """A new captcha and a CSRF token for the form on a (possibly cached) article page."""
    _require_script(request)
    article = _article_or_404(article_pk)
    if not selectors.comments_are_open(article):
        return JsonResponse({"error": _("Bài viết này đã đóng bình luận.")}, status=403)
    return _challenge_json(
        request,
        csrf_token=get_token(request),
        expires_in=int(captcha_settings.CAPTCHA_TIMEOUT) * 60,
    )


@never_cache
@require_GET
def captcha_refresh(request: HttpRequest) -> JsonResponse:
    """django-simple-captcha's ``/captcha/refresh/``, with the per-address limit.

    Served at the library's address and name (``captcha-refresh``), ahead of its
    own view, which would issue challenges without counting them.
    """
    _require_script(request)
    return _challenge_json(request)


def _require_script(request: HttpRequest) -> None:
    # Like django-simple-captcha's refresh: no challenge rows for crawlers.
    if request.headers.get("x-requested-with") != "XMLHttpRequest":
        raise Http404(_("Không tìm thấy trang."))


@never_cache
@require_POST
def comment_post(request: HttpRequest, article_pk: int) -> HttpResponse:
    """Validate and take a comment; on any problem show the article again, form filled in."""
    article = _article_or_404(article_pk)
    if not selectors.comments_are_open(article):
        return _article_page(
            request,
            article,
            form=CommentForm(initial=prefill_initial(request.POST)),
            status=403,
            closed_notice=True,
        )
    form = CommentForm(request.POST)
    ip_address = client_ip(request)
    if form.is_valid():
        data = form.cleaned_data
        try:
            comment = services.comment_submit(
                article=article,
                name=data["name"],
                title=data["title"],
                body=data["body"],
                phone=data["phone"],
                ip_address=ip_address,
                user_agent=client_user_agent(request),
                honeypot=data["website"],
            )
        except services.CommentNotAccepted as refusal:
            if refusal.code == "closed":
                return _article_page(request, article, form=form, status=403, closed_notice=True)
            form.add_error(None, refusal.message)
        else:
            return _accepted(request, article, comment)
    elif resent := _resubmitted_comment(form, article=article, ip_address=ip_address):
        return _accepted(request, article, resent)
    return _article_page(request, article, form=form)


def _resubmitted_comment(
    form: CommentForm, *, article: Article, ip_address: str | None
) -> Comment | None:
    """A second POST of a comment just taken: a double click, or the browser resending.

    Its captcha was spent by the first, so only the captcha fails; answering
    with the same "awaiting moderation" as the first time (and storing
    nothing) is what the reader expects.
    """
    if not ip_address or set(form.errors) != {"captcha"} or "body" not in form.cleaned_data:
        return None
    duplicates = selectors.recent_duplicates(ip_address=ip_address, body=form.cleaned_data["body"])
    return next((comment for comment in duplicates if comment.article_id == article.pk), None)


def _accepted(request: HttpRequest, article: Article, comment: Comment) -> HttpResponse:
    # Safe HTML in a message: the message storage keeps it marked safe, and
    # every part but the fixed markup is escaped by format_html.
    messages.success(
        request,
        format_html(
            '{} <a href="{}" rel="nofollow">{}</a>{}',
            _("Cảm ơn bạn! Bình luận đã được gửi và sẽ hiển thị sau khi được kiểm duyệt."),
            status.comment_status_link_issue(comment=comment),
            _("Theo dõi tình trạng bình luận và câu trả lời của ban biên tập"),
            _(" (trang riêng của bạn, hãy lưu lại đường dẫn này)."),
        ),
    )
    # To the message at the top of the page, so the reader sees it at once.
    return HttpResponseRedirect(f"{article.get_absolute_url()}#thong-bao")


def _article_page(
    request: HttpRequest,
    article: Article,
    *,
    form: CommentForm,
    status: int = 200,
    closed_notice: bool = False,
) -> HttpResponse:
    """The article page with the reader's form as they left it, its errors and a new captcha."""
    context = article_page_context(article)
    context["comment_form"] = form
    context["comment_closed_notice"] = closed_notice
    if not closed_notice:
        context["comment_captcha"], context["comment_captcha_refusal"] = _captcha_for(request)
        if context["comment_captcha_refusal"] and status == 200:
            status = 429
    response = render(request, "articles/article_detail.html", context, status=status)
    response["X-Robots-Tag"] = "noindex"
    return response


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """Django's CSRF_FAILURE_VIEW: Vietnamese, and never losing a reader's comment.

    A comment POST can fail the CSRF check when the token fetched by the page
    went stale (a browser restored from the day before, cookies cleared). The
    reader then gets the comment page with their text still in it and a new
    captcha and token, instead of an error page that loses what they wrote.
    """
    article = _article_of_refused_comment(request)
    if article is None:
        return render(request, "403_csrf.html", status=403)
    return _unsent_comment_page(
        request, article, _("Phiên làm việc đã hết hạn nên bình luận chưa được gửi."), status=403
    )


def unreadable_comment_page(
    request: HttpRequest, exception: Exception | None
) -> HttpResponse | None:
    """For handler400: a comment refused for its charset keeps what can be read of it.

    Django refuses a form that is not UTF-8, ``UnreadableCharsetMiddleware`` a
    charset we do not decode. For a comment the reader gets the comment page
    with the text read as UTF-8 (all but the odd letter) and a new captcha,
    not an error page that loses it. ``None`` for every other bad request.
    """
    if not isinstance(exception, BadRequest) or "charset" not in (request.content_params or {}):
        return None
    article = _article_of_refused_comment(request)
    if article is None:
        return None
    try:
        request.encoding = "utf-8"  # forget the declared charset: the form is parsed again
        request.POST  # noqa: B018 (parsed here, where a failure can be caught)
    except (BadRequest, SuspiciousOperation, MultiPartParserError):
        return None
    return _unsent_comment_page(
        request,
        article,
        _("Trình duyệt gửi bình luận ở dạng máy chủ không đọc được nên bình luận chưa được gửi."),
        status=400,
    )


def _article_of_refused_comment(request: HttpRequest) -> Article | None:
    """The article of a comment POST refused before its view ran, if it still takes comments."""
    try:
        match = resolve(request.path_info) if request.method == "POST" else None
    except Resolver404:
        return None
    if match is None or match.view_name != "comments:post":
        return None
    article = article_for_reader(pk=match.kwargs["article_pk"])
    if article is None or not selectors.comments_are_open(article):
        return None
    return article


def _unsent_comment_page(
    request: HttpRequest, article: Article, reason: str, *, status: int
) -> HttpResponse:
    response = _comment_page(request, article, unsent_because=reason, status=status)
    add_never_cache_headers(response)
    return response
