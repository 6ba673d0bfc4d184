"""Readers reporting a comment ("Báo vi phạm"), without an account.

Each report is a ``CommentDecision`` of kind ``report``. One per address and
comment (a database constraint, so two clicks at once make one), a few per
address an hour (counted in the cache, like the captcha quota), and after
``COMMENTS_REPORTS_TO_HIDE`` reports no moderator has answered yet, the
comment goes back to the moderation queue: hidden, never deleted.
"""

import hashlib
import hmac
import logging
from datetime import datetime

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from comments.models import Comment, CommentDecision
from comments.services import _lock_articles, approved_counts_refresh, count_in_window

logger = logging.getLogger("comments")


class ReportNotAccepted(Exception):
    """The report was not taken; ``message`` tells the reader why, in Vietnamese.

    ``code``: ``not_found`` (no such comment shown), ``already`` (this reader
    reported it before), ``rate`` (too many reports from this address).
    """

    def __init__(self, message: str, *, code: str) -> None:
        super().__init__(message)
        self.message = message
        self.code = code


def reporter_key(ip_address: str | None) -> str:
    """A keyed hash of the address: one report per address, without storing the address."""
    return hmac.new(
        settings.SECRET_KEY.encode(), f"report:{ip_address or ''}".encode(), hashlib.sha256
    ).hexdigest()[:32]


def comment_report(
    *,
    comment_id: int,
    report_reason: str,
    ip_address: str | None,
    already_reported: bool = False,
    now: datetime | None = None,
) -> CommentDecision:
    """Take a reader's report on an approved comment; hide the comment after enough of them.

    ``already_reported`` is the reader's own word for it (the cookie the view
    keeps). Raises ``ReportNotAccepted`` with the reason to show.
    """
    if report_reason not in CommentDecision.ReportReason.values:
        raise ValueError(f"Unknown report reason {report_reason!r}.")
    if already_reported:
        raise ReportNotAccepted(_already_message(), code="already")
    _take_quota(ip_address=ip_address)
    try:
        report = _report_store(
            comment_id=comment_id,
            report_reason=report_reason,
            key=reporter_key(ip_address),
            now=now or timezone.now(),
        )
    except IntegrityError:
        # The same address reporting twice at the same moment: the constraint kept one.
        raise ReportNotAccepted(_already_message(), code="already") from None
    logger.info(
        "comment reported",
        extra={
            "event": "comment_reported",
            "comment_id": comment_id,
            "hidden": report.to_status != report.from_status,
        },
    )
    return report


@transaction.atomic
def _report_store(
    *, comment_id: int, report_reason: str, key: str, now: datetime
) -> CommentDecision:
    article_id = Comment.objects.filter(pk=comment_id).values_list("article_id", flat=True).first()
    # The article first, as every moderation service locks it: the hide below
    # changes its approved count, and a moderator deciding at the same time waits.
    if article_id is None or not _lock_articles(article_ids=[article_id]):
        raise ReportNotAccepted(_gone_message(), code="not_found")
    comment = (
        Comment.objects.select_for_update()
        .filter(pk=comment_id, status=Comment.Status.APPROVED)
        .only("pk", "status", "moderated_at", "article_id")
        .first()
    )
    if comment is None:
        raise ReportNotAccepted(_gone_message(), code="not_found")
    if CommentDecision.objects.filter(
        comment=comment, kind=CommentDecision.Kind.REPORT, reporter_key=key
    ).exists():
        raise ReportNotAccepted(_already_message(), code="already")
    open_reports = CommentDecision.objects.open_reports().filter(comment=comment).count() + 1
    hide = open_reports >= settings.COMMENTS_REPORTS_TO_HIDE
    report = CommentDecision(
        comment=comment,
        kind=CommentDecision.Kind.REPORT,
        from_status=comment.status,
        to_status=Comment.Status.PENDING if hide else comment.status,
        report_reason=report_reason,
        reason=str(CommentDecision.ReportReason(report_reason).label),
        reporter_key=key,
        created_at=now,
    )
    with transaction.atomic():  # a savepoint: a clash leaves the outer transaction usable
        report.save()
    if hide:
        reason = ngettext(
            "Bị bạn đọc báo vi phạm %(count)d lần, chờ kiểm duyệt lại",
            "Bị bạn đọc báo vi phạm %(count)d lần, chờ kiểm duyệt lại",
            open_reports,
        ) % {"count": open_reports}
        # Through the queryset, so the page cache hears of it at once (core/querysets.py).
        Comment.objects.filter(pk=comment.pk).update(
            status=Comment.Status.PENDING,
            moderation_reason=reason[: Comment._meta.get_field("moderation_reason").max_length],
        )
        approved_counts_refresh(article_ids=[comment.article_id])
    return report


def _take_quota(*, ip_address: str | None) -> None:
    limit = settings.COMMENTS_REPORTS_PER_HOUR
    if not limit:
        return
    sent = count_in_window(key=f"comments:reports:{ip_address or 'unknown'}", seconds=60 * 60)
    if sent > limit:
        raise ReportNotAccepted(
            ngettext(
                "Mỗi giờ chỉ gửi được %(count)d báo cáo vi phạm. Vui lòng thử lại sau.",
                "Mỗi giờ chỉ gửi được %(count)d báo cáo vi phạm. Vui lòng thử lại sau.",
                limit,
            )
            % {"count": limit},
            code="rate",
        )


def _already_message() -> str:
    return _("Bạn đã báo vi phạm bình luận này rồi. Cảm ơn bạn, kiểm duyệt viên sẽ xem xét.")


def _gone_message() -> str:
    return _("Bình luận này không còn hiển thị hoặc đang được kiểm duyệt viên xem lại.")
