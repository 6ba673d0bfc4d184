"""The editorial workflow in the article admin: object permissions, buttons, bulk actions.

Kept apart from ``articles/admin.py`` so the article admin stays about the
article's fields. Every decision is ``articles.workflow``'s; this module only
asks it and turns its refusals into messages.
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed, HttpResponseRedirect
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext_lazy

from articles import workflow
from articles.models import Article
from articles.roles import APPROVE_PERMISSION, REVIEW_PERMISSION
from articles.templatetags.portal import portal_datetime
from articles.workflow import Transition


class TransitionForm(forms.Form):
    """What one workflow button posts: which move, a note, and for approval the time."""

    transition = forms.ChoiceField(choices=Transition.choices)
    note = forms.CharField(
        label=gettext_lazy("Ghi chú"),
        required=False,
        max_length=workflow.NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    publish_at = forms.DateTimeField(
        label=gettext_lazy("Thời gian đăng"),
        required=False,
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M"],
        help_text=gettext_lazy("Để trống để đăng ngay; chọn thời điểm sau để hẹn giờ."),
    )


class MineFilter(admin.SimpleListFilter):
    """The articles the user created, for the reporter's links in "Việc của tôi"."""

    title = gettext_lazy("người viết")
    parameter_name = "mine"

    def lookups(self, request, model_admin):
        return (("1", gettext_lazy("Bài của tôi")),)

    def queryset(self, request, queryset):
        if self.value() == "1":
            return queryset.filter(created_by=request.user)
        return queryset


class ArticleWorkflowAdminMixin(admin.ModelAdmin[Article]):
    """Mixed into ``ArticleAdmin`` (and so into comments' ``ArticleWithCommentsAdmin``)."""

    change_form_workflow = True

    # --- Who may see and change which article --------------------------------

    def get_queryset(self, request):
        return workflow.articles_viewable_by(
            user=request.user, queryset=super().get_queryset(request)
        )

    def get_object(self, request, object_id, from_field=None):
        obj = super().get_object(request, object_id, from_field)
        if obj is None and from_field is None:
            # Someone else's unpublished article: say "not yours" rather than
            # "it was deleted", which would be untrue.
            try:
                exists = self.model._default_manager.filter(pk=unquote(object_id)).exists()
            except (ValidationError, ValueError):
                exists = False
            if exists:
                raise PermissionDenied
        return obj

    def has_view_permission(self, request, obj=None):
        allowed = super().has_view_permission(request, obj)
        if obj is None or not allowed:
            return allowed
        return workflow.user_may_view(user=request.user, article=obj)

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        if obj is None or not allowed:
            return allowed
        return workflow.user_may_edit(user=request.user, article=obj)

    def has_delete_permission(self, request, obj=None):
        allowed = super().has_delete_permission(request, obj)
        if obj is None or not allowed:
            return allowed
        return workflow.user_may_edit(user=request.user, article=obj)

    def has_review_permission(self, request) -> bool:
        return request.user.has_perm(REVIEW_PERMISSION) or self.has_approve_permission(request)

    def has_approve_permission(self, request) -> bool:
        return request.user.has_perm(APPROVE_PERMISSION)

    def get_readonly_fields(self, request, obj=None):
        readonly = [*super().get_readonly_fields(request, obj), "status"]
        # The time of a published article is the editor-in-chief's; before
        # that, it is chosen when approving.
        if (
            obj is None
            or obj.status != Article.Status.PUBLISHED
            or not self.has_approve_permission(request)
        ):
            readonly.append("published_at")
        return readonly

    # --- The change page's buttons and history --------------------------------

    def change_view(self, request, object_id, form_url="", extra_context=None):
        obj = self.get_object(request, object_id)
        if obj is not None and self.has_view_permission(request, obj):
            extra_context = {
                **(extra_context or {}),
                "workflow": self.workflow_context(request, obj),
            }
        return super().change_view(request, object_id, form_url, extra_context)

    def workflow_context(self, request: HttpRequest, article: Article) -> dict:
        allowed = workflow.transitions_allowed(user=request.user, article=article)
        return {
            "status": article.get_status_display(),
            "scheduled": article.is_scheduled,
            "action_url": reverse(
                f"admin:{self.opts.app_label}_{self.opts.model_name}_workflow", args=[article.pk]
            ),
            "buttons": [
                {
                    "transition": transition,
                    "label": Transition(transition).label,
                    "note_required": transition in workflow.NOTE_REQUIRED,
                    "with_time": transition == Transition.APPROVE,
                    "danger": transition in (Transition.RETURN, Transition.WITHDRAW),
                }
                for transition in allowed
            ],
            "history": workflow.article_history(article=article),
        }

    def get_urls(self):
        name = f"{self.opts.app_label}_{self.opts.model_name}_workflow"
        return [
            path(
                "<path:object_id>/quy-trinh/",
                self.admin_site.admin_view(self.workflow_view),
                name=name,
            ),
            *super().get_urls(),
        ]

    def workflow_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        """One workflow button: make the move, say how it went, back to the article."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        article = self.get_object(request, object_id)
        if article is None:
            return self._get_obj_does_not_exist_redirect(  # type: ignore[attr-defined]
                request, self.opts, object_id
            )
        change_url = reverse(
            f"admin:{self.opts.app_label}_{self.opts.model_name}_change", args=[article.pk]
        )
        form = TransitionForm(request.POST)
        if not form.is_valid():
            for errors in form.errors.values():
                for error in errors:
                    self.message_user(request, str(error), messages.ERROR)
            return HttpResponseRedirect(change_url)
        try:
            workflow.article_transition(
                article=article,
                user=request.user,
                transition=form.cleaned_data["transition"],
                note=form.cleaned_data["note"],
                publish_at=form.cleaned_data["publish_at"],
            )
        except ValidationError as error:
            self.message_user(request, " ".join(error.messages), messages.ERROR)
        except PermissionDenied as error:
            self.message_user(request, str(error), messages.ERROR)
        else:
            self.message_user(request, self._moved_message(article), messages.SUCCESS)
        return HttpResponseRedirect(change_url)

    @staticmethod
    def _moved_message(article: Article) -> str:
        if article.is_scheduled:
            return _("Đã duyệt bài “%(title)s”; bài sẽ hiện lúc %(time)s.") % {
                "title": article.title,
                "time": portal_datetime(article.published_at),
            }
        return _("Bài “%(title)s” đã chuyển sang “%(status)s”.") % {
            "title": article.title,
            "status": article.get_status_display(),
        }

    # --- Bulk actions ---------------------------------------------------------

    def _bulk(self, request, queryset, transition: str, done_message) -> None:
        """Apply ``transition`` to each selected article; ``done_message`` has %(count)d."""
        moved, refusals = workflow.articles_transition(
            articles=queryset, user=request.user, transition=transition
        )
        self.message_user(
            request,
            done_message % {"count": moved},
            messages.SUCCESS if moved else messages.WARNING,
        )
        for refusal in refusals[:10]:
            self.message_user(request, refusal, messages.WARNING)
        if len(refusals) > 10:
            self.message_user(
                request,
                _("… và %(count)d bài khác không chuyển được.") % {"count": len(refusals) - 10},
                messages.WARNING,
            )

    # ngettext_lazy picks the plural form from the "count" it is formatted with.
    @admin.action(description=gettext_lazy("Gửi biên tập các bài đã chọn"), permissions=["change"])
    def submit_for_editing(self, request, queryset):
        message = ngettext_lazy(
            "Đã gửi biên tập %(count)d bài viết.", "Đã gửi biên tập %(count)d bài viết.", "count"
        )
        self._bulk(request, queryset, Transition.SUBMIT, message)

    @admin.action(description=gettext_lazy("Gửi duyệt các bài đã chọn"), permissions=["review"])
    def send_for_approval(self, request, queryset):
        message = ngettext_lazy(
            "Đã gửi duyệt %(count)d bài viết.", "Đã gửi duyệt %(count)d bài viết.", "count"
        )
        self._bulk(request, queryset, Transition.SEND_FOR_APPROVAL, message)

    @admin.action(
        description=gettext_lazy("Duyệt và xuất bản ngay các bài đã chọn"), permissions=["approve"]
    )
    def publish_now(self, request, queryset):
        message = ngettext_lazy(
            "Đã xuất bản %(count)d bài viết.", "Đã xuất bản %(count)d bài viết.", "count"
        )
        self._bulk(request, queryset, Transition.APPROVE, message)
