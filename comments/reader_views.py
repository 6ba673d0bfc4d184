"""Reader endpoints beside the comment form: the spoken captcha and the private status page."""

from captcha import views as captcha_views
from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from comments import services
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
