"""The reader's private status link: what became of their comment, without an account.

After posting, the reader gets a link with a random token
(``secrets.token_urlsafe``, 256 bits). Only its SHA-256 is stored, under a
unique index: the database never holds a usable link, a lookup by hash does
not compare the token character by character (no timing to learn from), and
the token says nothing about the comment's id, so links cannot be enumerated.
The page shows the comment, its state in words meant for the reader and the
newsroom's answers; never the name, phone, address or the internal reason.
"""

import hashlib
import re
import secrets
from dataclasses import dataclass

from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from comments.models import Comment, CommentAnswer

_TOKEN = re.compile(r"[A-Za-z0-9_-]{43}")


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("ascii")).hexdigest()


@transaction.atomic
def comment_status_link_issue(*, comment: Comment) -> str:
    """Give ``comment`` a new private status link and return its address.

    A new token replaces the old one, so after a double submit only the link
    of the last confirmation works. Written through the base manager, without
    the page cache's signals: the token is on no public page.
    """
    token = secrets.token_urlsafe(32)
    Comment._base_manager.filter(pk=comment.pk).update(status_token_hash=_token_hash(token))
    return reverse("comments:status", args=[token])


def comment_for_status(*, token: str) -> Comment | None:
    """The comment whose status link carries ``token``, or ``None`` (malformed or unknown)."""
    if not _TOKEN.fullmatch(token):
        return None
    return (
        Comment.objects.select_related("article__section")
        .only(
            "title",
            "body",
            "status",
            "created_at",
            "public_reason",
            "moderated_by",
            "article__title",
            "article__slug",
            "article__status",
            "article__published_at",
            "article__section__slug",
        )
        .filter(status_token_hash=_token_hash(token))
        .first()
    )


@dataclass(frozen=True)
class ReaderStatus:
    """A comment's state as its sender is told it."""

    label: str
    explanation: str
    published: bool
    answers: list[CommentAnswer]


def status_for_reader(comment: Comment) -> ReaderStatus:
    """The state of ``comment`` in words for its sender.

    Spam and rejection read the same ("không được đăng"): telling a sender that
    a rule took them for a bot teaches the bot. The moderator's public reason
    is shown when there is one, else a sentence that reveals no rule.
    """
    answers = list(comment.answers.only("body", "created_at", "comment_id"))
    if comment.status == Comment.Status.APPROVED:
        return ReaderStatus(
            _("Đã đăng"), _("Bình luận của bạn đã hiển thị dưới bài viết."), True, answers
        )
    # Spam found by a rule (the hidden field, too many links) looks pending to the
    # sender, as the confirmation did; a moderator's decision is told.
    rule_spam = comment.status == Comment.Status.SPAM and comment.moderated_by_id is None
    if comment.status == Comment.Status.PENDING or rule_spam:
        return ReaderStatus(
            _("Chờ duyệt"),
            _("Bình luận đang chờ ban biên tập kiểm duyệt. Hãy quay lại trang này sau."),
            False,
            answers,
        )
    return ReaderStatus(
        _("Không được đăng"),
        comment.public_reason
        or _("Bình luận không phù hợp với quy định về bình luận của ban biên tập."),
        False,
        answers,
    )
