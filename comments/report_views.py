"""A reader reports a comment ("Báo vi phạm"): the report page, and the same for comment-reports.js.

The article page is cached and carries no CSRF token. With JavaScript,
``static/js/comment-reports.js`` asks this view for one (GET with
``X-Requested-With``) and posts the reason here, getting JSON back; without
it, the "Báo vi phạm" link opens this page, a plain form with its token.
"""

from django import forms
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.middleware.csrf import get_token
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from articles.models import Article
from comments import reports
from comments.models import Comment, CommentDecision
from core.http import client_ip

# The comments this browser reported, so a reader is told at once, whatever address
# they come from next; the address rule (in the database) is the one that holds.
REPORTED_COOKIE = "binh-luan-da-bao"
REPORTED_COOKIE_KEEP = 200  # ids
REPORTED_COOKIE_MAX_AGE = 365 * 24 * 60 * 60


class ReportForm(forms.Form):
    reason = forms.ChoiceField(
        label=gettext_lazy("Lý do báo vi phạm"),
        choices=CommentDecision.ReportReason.choices,
        widget=forms.RadioSelect,
        error_messages={"required": gettext_lazy("Hãy chọn một lý do.")},
    )


def _reported_ids(request: HttpRequest) -> list[str]:
    raw = request.COOKIES.get(REPORTED_COOKIE, "")
    return [part for part in raw.split(".") if part.isdigit()]


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def comment_report(request: HttpRequest, comment_pk: int) -> HttpResponse:
    """Show the report form for an approved comment, or take the report."""
    comment = (
        Comment.objects.approved()
        .select_related("article__section")
        .filter(pk=comment_pk, article__in=Article.objects.published())
        .first()
    )
    wants_json = request.headers.get("x-requested-with") == "XMLHttpRequest"
    if request.method != "POST":
        if comment is None:
            raise Http404(_("Không tìm thấy bình luận."))
        if wants_json:
            return JsonResponse({"csrf_token": get_token(request)})
        return _page(request, comment, form=ReportForm())

    form = ReportForm(request.POST)
    if not form.is_valid():
        message, status = str(form.errors["reason"][0]), 400
    else:
        reported = _reported_ids(request)
        try:
            reports.comment_report(
                comment_id=comment_pk,
                report_reason=form.cleaned_data["reason"],
                ip_address=client_ip(request),
                already_reported=str(comment_pk) in reported,
            )
        except reports.ReportNotAccepted as refusal:
            message = str(refusal.message)
            status = {"rate": 429, "already": 409, "not_found": 404}[refusal.code]
        else:
            message = _("Cảm ơn bạn đã báo vi phạm. Kiểm duyệt viên sẽ xem xét bình luận này.")
            status = 200
    response: HttpResponse
    if wants_json:
        response = JsonResponse({"message": message, "ok": status == 200}, status=status)
    else:
        response = _page(request, comment, form=form, message=message, status=status)
    if status == 200:
        kept = [*_reported_ids(request), str(comment_pk)][-REPORTED_COOKIE_KEEP:]
        response.set_cookie(
            REPORTED_COOKIE,
            ".".join(kept),
            max_age=REPORTED_COOKIE_MAX_AGE,
            httponly=True,
            samesite="Lax",
            secure=request.is_secure(),
        )
    return response


def _page(
    request: HttpRequest,
    comment: Comment | None,
    *,
    form: ReportForm,
    message: str = "",
    status: int = 200,
) -> HttpResponse:
    response = render(
        request,
        "comments/comment_report.html",
        {"comment": comment, "form": form, "message": message, "done": bool(message)},
        status=status,
    )
    response["X-Robots-Tag"] = "noindex"
    return response
