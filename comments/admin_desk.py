"""The moderators' desk in the admin: one-click decisions, an article's comments, blocking.

Views that ``CommentAdmin.get_urls`` adds; each parses the request, asks the
admin for the permission, calls one service and says what happened.
"""

from urllib.parse import urlencode

from django import forms
from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from articles.models import Article
from comments import blocks, moderation
from comments.models import Comment
from comments.privacy import may_see_personal_data

# Query-string names of the desk's pages (Vietnamese, like the site's other addresses).
HIGHLIGHT_PARAMETER = "noi-bat"
RETURN_PARAMETER = "tro-ve"
RETURN_TO_ARTICLE = "bai-viet"


def row_anchor(comment_pk: int) -> str:
    return f"binh-luan-{comment_pk}"


def article_desk_url(comment: Comment) -> str:
    url = reverse("admin:comments_comment_article", args=[comment.article_id])
    return f"{url}?{urlencode({HIGHLIGHT_PARAMETER: comment.pk})}#{row_anchor(comment.pk)}"


def decision_buttons(comment: Comment, *, action_url: str) -> str:
    """Duyệt / Từ chối / Spam for one comment; the current status's button is disabled.

    The buttons sit inside a form that carries the CSRF token (in the change
    list, the list's own form: forms cannot nest), and send it to ``action_url``
    through ``formaction``.
    """
    return format_html(
        '<div class="desk-decisions" role="group" aria-label="{}">{}</div>',
        _("Quyết định cho “%(title)s”") % {"title": comment.title},
        format_html_join(
            "",
            '<button type="submit" class="button desk-decision desk-decision--{}" formaction="{}" '
            'name="decision" value="{}"{}>{}</button>',
            (
                (
                    status,
                    action_url,
                    status,
                    mark_safe(" disabled") if comment.status == status else "",
                    label,
                )
                for status, (label, _message) in moderation.DECISIONS.items()
            ),
        ),
    )


def _back(request: HttpRequest, comment_pk: int, article_id: int | None) -> HttpResponseRedirect:
    """Back where the decision was made: the same filtered page of the list, at the row."""
    anchor = row_anchor(comment_pk)
    if request.GET.get(RETURN_PARAMETER) == RETURN_TO_ARTICLE and article_id is not None:
        url = reverse("admin:comments_comment_article", args=[article_id])
        return HttpResponseRedirect(
            f"{url}?{urlencode({HIGHLIGHT_PARAMETER: comment_pk})}#{anchor}"
        )
    url = reverse("admin:comments_comment_changelist")
    # The list's own query string, as Django's admin keeps it for its change pages.
    filters = request.GET.get("_changelist_filters", "")
    return HttpResponseRedirect(f"{url}?{filters}#{anchor}" if filters else f"{url}#{anchor}")


@require_POST
def decide(request: HttpRequest, object_id: str, *, model_admin) -> HttpResponse:
    """One click on Duyệt, Từ chối or Spam, from the list or an article's comments."""
    comment = model_admin.get_object(request, unquote(object_id))
    if comment is None:
        messages.error(request, _("Không tìm thấy bình luận này; có thể nó đã bị xóa."))
        return _back(request, int(object_id) if object_id.isdigit() else 0, None)
    if not model_admin.has_change_permission(request, comment):
        raise PermissionDenied
    status = request.POST.get("decision", "")
    if status not in moderation.DECISIONS:
        messages.error(request, _("Không rõ quyết định; bình luận chưa được thay đổi."))
        return _back(request, comment.pk, comment.article_id)
    changed = moderation.comment_decide(
        comment=comment, status=status, user=request.user, reason=request.POST.get("reason", "")
    )
    if changed:
        message = moderation.DECISIONS[status][1] % {"title": comment.title}
        messages.success(request, message)
    else:
        messages.warning(
            request,
            _("Bình luận “%(title)s” đã ở trạng thái “%(status)s”; không có gì thay đổi.")
            % {"title": comment.title, "status": Comment.Status(status).label},
        )
    return _back(request, comment.pk, comment.article_id)


def article_comments(request: HttpRequest, article_pk: int, *, model_admin) -> HttpResponse:
    """An article's comments, every status, in order; the one asked about highlighted."""
    if not model_admin.has_view_or_change_permission(request):
        raise PermissionDenied
    # As the list's article filter: no titles of drafts for those who may not read them.
    article = Article.objects.visible_to(request.user).filter(pk=article_pk).first()
    if article is None:
        raise Http404(_("Không tìm thấy bài viết."))
    raw = request.GET.get(HIGHLIGHT_PARAMETER, "")
    highlight = int(raw) if raw.isdigit() else None
    page = moderation.article_comments_page(
        article=article, highlight=highlight, page=request.GET.get("p")
    )
    can_decide = model_admin.has_change_permission(request)
    action_query = urlencode({RETURN_PARAMETER: RETURN_TO_ARTICLE})
    rows = [
        {
            "comment": comment,
            "highlighted": comment.pk == highlight,
            "anchor": row_anchor(comment.pk),
            "change_url": reverse("admin:comments_comment_change", args=[comment.pk]),
            "action_url": (
                action_url := reverse("admin:comments_comment_decide", args=[comment.pk])
                + f"?{action_query}"
            ),
            "buttons": decision_buttons(comment, action_url=action_url) if can_decide else "",
        }
        for comment in page.object_list
    ]
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.model._meta,
        "title": _("Bình luận của bài “%(title)s”") % {"title": article.title},
        "article": article,
        "page_obj": page,
        "rows": rows,
        "can_decide": can_decide,
        "decisions": [
            (status, label) for status, (label, _message) in moderation.DECISIONS.items()
        ],
        "highlight": highlight,
    }
    return TemplateResponse(request, "admin/comments/comment/article_comments.html", context)


class SenderBlockForm(forms.Form):
    by_phone = forms.BooleanField(label=gettext_lazy("Chặn theo số điện thoại"), required=False)
    by_ip = forms.BooleanField(label=gettext_lazy("Chặn theo địa chỉ IP"), required=False)
    duration = forms.ChoiceField(
        label=gettext_lazy("Thời gian chặn"),
        choices=[(value, label) for value, (_days, label) in blocks.BLOCK_DURATIONS.items()],
        initial="7",
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, comment: Comment, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if comment.phone:
            self.fields["by_phone"].help_text = comment.phone
        else:
            del self.fields["by_phone"]
        if comment.ip_address:
            self.fields["by_ip"].help_text = comment.ip_address
        else:
            del self.fields["by_ip"]


def block_sender(request: HttpRequest, object_id: str, *, model_admin) -> HttpResponse:
    """Block the phone number and/or IP address a comment came from, for a chosen time."""
    comment = model_admin.get_object(request, unquote(object_id))
    if comment is None:
        raise Http404(_("Không tìm thấy bình luận."))
    if not may_see_personal_data(request.user):
        raise PermissionDenied
    change_url = reverse("admin:comments_comment_change", args=[comment.pk])
    form = SenderBlockForm(request.POST or None, comment=comment)
    if request.method == "POST" and form.is_valid():
        try:
            made = blocks.sender_block(
                comment=comment,
                by_phone=form.cleaned_data.get("by_phone", False),
                by_ip=form.cleaned_data.get("by_ip", False),
                duration=form.cleaned_data["duration"],
                user=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            label = blocks.BLOCK_DURATIONS[form.cleaned_data["duration"]][1]
            messages.success(
                request,
                _(
                    "Đã chặn người gửi (%(count)d mục, %(duration)s). Các bình luận tiếp theo của "
                    "họ sẽ được xử lý theo quy tắc chặn; bình luận đã gửi vẫn giữ nguyên."
                )
                % {"count": len(made), "duration": label},
            )
            return HttpResponseRedirect(change_url)
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.model._meta,
        "title": _("Chặn người gửi bình luận “%(title)s”") % {"title": comment.title},
        "comment": comment,
        "form": form,
        "change_url": change_url,
        "nothing_to_block": not comment.phone and not comment.ip_address,
    }
    return TemplateResponse(request, "admin/comments/comment/block_sender.html", context)
