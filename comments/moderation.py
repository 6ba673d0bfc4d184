"""The moderators' desk: one decision at a time, and what a moderator reads to make it."""

from typing import TYPE_CHECKING

from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import PermissionDenied
from django.core.paginator import Page, Paginator
from django.db import transaction
from django.db.models import CharField, Count, OuterRef, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from articles.models import Article
from comments.models import Comment, CommentDecision
from comments.services import comments_moderate

if TYPE_CHECKING:
    from django_stubs_ext import StrPromise

# The decisions offered on each comment, with their button labels and messages.
DECISIONS: dict[str, tuple["StrPromise", "StrPromise"]] = {
    Comment.Status.APPROVED: (
        gettext_lazy("Duyệt"),
        gettext_lazy("Đã duyệt bình luận “%(title)s”."),
    ),
    Comment.Status.REJECTED: (
        gettext_lazy("Từ chối"),
        gettext_lazy("Đã từ chối bình luận “%(title)s”."),
    ),
    Comment.Status.SPAM: (
        gettext_lazy("Spam"),
        gettext_lazy("Đã đánh dấu spam bình luận “%(title)s”."),
    ),
}

ARTICLE_COMMENTS_PER_PAGE = 100


@transaction.atomic
def comment_decide(
    *, comment: Comment, status: str, user: User | AnonymousUser, reason: str = ""
) -> bool:
    """One moderator's decision on one comment (the desk's buttons). True when it changed.

    The same service as the bulk actions, so the history, the approved count
    and the page cache follow in the same way.
    """
    if not isinstance(user, User) or not user.has_perm("comments.change_comment"):
        raise PermissionDenied(_("Bạn không có quyền kiểm duyệt bình luận."))
    if status not in DECISIONS:
        raise ValueError(f"Not a moderator's decision: {status!r}.")
    return bool(comments_moderate(comments=[comment], status=status, user=user, reason=reason))


def with_desk_annotations(comments: QuerySet) -> QuerySet:
    """Add ``rule_reason`` (the latest rule verdict's reason) and ``open_reports`` to each row.

    Subqueries on the page's rows (index ``decision_comment_idx``), so a page of the
    list costs the same number of queries however many decisions there are.
    """
    latest_rule = (
        CommentDecision.objects.filter(comment=OuterRef("pk"), kind=CommentDecision.Kind.RULE)
        .order_by("-created_at", "-id")
        .values("reason")[:1]
    )
    open_reports = (
        CommentDecision.objects.open_reports()
        .filter(comment=OuterRef("pk"))
        .order_by()
        .values("comment")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return comments.annotate(
        rule_reason=Coalesce(Subquery(latest_rule), Value(""), output_field=CharField()),
        open_reports=Coalesce(Subquery(open_reports), 0),
    )


def reported_comments(comments: QuerySet) -> QuerySet:
    """The "Bị báo cáo" queue: comments with reports no moderator has answered yet."""
    return comments.filter(pk__in=CommentDecision.objects.open_reports().values("comment_id"))


def comment_history(comment: Comment) -> list[CommentDecision]:
    """Every decision on ``comment``, oldest first."""
    return list(comment.decisions.select_related("user").order_by("created_at", "id"))


def article_comments_page(
    *, article: Article, highlight: int | None = None, page: str | int | None = None
) -> Page:
    """All of an article's comments, every status, in the order they were sent.

    Opens at the page that holds ``highlight`` unless a page is asked for.
    """
    comments = (
        Comment.objects.filter(article=article)
        .select_related("moderated_by")
        .order_by("created_at", "id")
    )
    paginator = Paginator(comments, ARTICLE_COMMENTS_PER_PAGE)
    if page is None and highlight is not None:
        target = Comment.objects.filter(article=article, pk=highlight).first()
        if target is not None:
            before = (
                Comment.objects.filter(article=article, created_at__lt=target.created_at).count()
                + Comment.objects.filter(
                    article=article, created_at=target.created_at, pk__lt=target.pk
                ).count()
            )
            page = before // ARTICLE_COMMENTS_PER_PAGE + 1
    return paginator.get_page(page)
