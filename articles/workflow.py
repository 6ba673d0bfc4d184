"""The editorial workflow: who may move an article from which state to which.

::

    Bản nháp ─gửi biên tập→ Chờ biên tập ─gửi duyệt→ Chờ duyệt ─duyệt→ Đã xuất bản ─gỡ→ Đã gỡ
        ↑                        │                       │      (hẹn giờ if the time is ahead)
        └── gửi lại ── Trả lại ←─┴────── trả lại ────────┘

Every move is a service below. Each one locks the article, checks the user's
right on the server (the admin's buttons only mirror ``transitions_allowed``),
and records an ``ArticleTransition`` that is never changed afterwards. Readers
see only ``Article.objects.published()``, so no state here but "published"
(with its time come) ever reaches a page.

Who may do what, by permission (the groups of ``articles/roles.py`` bundle them):

* the article's creator with ``change_article`` (a reporter): edit and submit
  their own article while it is a draft or returned;
* ``review_article`` (editors): edit any article not yet published, return it
  from "Chờ biên tập", send it for approval;
* ``approve_article`` (the editor-in-chief): edit any article, return it from
  either waiting state, publish now or at a time, withdraw a published one.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, TypeIs

from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.db.models import OuterRef, Q, QuerySet, Subquery
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from articles import revisions, services
from articles.models import Article, ArticleTransition
from articles.roles import APPROVE_PERMISSION, REVIEW_PERMISSION
from core.text import normalize_text

if TYPE_CHECKING:
    from django_stubs_ext import StrPromise

Status = Article.Status


class Transition(models.TextChoices):
    SUBMIT = "submit", gettext_lazy("Gửi biên tập")
    RETURN = "return", gettext_lazy("Trả lại phóng viên")
    SEND_FOR_APPROVAL = "send_for_approval", gettext_lazy("Gửi duyệt")
    APPROVE = "approve", gettext_lazy("Duyệt và xuất bản")
    WITHDRAW = "withdraw", gettext_lazy("Gỡ bài")


SOURCES: dict[str, frozenset[str]] = {
    Transition.SUBMIT: frozenset({Status.DRAFT, Status.RETURNED}),
    Transition.RETURN: frozenset({Status.SUBMITTED, Status.AWAITING_APPROVAL}),
    Transition.SEND_FOR_APPROVAL: frozenset({Status.SUBMITTED}),
    # A withdrawn article may be published again; a scheduled one (published,
    # time still ahead) may be moved to another time. See _state_allows.
    Transition.APPROVE: frozenset({Status.AWAITING_APPROVAL, Status.WITHDRAWN, Status.PUBLISHED}),
    Transition.WITHDRAW: frozenset({Status.PUBLISHED}),
}
TARGETS: dict[str, str] = {
    Transition.SUBMIT: Status.SUBMITTED,
    Transition.RETURN: Status.RETURNED,
    Transition.SEND_FOR_APPROVAL: Status.AWAITING_APPROVAL,
    Transition.APPROVE: Status.PUBLISHED,
    Transition.WITHDRAW: Status.WITHDRAWN,
}
NOTE_REQUIRED = frozenset({Transition.RETURN, Transition.WITHDRAW})
NOTE_MAX_LENGTH = ArticleTransition.NOTE_MAX_LENGTH

# Why a transition was refused to someone who lacks the right, said once per transition.
WHO_MAY: dict[str, "StrPromise"] = {
    Transition.SUBMIT: gettext_lazy(
        "Chỉ người viết bài (khi bài là bản nháp hoặc bị trả lại), biên tập viên "
        "hoặc tổng biên tập được gửi bài đi biên tập."
    ),
    Transition.RETURN: gettext_lazy(
        "Bài chờ biên tập do biên tập viên trả lại; bài chờ duyệt do tổng biên tập trả lại."
    ),
    Transition.SEND_FOR_APPROVAL: gettext_lazy("Chỉ biên tập viên được gửi bài lên duyệt."),
    Transition.APPROVE: gettext_lazy("Chỉ tổng biên tập được duyệt và xuất bản bài."),
    Transition.WITHDRAW: gettext_lazy("Chỉ tổng biên tập được gỡ bài đã xuất bản."),
}


# --- Rights -----------------------------------------------------------------------


def _is_staff_member(user: User | AnonymousUser | None) -> TypeIs[User]:
    # Anonymous users are never authenticated: the isinstance only tells the type checker.
    return isinstance(user, User) and user.is_authenticated and user.is_active


def _is_own_work(user: User | AnonymousUser, article: Article) -> bool:
    return article.created_by_id is not None and article.created_by_id == user.pk


def user_may_edit(*, user: User | AnonymousUser, article: Article) -> bool:
    """Whether ``user`` may change ``article``'s text, photos and bylines in its current state."""
    if not _is_staff_member(user) or not user.has_perm("articles.change_article"):
        return False
    if user.has_perm(APPROVE_PERMISSION):
        return True
    if article.status in (Status.PUBLISHED, Status.WITHDRAWN):
        return False
    if user.has_perm(REVIEW_PERMISSION):
        return True
    return _is_own_work(user, article) and article.status in (Status.DRAFT, Status.RETURNED)


def user_may_view(*, user: User | AnonymousUser, article: Article) -> bool:
    """Whether ``user`` may open ``article`` in the admin or its preview.

    Editors and the editor-in-chief see everything; a reporter sees their own
    articles and what readers see, never a colleague's unpublished work.
    """
    if not _is_staff_member(user) or not user.has_perm("articles.view_article"):
        return False
    if user.has_perm(REVIEW_PERMISSION) or user.has_perm(APPROVE_PERMISSION):
        return True
    return _is_own_work(user, article) or article.is_visible_to_readers


def articles_viewable_by(
    *, user: User | AnonymousUser, queryset: QuerySet[Article]
) -> QuerySet[Article]:
    """``queryset`` narrowed to what ``user_may_view`` allows, as one filter."""
    if not _is_staff_member(user) or not user.has_perm("articles.view_article"):
        return queryset.none()
    if user.has_perm(REVIEW_PERMISSION) or user.has_perm(APPROVE_PERMISSION):
        return queryset
    return queryset.filter(
        Q(created_by=user) | Q(status=Status.PUBLISHED, published_at__lte=timezone.now())
    )


def _state_allows(transition: str, article: Article) -> bool:
    if article.status not in SOURCES[transition]:
        return False
    if transition == Transition.APPROVE and article.status == Status.PUBLISHED:
        return article.is_scheduled  # a live article is published already
    return True


def _role_allows(transition: str, *, user: User | AnonymousUser, article: Article) -> bool:
    if not _is_staff_member(user):
        return False
    match transition:
        case Transition.SUBMIT:
            return user_may_edit(user=user, article=article)
        case Transition.RETURN:
            needed = REVIEW_PERMISSION if article.status == Status.SUBMITTED else APPROVE_PERMISSION
            return user.has_perm(needed) or user.has_perm(APPROVE_PERMISSION)
        case Transition.SEND_FOR_APPROVAL:
            return user.has_perm(REVIEW_PERMISSION) or user.has_perm(APPROVE_PERMISSION)
        case Transition.APPROVE | Transition.WITHDRAW:
            return user.has_perm(APPROVE_PERMISSION)
    return False


def transitions_allowed(*, user: User | AnonymousUser, article: Article) -> list[str]:
    """The transitions ``user`` may make on ``article`` now, in the workflow's order."""
    return [
        transition
        for transition in Transition.values
        if _state_allows(transition, article)
        and _role_allows(transition, user=user, article=article)
    ]


def transition_check(*, user: User | AnonymousUser, article: Article, transition: str) -> None:
    """Raise ``ValidationError`` or ``PermissionDenied`` (Vietnamese) unless the move is allowed."""
    if transition not in Transition.values:
        raise ValidationError(_("Thao tác không hợp lệ."), code="unknown_transition")
    if not _state_allows(transition, article):
        if transition == Transition.APPROVE and article.is_visible_to_readers:
            message = _("Bài “%(title)s” đã xuất bản rồi.")
        else:
            message = _("Không thể “%(action)s” bài “%(title)s” khi bài đang “%(status)s”.")
        raise ValidationError(
            message,
            code="wrong_state",
            params={
                "action": Transition(transition).label,
                "title": article.title,
                "status": article.get_status_display(),
            },
        )
    if not _role_allows(transition, user=user, article=article):
        raise PermissionDenied(
            _("Bạn không có quyền “%(action)s” bài này. %(who)s")
            % {"action": Transition(transition).label, "who": WHO_MAY[transition]}
        )


# --- Services ---------------------------------------------------------------------


@transaction.atomic
def article_transition(
    *,
    article: Article,
    user: User | AnonymousUser,
    transition: str,
    note: str = "",
    publish_at: datetime | None = None,
) -> Article:
    """Move ``article`` by ``transition`` for ``user``, record the step, tell the next role.

    The row is locked and read again first, so two people acting on the same
    article at once cannot both succeed from the same state. ``article`` is
    updated in place. ``publish_at`` (approval only) defaults to now; a time
    ahead schedules the article. Raises ``ValidationError`` or ``PermissionDenied``.
    """
    current = Article.objects.select_for_update(of=("self",)).filter(pk=article.pk).first()
    if current is None:
        raise ValidationError(_("Bài viết không còn nữa."), code="missing")
    transition_check(user=user, article=current, transition=transition)
    if not _is_staff_member(user):
        raise PermissionDenied  # refused by transition_check already; narrows the type
    note = normalize_text(note or "").strip()
    if transition in NOTE_REQUIRED and not note:
        raise ValidationError(
            _("Hãy ghi lý do trả lại, để phóng viên biết cần sửa gì.")
            if transition == Transition.RETURN
            else _("Hãy ghi lý do gỡ bài."),
            code="note_required",
        )
    if len(note) > NOTE_MAX_LENGTH:
        raise ValidationError(
            _("Ghi chú dài quá %(limit)d ký tự."),
            code="note_too_long",
            params={"limit": NOTE_MAX_LENGTH},
        )
    if publish_at is not None and transition != Transition.APPROVE:
        raise ValidationError(_("Chỉ khi duyệt mới chọn thời gian đăng."), code="time_not_here")

    from_status = current.status
    current.status = TARGETS[transition]
    if transition == Transition.APPROVE:
        current.published_at = publish_at or timezone.now()
        # An article whose expiry has come would leave the pages at once (and
        # the database refuses an expiry before the publication time): the
        # editor moves the expiry first.
        services.article_expiry_clean(
            published_at=current.published_at, expires_at=current.expires_at
        )
    current.updated_by = user
    # A form opened before this move must not save over it (optimistic locking).
    current.version += 1
    current.save(update_fields=["status", "published_at", "updated_by", "updated_at", "version"])
    step = ArticleTransition.objects.create(
        article=current, from_status=from_status, to_status=current.status, user=user, note=note
    )
    # The revision history shows every step too: a publication, a withdrawal.
    revisions.revision_for_save(article=current, user=user)
    for field in ("status", "published_at", "updated_by", "updated_at", "version"):
        setattr(article, field, getattr(current, field))
    _notify_next_role(step)
    return current


def _notify_next_role(step: ArticleTransition) -> None:
    from articles.tasks import notify_workflow_queue

    if step.to_status in (Status.SUBMITTED, Status.AWAITING_APPROVAL, Status.RETURNED):
        step_id = step.pk
        # After commit, so the task finds the row; through the Tasks framework,
        # so with a queue backend nobody waits for the mail server.
        transaction.on_commit(lambda: notify_workflow_queue.enqueue(step_id))


@transaction.atomic
def article_submit(*, article: Article, user: User | AnonymousUser, note: str = "") -> Article:
    """A draft or returned article goes to the editors ("Chờ biên tập")."""
    return article_transition(article=article, user=user, transition=Transition.SUBMIT, note=note)


@transaction.atomic
def article_return(*, article: Article, user: User | AnonymousUser, note: str) -> Article:
    """A waiting article goes back to its reporter ("Trả lại"), with what to fix."""
    return article_transition(article=article, user=user, transition=Transition.RETURN, note=note)


@transaction.atomic
def article_send_for_approval(
    *, article: Article, user: User | AnonymousUser, note: str = ""
) -> Article:
    """An edited article goes to the editor-in-chief ("Chờ duyệt")."""
    return article_transition(
        article=article, user=user, transition=Transition.SEND_FOR_APPROVAL, note=note
    )


@transaction.atomic
def article_approve(
    *,
    article: Article,
    user: User | AnonymousUser,
    publish_at: datetime | None = None,
    note: str = "",
) -> Article:
    """Publish ``article`` at ``publish_at`` (now when None; later schedules it)."""
    return article_transition(
        article=article, user=user, transition=Transition.APPROVE, note=note, publish_at=publish_at
    )


@transaction.atomic
def article_withdraw(*, article: Article, user: User | AnonymousUser, reason: str) -> Article:
    """Take a published article off the site ("Đã gỡ"), saying why."""
    return article_transition(
        article=article, user=user, transition=Transition.WITHDRAW, note=reason
    )


def articles_transition(
    *, articles: Iterable[Article], user: User | AnonymousUser, transition: str, note: str = ""
) -> tuple[int, list[str]]:
    """Apply ``transition`` to each article on its own, for bulk actions.

    Returns how many moved and, for each refused one, why (one Vietnamese line
    with its title): one refusal does not undo the others.
    """
    moved, refusals = 0, []
    for article in articles:
        try:
            article_transition(article=article, user=user, transition=transition, note=note)
        except ValidationError as error:
            refusals.append(f"“{article.title}”: {' '.join(error.messages)}")
        except PermissionDenied as error:
            refusals.append(f"“{article.title}”: {error}")
        else:
            moved += 1
    return moved, refusals


def article_history(*, article: Article) -> list[ArticleTransition]:
    """The article's steps through the workflow, oldest first, with who made them."""
    return list(
        ArticleTransition.objects.filter(article=article)
        .select_related("user")
        .order_by("created_at", "id")
    )


# --- Queues: what waits for whom ---------------------------------------------------


@dataclass(frozen=True)
class WorkQueue:
    """One line of "Việc của tôi": what waits, how many, and the newest few."""

    title: str
    count: int
    url: str
    articles: list[Article]


WORK_QUEUE_SIZE = 5


def work_queues(*, user: User | AnonymousUser) -> list[WorkQueue]:
    """The queues ``user``'s role is responsible for, in workflow order.

    A reporter's returned articles come with the note of their last return
    (``article.return_note``, ``article.returned_by``), which is what they must fix.
    """
    if not _is_staff_member(user):
        return []
    changelist = reverse("admin:articles_article_changelist")
    queues = []
    if user.has_perm("articles.add_article"):
        own = Article.objects.filter(created_by=user)
        last_return = ArticleTransition.objects.filter(
            article=OuterRef("pk"), to_status=Status.RETURNED
        ).order_by("-created_at", "-id")
        returned = own.filter(status=Status.RETURNED).annotate(
            return_note=Subquery(last_return.values("note")[:1]),
            returned_by=Subquery(last_return.values("user__username")[:1]),
        )
        queues.append(
            _queue(
                _("Bài bị trả lại, cần sửa"),
                returned,
                f"{changelist}?visibility=returned&mine=1",
            )
        )
        queues.append(
            _queue(
                _("Bản nháp của tôi"),
                own.filter(status=Status.DRAFT),
                f"{changelist}?visibility=draft&mine=1",
            )
        )
    if user.has_perm(REVIEW_PERMISSION):
        submitted = Article.objects.filter(status=Status.SUBMITTED)
        queues.append(_queue(_("Chờ biên tập"), submitted, f"{changelist}?visibility=submitted"))
    if user.has_perm(APPROVE_PERMISSION):
        waiting = Article.objects.filter(status=Status.AWAITING_APPROVAL)
        queues.append(_queue(_("Chờ duyệt"), waiting, f"{changelist}?visibility=awaiting_approval"))
    return queues


def _queue(title: str, queryset: QuerySet[Article], url: str) -> WorkQueue:
    # Oldest first: what has waited longest is handled first.
    articles = list(queryset.order_by("updated_at", "id")[:WORK_QUEUE_SIZE])
    count = len(articles) if len(articles) < WORK_QUEUE_SIZE else queryset.count()
    return WorkQueue(title=title, count=count, url=url, articles=articles)
