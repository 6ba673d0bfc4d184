"""The newsroom's answer form on a comment's change page in the admin.

A small form rather than an inline: editors who may answer but not moderate
see the comment read-only, and Django refuses a read-only change form's POST.
The textarea sits inside the change form; its button posts to ``answer_view``
(``formaction``), which checks the permission and calls the service.
"""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.urls import path, reverse
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from comments.answers import comment_answer_create, may_answer
from comments.models import Comment

_DRAFT_KEY = "comments:answer-draft:{}"


class CommentAnswerAdminMixin(admin.ModelAdmin[Comment]):
    """Adds "Ban biên tập trả lời" to a comment's change page: the answers so far and a form."""

    def get_urls(self):
        view = self.admin_site.admin_view(require_POST(self.answer_view))
        return [
            path("<int:object_id>/tra-loi/", view, name="comments_comment_answer"),
            *super().get_urls(),
        ]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        # Shown after the fieldsets by templates/admin/comments/comment/change_form.html.
        comment = self.get_object(request, object_id)
        if comment is not None:
            extra_context = {
                **(extra_context or {}),
                "newsroom_answers": self._answers_panel(request, comment),
            }
        return super().change_view(request, object_id, form_url, extra_context)

    def _answers_panel(self, request: HttpRequest, comment: Comment) -> SafeString:
        can_answer = may_answer(request.user)
        draft = request.session.pop(_DRAFT_KEY.format(comment.pk), "") if can_answer else ""
        return render_to_string(
            "admin/comments/comment_answers.html",
            {
                "answers": comment.answers.select_related("answered_by"),
                "can_answer": can_answer,
                "draft": draft,
                "action": reverse("admin:comments_comment_answer", args=[comment.pk]),
            },
            request=request,
        )

    def answer_view(self, request: HttpRequest, object_id: int) -> HttpResponseRedirect:
        comment = get_object_or_404(Comment, pk=object_id)
        change_url = reverse("admin:comments_comment_change", args=[comment.pk])
        body = request.POST.get("answer_body", "")
        try:
            comment_answer_create(comment=comment, body=body, user=request.user)
        except PermissionDenied:
            raise
        except ValidationError as error:
            request.session[_DRAFT_KEY.format(comment.pk)] = body[:20_000]
            self.message_user(request, " ".join(error.messages), messages.ERROR)
        else:
            if comment.status == Comment.Status.APPROVED:
                note = _("Đã gửi câu trả lời; bạn đọc thấy ngay dưới bình luận.")
            else:
                note = _(
                    "Đã gửi câu trả lời. Câu trả lời chỉ hiện dưới bài viết khi bình luận "
                    "được duyệt; người gửi thấy ngay trên trang riêng của họ."
                )
            self.message_user(request, note, messages.SUCCESS)
        return HttpResponseRedirect(f"{change_url}#tra-loi")
