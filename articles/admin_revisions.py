"""The article admin's revision pages: the list, the comparison of two, restoring one.

A mixin for ``ArticleAdmin`` (and so for the comments app's subclass of it):
its URLs hang under the article's own, ``…/article/<id>/revisions/``, and each
page asks the admin whether the user may change that article.
"""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import router, transaction
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseNotAllowed,
    HttpResponseRedirect,
)
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from articles import revisions
from articles.models import Article, ArticleRevision


class ArticleRevisionsAdminMixin(admin.ModelAdmin[Article]):
    """Revisions of articles in the admin; the save records one with its inlines."""

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        if request.method != "POST":
            return super().changeform_view(request, object_id, form_url, extra_context)
        # The admin saves the article, then its photos and bylines: the revision
        # is taken after both, in the same transaction.
        with (
            transaction.atomic(using=router.db_for_write(self.model)),
            revisions.revisions_collected(),
        ):
            return super().changeform_view(request, object_id, form_url, extra_context)

    def get_urls(self):
        prefix = f"{self.opts.app_label}_{self.opts.model_name}"
        view = self.admin_site.admin_view
        return [
            path(
                "<path:object_id>/revisions/",
                view(self.revisions_view),
                name=f"{prefix}_revisions",
            ),
            path(
                "<path:object_id>/revisions/compare/",
                view(self.revisions_compare_view),
                name=f"{prefix}_revisions_compare",
            ),
            path(
                "<path:object_id>/revisions/<int:number>/restore/",
                view(self.revision_restore_view),
                name=f"{prefix}_revision_restore",
            ),
            *super().get_urls(),
        ]

    def _article_for_revisions(self, request: HttpRequest, object_id: str) -> Article:
        article = self.get_object(request, object_id)
        if article is None:
            raise Http404(_("Không tìm thấy bài viết."))
        if not (
            self.has_change_permission(request, article)
            and revisions.may_use_revisions(request.user)
        ):
            raise PermissionDenied
        return article

    def _revision_context(self, request: HttpRequest, article: Article, title: str) -> dict:
        return {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": article,
            "title": title,
            "subtitle": article.title,
            "has_view_permission": True,
            "change_url": reverse(
                f"admin:{self.opts.app_label}_{self.opts.model_name}_change", args=[article.pk]
            ),
        }

    def revisions_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        article = self._article_for_revisions(request, object_id)
        context = self._revision_context(request, article, _("Lịch sử phiên bản"))
        context["revisions"] = revisions.article_revisions(article=article)
        return TemplateResponse(request, "admin/articles/article/revisions.html", context)

    def revisions_compare_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        article = self._article_for_revisions(request, object_id)
        numbers = []
        for name in ("old", "new"):
            value = request.GET.get(name, "")
            if not value.isdigit():
                return self._back_to_list(request, article, _("Hãy chọn hai phiên bản để so sánh."))
            numbers.append(int(value))
        found = {
            r.number: r
            for r in ArticleRevision.objects.filter(
                article_id=article.pk, number__in=numbers
            ).select_related("created_by")
        }
        if len(found) != len(set(numbers)) or numbers[0] == numbers[1]:
            return self._back_to_list(
                request, article, _("Hãy chọn hai phiên bản khác nhau để so sánh.")
            )
        old, new = sorted(found.values(), key=lambda r: r.number)
        context = self._revision_context(request, article, _("So sánh phiên bản"))
        context.update(old=old, new=new, comparisons=revisions.revisions_compare(old=old, new=new))
        return TemplateResponse(request, "admin/articles/article/revisions_compare.html", context)

    def _back_to_list(self, request: HttpRequest, article: Article, message: str):
        self.message_user(request, message, messages.WARNING)
        return HttpResponseRedirect(
            reverse(
                f"admin:{self.opts.app_label}_{self.opts.model_name}_revisions",
                args=[article.pk],
            )
        )

    def revision_restore_view(
        self, request: HttpRequest, object_id: str, number: int
    ) -> HttpResponse:
        return _restore(self, request, object_id, number)


def _restore(model_admin, request: HttpRequest, object_id: str, number: int) -> HttpResponse:
    if request.method not in ("GET", "HEAD", "POST"):
        return HttpResponseNotAllowed(["GET", "POST"])
    article = model_admin._article_for_revisions(request, object_id)
    revision = get_object_or_404(ArticleRevision, article_id=article.pk, number=number)
    if request.method == "POST":
        try:
            result = revisions.article_revision_restore(revision=revision, user=request.user)
        except ValidationError as error:
            # A body the rules of today refuse (they may have changed since it was saved).
            for message in error.messages:
                model_admin.message_user(request, message, messages.ERROR)
            return model_admin._back_to_list(request, article, _("Chưa khôi phục phiên bản."))
        model_admin.message_user(
            request,
            _("Đã khôi phục phiên bản %(old)d, lưu thành phiên bản mới %(new)d.")
            % {"old": revision.number, "new": result.revision.number},
            messages.SUCCESS,
        )
        if result.photos_missing:
            model_admin.message_user(
                request,
                ngettext(
                    "%(count)d ảnh của phiên bản đó đã bị xóa nên không khôi phục được.",
                    "%(count)d ảnh của phiên bản đó đã bị xóa nên không khôi phục được.",
                    result.photos_missing,
                )
                % {"count": result.photos_missing},
                messages.WARNING,
            )
        if result.authors_missing:
            model_admin.message_user(
                request,
                ngettext(
                    "%(count)d tác giả của phiên bản đó đã bị xóa nên không khôi phục được.",
                    "%(count)d tác giả của phiên bản đó đã bị xóa nên không khôi phục được.",
                    result.authors_missing,
                )
                % {"count": result.authors_missing},
                messages.WARNING,
            )
        opts = model_admin.opts
        return HttpResponseRedirect(
            reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[article.pk])
        )
    context = model_admin._revision_context(request, article, _("Khôi phục phiên bản"))
    context["revision"] = revision
    return TemplateResponse(request, "admin/articles/article/revision_restore.html", context)
