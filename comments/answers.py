"""The newsroom's answers to readers' comments ("Ban biên tập trả lời")."""

from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from comments.models import Comment, CommentAnswer
from core.text import normalize_text

ANSWER_PERMISSION = "comments.add_commentanswer"


def may_answer(user: User | AnonymousUser) -> bool:
    """Whether ``user`` may answer comments in the newsroom's name.

    Moderators may; editors too where an administrator also lets them read
    comments (nobody answers a comment they cannot see).
    """
    reads_comments = user.has_perm("comments.view_comment") or user.has_perm(
        "comments.change_comment"
    )
    return user.is_active and reads_comments and user.has_perm(ANSWER_PERMISSION)


@transaction.atomic
def comment_answer_create(
    *, comment: Comment, body: str, user: User | AnonymousUser
) -> CommentAnswer:
    """Answer ``comment`` in the newsroom's name.

    The answer shows under the comment on the article page once the comment
    is approved (and at once on the reader's private status page). Raises
    ``PermissionDenied`` for users who may not answer and ``ValidationError``
    (code ``required`` or ``max_length``) for an empty or too long text.
    """
    if not may_answer(user):
        raise PermissionDenied(_("Bạn không có quyền trả lời bình luận."))
    text = normalize_text(body).replace("\r\n", "\n").strip()
    if not text:
        raise ValidationError(_("Vui lòng nhập nội dung trả lời."), code="required")
    limit = CommentAnswer._meta.get_field("body").max_length or 0
    if limit and len(text) > limit:
        raise ValidationError(
            _("Câu trả lời dài tối đa %(limit)d ký tự (đang có %(count)d).")
            % {"limit": limit, "count": len(text)},
            code="max_length",
        )
    if not isinstance(user, User):  # may_answer refused the anonymous already
        raise PermissionDenied(_("Bạn không có quyền trả lời bình luận."))
    return CommentAnswer.objects.create(comment=comment, body=text, answered_by=user)


@transaction.atomic
def comment_answer_delete(*, answer: CommentAnswer, user: User | AnonymousUser) -> None:
    """Withdraw an answer (moderators: ``comments.delete_commentanswer``)."""
    if not user.has_perm("comments.delete_commentanswer"):
        raise PermissionDenied(_("Bạn không có quyền xóa câu trả lời."))
    answer.delete()
