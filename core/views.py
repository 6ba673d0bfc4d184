"""Views every part of the site needs and no app owns: health check, language, media files."""

import errno

from django.conf import settings
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe
from django.views.static import serve


@require_safe
def choose_language(request: HttpRequest, language: str) -> HttpResponse:
    """Remember the reader's language and go back to where they were.

    A plain link rather than Django's POST-only set_language form, so pages can
    be cached without a CSRF token; choosing a language changes nothing else.
    """
    if language not in dict(settings.LANGUAGES):
        raise Http404(_("Ngôn ngữ không được hỗ trợ."))
    next_url = request.GET.get("next", "/")
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        next_url = "/"
    response = HttpResponseRedirect(next_url)
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=365 * 24 * 3600,
        samesite="Lax",
        secure=request.is_secure(),
    )
    return response


def healthz(request: HttpRequest) -> HttpResponse:
    """Liveness probe for load balancers, and the benchmark's baseline."""
    return HttpResponse("ok", content_type="text/plain")


@require_safe
def media_file(request: HttpRequest, path: str) -> HttpResponse | FileResponse:
    """An uploaded file, when Django serves them itself (``SERVE_MEDIA``).

    Django's ``serve`` lets the file system's refusal of an over-long name
    escape as a 500; for a reader that address simply does not exist.
    """
    try:
        return serve(request, path, document_root=str(settings.MEDIA_ROOT))
    except OSError as error:
        if error.errno != errno.ENAMETOOLONG:
            raise
        raise Http404(_("Không tìm thấy trang.")) from error
