"""Error pages that work when the thing that failed is the database or the request.

``server_error`` replaces Django's handler500: when the exception being handled
is the database being unreachable (down, restarting, pool exhausted), readers
get a 503 "try again shortly" page with Retry-After, which tells browsers and
crawlers the outage is temporary. Neither page touches the database or shows a
traceback.
"""

import sys

from django.core.exceptions import PermissionDenied
from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, HttpResponseServerError
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.views import defaults

DATABASE_ERRORS = (OperationalError, InterfaceError)


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """handler400: the Vietnamese page, without reading the request's form again.

    Django's own view runs the CSRF check, which reads ``request.POST``: after
    a form Django refused to parse (an ISO-8859-1 form body, say) that raised
    the same error again and turned the 400 into a 500. Rendered without the
    request, as Django does, so the page needs neither the database nor a
    valid Host. (``newsroom/urls.py`` first lets a refused comment keep its text.)
    """
    return HttpResponseBadRequest(render_to_string("400.html"))


def server_error(request: HttpRequest) -> HttpResponse:
    exception = sys.exc_info()[1]
    if isinstance(exception, DATABASE_ERRORS):
        response = HttpResponse(render_to_string("503.html"), status=503)
        response["Retry-After"] = "30"
        response["Cache-Control"] = "no-store"
        return response
    return HttpResponseServerError(render_to_string("500.html"))


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """handler403: staff refused a page of the admin stay in the admin.

    A moderator opening an article's change form got the readers' 403 page,
    with the public menu and a link to the home page: the admin's own page keeps
    its header and leads back to the admin's index. Everyone else gets the
    site's Vietnamese 403.html.
    """
    user = getattr(request, "user", None)
    try:
        admin_root = reverse("admin:index")
    except NoReverseMatch:
        admin_root = None
    if admin_root and request.path.startswith(admin_root) and user and user.is_staff:
        from django.contrib import admin

        context = {**admin.site.each_context(request), "title": _("Không có quyền truy cập")}
        return TemplateResponse(request, "admin/403.html", context, status=403).render()
    return defaults.permission_denied(request, exception or PermissionDenied())
