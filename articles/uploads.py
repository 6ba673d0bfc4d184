"""The CKEditor image upload endpoint, with permission and content checks.

django-ckeditor's own view lets any staff member upload any file type. This one
lets only staff who may write articles upload, accepts only real images, and
re-encodes them so metadata such as GPS location is never published.
"""

import json
import logging
import os

from ckeditor_uploader import utils as ckeditor_utils
from ckeditor_uploader import views as ckeditor_views
from ckeditor_uploader.views import get_upload_filename
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.middleware.csrf import CsrfViewMiddleware
from django.utils.decorators import decorator_from_middleware
from django.utils.log import log_response
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from articles.csp import ckeditor_csp
from articles.images import inspect_image, strip_metadata

UPLOAD_PERMISSIONS = ("articles.add_article", "articles.change_article")

logger = logging.getLogger("articles")
csrf_logger = logging.getLogger("django.security.csrf")


def user_may_upload(user) -> bool:
    return user.is_active and user.is_staff and any(user.has_perm(p) for p in UPLOAD_PERMISSIONS)


class _UploadCsrfCheck(CsrfViewMiddleware):
    """Django's CSRF check, refusing in the answer format the editor reads.

    SameSite=Lax cookies do not stop a page on a sibling origin (another
    subdomain is the same site), so the upload needs the token like any form.
    The editor sends it (static/js/ckeditor-csrf.js). ``_reject`` is Django's
    private hook; tests/articles/test_uploads.py pins what it answers.
    """

    def _reject(self, request: HttpRequest, reason: str) -> HttpResponse:
        message = _(
            "Không tải được ảnh: trang soạn bài đã cũ hoặc trình duyệt chặn cookie. "
            "Hãy sao chép nội dung đang soạn, tải lại trang rồi tải ảnh lên lại."
        )
        response = _upload_error(message, request.GET.get("CKEditorFuncNum", ""), status=403)
        log_response(
            "Forbidden (%s): %s",
            reason,
            request.path,
            response=response,
            request=request,
            logger=csrf_logger,
        )
        return response


# Exempt from the site-wide check only to run the same check with the answer above.
@ckeditor_csp
@csrf_exempt
@decorator_from_middleware(_UploadCsrfCheck)
@require_POST
def ckeditor_upload(request: HttpRequest) -> HttpResponse:
    if not (request.user.is_active and request.user.is_staff):
        return redirect_to_login(request.get_full_path(), "admin:login")
    callback = request.GET.get("CKEditorFuncNum", "")
    if not user_may_upload(request.user):
        return _upload_error(_("Bạn không có quyền tải ảnh lên."), callback, status=403)
    upload = request.FILES.get("upload")
    if upload is None:
        return _upload_error(_("Chưa chọn tệp ảnh để tải lên."), callback, status=400)
    try:
        info = inspect_image(upload)
    except ValidationError as error:
        return _upload_error(" ".join(error.messages), callback, status=400)
    stem = os.path.splitext(upload.name or "")[0]
    filename = get_upload_filename(f"{stem}.{info.extension}", request)
    content = ContentFile(strip_metadata(upload, info))
    try:
        saved_path = ckeditor_utils.storage.save(filename, content)
    except OSError:  # disk full, read-only, no permission: the editor can do nothing about it
        logger.exception("image upload could not be stored", extra={"event": "upload_failed"})
        message = _("Không lưu được ảnh: máy chủ hết dung lượng hoặc không ghi được thư mục ảnh.")
        return _upload_error(message, callback, status=503)
    url = ckeditor_utils.get_media_url(saved_path)
    if callback:
        return _callback_response(callback, url, "")
    return JsonResponse({"uploaded": 1, "fileName": os.path.basename(saved_path), "url": url})


def _upload_error(message: str, callback: str, *, status: int) -> HttpResponse:
    if callback:
        # The iframe-based dialog reads the message from the callback, not the status.
        return _callback_response(callback, "", message)
    return JsonResponse({"uploaded": 0, "error": {"message": message}}, status=status)


def _callback_response(callback: str, url: str, message: str) -> HttpResponse:
    function_number = int(callback) if callback.isdigit() else 0
    return HttpResponse(
        "<!doctype html><script>"
        f"window.parent.CKEDITOR.tools.callFunction({function_number}, "
        f"{_js_string(url)}, {_js_string(message)});"
        "</script>"
    )


def _js_string(value: str) -> str:
    """A JavaScript string literal that cannot close the surrounding <script>."""
    return (
        json.dumps(value, ensure_ascii=False)
        .replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
    )


@ckeditor_csp
def ckeditor_browse(request: HttpRequest) -> HttpResponse:
    """django-ckeditor's image browser (inline scripts), under the CKEditor policy.

    For the same people as the upload: it lists every uploaded image, those of
    unpublished drafts included, so being staff (a moderator) is not enough.
    """
    if not user_may_upload(request.user):
        raise PermissionDenied
    return ckeditor_views.browse(request)
