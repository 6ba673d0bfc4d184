"""Reader endpoints beside the comment form: the spoken captcha and the private status page."""

from captcha import views as captcha_views
from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from comments import services, status
from core.http import client_ip
from core.ratelimit import address_allowed


def _plain(message: str, *, status: int) -> HttpResponse:
    return HttpResponse(message, status=status, content_type="text/plain; charset=utf-8")


@never_cache
@require_GET
def captcha_audio(request: HttpRequest, key: str) -> HttpResponse:
    """django-simple-captcha's spoken captcha (a WAV file), with a per-address limit.

    Served at the library's address and name (``captcha-audio``), ahead of its
    own view: each request runs flite, so one address may ask for only
    ``COMMENTS_CAPTCHA_AUDIO_PER_WINDOW`` per window, and where flite is missing
    the address answers 404 instead of failing.
    """
    if not services.captcha_audio_available():
        raise Http404(_("Trang này không có mã xác nhận bằng giọng nói."))
    if not address_allowed(
        bucket="captcha-audio",
        address=client_ip(request),
        limit=settings.COMMENTS_CAPTCHA_AUDIO_PER_WINDOW,
        window_seconds=settings.COMMENTS_CAPTCHA_WINDOW_MINUTES * 60,
    ):
        return _plain(
            _("Bạn đã nghe mã xác nhận quá nhiều lần. Vui lòng thử lại sau ít phút."), status=429
        )
    response = captcha_views.captcha_audio(request, key)
    if response.status_code == 410:
        return _plain(
            _("Mã xác nhận đã hết hạn. Hãy bấm “Lấy lại mã bảo mật” để có mã mới."), status=410
        )
    return response


@never_cache
@require_GET
def comment_status(request: HttpRequest, token: str) -> HttpResponse:
    """The reader's private page for one comment: its state and the newsroom's answers.

    Private and uncacheable (``never_cache``: ``private, no-store``; not a
    page-cache view), kept out of search engines and out of Referer headers.
    A wrong token is a 404 like any missing page; each address may look only
    ``COMMENTS_STATUS_VIEWS_PER_WINDOW`` times per window, found or not.
    """
    if not address_allowed(
        bucket="comment-status",
        address=client_ip(request),
        limit=settings.COMMENTS_STATUS_VIEWS_PER_WINDOW,
        window_seconds=settings.COMMENTS_STATUS_WINDOW_MINUTES * 60,
    ):
        response = render(
            request,
            "comments/comment_status.html",
            {
                "refusal": _(
                    "Bạn đã mở trang này quá nhiều lần. Vui lòng thử lại sau %(minutes)d phút."
                )
                % {"minutes": settings.COMMENTS_STATUS_WINDOW_MINUTES}
            },
            status=429,
        )
    else:
        comment = status.comment_for_status(token=token)
        if comment is None:
            raise Http404(_("Không tìm thấy bình luận."))
        response = render(
            request,
            "comments/comment_status.html",
            {
                "comment": comment,
                "reader_status": status.status_for_reader(comment),
                "article_visible": comment.article.is_visible_to_readers,
            },
        )
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Referrer-Policy"] = "no-referrer"
    return response
