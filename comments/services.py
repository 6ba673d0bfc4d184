"""Writes to comments: what a reader sends, what a moderator decides, what is erased.

The reader's form, the admin, the management command and the tests all go
through these functions, so each anti-abuse rule holds whoever writes.
"""

import logging
import math
import os
import re
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from captcha.helpers import captcha_audio_url, captcha_image_url
from captcha.models import CaptchaStore
from django.conf import settings
from django.contrib.auth.models import User
from django.core.cache import cache
from django.db import transaction
from django.db.models import Count, IntegerField, Max, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from articles.models import Article
from comments import selectors
from comments.blocks import sender_block_verdict
from comments.models import BlockedTerm, Comment, CommentDecision
from comments.terms import matcher_for

# What counts as a link: a scheme, a "www." prefix, or a bare domain with a
# top-level domain spammers use ("ban-thuoc.vn/abc"). Short ones such as .co
# and .me are left out: readers typing without accents or spaces after a full
# stop ("di lam.co ai") would trip them.
_LINK = re.compile(
    r"(?:https?://|www\.)\S+|\b[\w-]+\.(?:com|net|org|info|biz|vn|xyz|top|ru|cn)\b(?:/\S*)?",
    re.IGNORECASE,
)


logger = logging.getLogger("comments")


class CommentNotAccepted(Exception):
    """The reader's comment was not taken; ``message`` tells the reader why, in Vietnamese.

    ``code`` lets the view choose how to answer: ``closed`` (the article takes
    no comments), ``flood`` (too many too fast), ``duplicate`` (the same text
    already sent elsewhere) or ``blocked`` (a word moderators refuse; the
    comment is kept as rejected for the record).
    """

    def __init__(self, message: str, *, code: str) -> None:
        super().__init__(message)
        self.message = message
        self.code = code


@dataclass(frozen=True)
class _Verdict:
    status: str
    reason: str = ""
    refusal: str = ""  # told to the reader; the comment is stored but not accepted


def comment_submit(
    *,
    article: Article,
    name: str,
    title: str,
    body: str,
    phone: str = "",
    ip_address: str | None = None,
    user_agent: str = "",
    honeypot: str = "",
    now: datetime | None = None,
) -> Comment:
    """Take a reader's comment: check the rules, store it, tell the moderators.

    Returns the stored comment (normally pending). An identical comment sent
    again from the same address to the same article within the duplicate
    window returns the first one and stores nothing, so a double click or a
    resent form creates one comment.

    Raises ``CommentNotAccepted`` when the reader has to do something: the
    article is closed, they are sending too fast, or the text holds a word
    that moderators reject. In the last case the comment is stored first, as
    rejected with the matched word, so moderators can see what was refused;
    that is why the raise happens after the transaction has committed.
    """
    try:
        comment, refusal = _comment_store(
            article=article,
            name=name,
            title=title,
            body=body,
            phone=phone,
            ip_address=ip_address,
            user_agent=user_agent,
            honeypot=honeypot,
            now=now or timezone.now(),
        )
    except CommentNotAccepted as refused:
        logger.info(
            "comment refused",
            extra={"event": "comment_refused", "article_id": article.pk, "reason": refused.code},
        )
        raise
    # Ids, status and the rule that decided: never the reader's name, text or phone.
    logger.info(
        "comment stored",
        extra={
            "event": "comment_stored",
            "comment_id": comment.pk,
            "article_id": article.pk,
            "status": comment.status,
            "reason": comment.moderation_reason,
        },
    )
    if refusal:
        raise CommentNotAccepted(refusal, code="blocked")
    return comment


@transaction.atomic
def _comment_store(
    *,
    article: Article,
    name: str,
    title: str,
    body: str,
    phone: str,
    ip_address: str | None,
    user_agent: str,
    honeypot: str,
    now: datetime,
) -> tuple[Comment, str]:
    if not selectors.comments_are_open(article, now=now):
        raise CommentNotAccepted(_("Bài viết này đã đóng bình luận."), code="closed")

    if ip_address:
        duplicates = selectors.recent_duplicates(ip_address=ip_address, body=body, now=now)
        same_article = next((c for c in duplicates if c.article_id == article.pk), None)
        if same_article is not None:
            return same_article, ""
        if duplicates:
            raise CommentNotAccepted(
                _(
                    "Bạn vừa gửi đúng nội dung này ở một bài viết khác, "
                    "nên bình luận không được nhận."
                ),
                code="duplicate",
            )
        _check_flood(ip_address=ip_address, now=now)

    verdict = _judge(
        name=name, title=title, body=body, honeypot=honeypot, phone=phone, ip_address=ip_address
    )
    comment = Comment.objects.create(
        article=article,
        name=name,
        phone=phone,
        title=title,
        body=body,
        status=verdict.status,
        ip_address=ip_address or None,
        user_agent=user_agent[: Comment._meta.get_field("user_agent").max_length],
        # Rules decide spam and rejection on the spot; only people decide approval.
        moderated_at=None if verdict.status == Comment.Status.PENDING else now,
        moderation_reason=verdict.reason,
    )
    if verdict.reason:
        # The rule's verdict, kept in the history whatever moderators decide later.
        CommentDecision.objects.create(
            comment=comment,
            kind=CommentDecision.Kind.RULE,
            to_status=verdict.status,
            reason=verdict.reason,
            created_at=now,
        )
    if comment.status == Comment.Status.PENDING and settings.COMMENTS_NOTIFY_MODERATORS:
        from comments.tasks import notify_moderators

        comment_id = comment.pk
        # After commit, so the task finds the row; through the Tasks framework,
        # so with a queue backend the reader never waits for the mail server.
        transaction.on_commit(lambda: notify_moderators.enqueue(comment_id))
    return comment, verdict.refusal


def _check_flood(*, ip_address: str, now: datetime) -> None:
    """Refuse a comment that comes too soon after the last one, or one too many this hour."""
    interval = settings.COMMENTS_MIN_INTERVAL_SECONDS
    per_hour = settings.COMMENTS_MAX_PER_HOUR
    recent = Comment.objects.filter(
        ip_address=ip_address, created_at__gte=now - timedelta(hours=1)
    ).aggregate(
        count=Count("pk"),
        # A comment refused for a blocked word does not start the clock: the
        # reader is expected to fix the word and send again straight away.
        latest=Max("created_at", filter=~Q(status=Comment.Status.REJECTED)),
    )
    if interval and recent["latest"] is not None:
        remaining = (recent["latest"] + timedelta(seconds=interval) - now).total_seconds()
        if remaining > 0:
            wait = math.ceil(remaining)
            raise CommentNotAccepted(
                ngettext(
                    "Bạn vừa gửi một bình luận. Vui lòng chờ %(seconds)d giây rồi gửi lại; "
                    "nội dung bạn viết vẫn được giữ nguyên.",
                    "Bạn vừa gửi một bình luận. Vui lòng chờ %(seconds)d giây rồi gửi lại; "
                    "nội dung bạn viết vẫn được giữ nguyên.",
                    wait,
                )
                % {"seconds": wait},
                code="flood",
            )
    if per_hour and recent["count"] >= per_hour:
        raise CommentNotAccepted(
            ngettext(
                "Mỗi giờ chỉ gửi được %(count)d bình luận. Vui lòng thử lại sau.",
                "Mỗi giờ chỉ gửi được %(count)d bình luận. Vui lòng thử lại sau.",
                per_hour,
            )
            % {"count": per_hour},
            code="flood",
        )


def _judge(
    *, name: str, title: str, body: str, honeypot: str, phone: str = "", ip_address: str | None
) -> _Verdict:
    """Decide the status a new comment starts with, and why."""
    if honeypot.strip():
        # Only bots fill the hidden field. Kept as spam, not dropped, so a
        # moderator can still rescue a real reader whose browser filled it.
        return _Verdict(Comment.Status.SPAM, _("Điền vào ô ẩn chống spam"))
    blocked_sender = sender_block_verdict(phone=phone, ip_address=ip_address)
    if blocked_sender is not None and blocked_sender.refusal:
        return _Verdict(Comment.Status.REJECTED, blocked_sender.reason, blocked_sender.refusal)
    text = f"{name}\n{title}\n{body}"
    blocked = blocked_term_match(text)
    if blocked is not None and blocked.action == BlockedTerm.Action.REJECT:
        return _Verdict(
            Comment.Status.REJECTED,
            _("Trùng từ bị chặn “%(term)s”") % {"term": blocked.term},
            refusal=_(
                "Bình luận có từ ngữ không được phép (“%(term)s”). "
                "Vui lòng sửa lại rồi gửi; nội dung bạn viết vẫn được giữ nguyên."
            )
            % {"term": blocked.term},
        )
    links = len(_LINK.findall(text))
    if links > settings.COMMENTS_MAX_LINKS:
        return _Verdict(
            Comment.Status.SPAM,
            _("Có %(count)d liên kết, nhiều hơn mức cho phép (%(limit)d)")
            % {"count": links, "limit": settings.COMMENTS_MAX_LINKS},
        )
    if blocked_sender is not None:
        return _Verdict(Comment.Status.PENDING, blocked_sender.reason)
    if blocked is not None:
        return _Verdict(
            Comment.Status.PENDING, _("Trùng từ bị chặn “%(term)s”") % {"term": blocked.term}
        )
    return _Verdict(Comment.Status.PENDING)


def blocked_term_match(text: str) -> BlockedTerm | None:
    """The first blocked term found in ``text``, terms that reject before terms that hold.

    Matched as whole words through accents, case, leetspeak, teencode and
    spaced-out letters (``comments.terms.normalize_for_matching``), so "lừa đảo"
    catches "LUA DAO" and "l.u.a d4o" but "du" does not catch "dung".
    """
    terms = sorted(
        BlockedTerm.objects.only("term", "action"),
        key=lambda t: (t.action != BlockedTerm.Action.REJECT, t.term),
    )
    by_key = {(term.pk, term.action): term for term in terms}
    matcher = matcher_for(tuple((key, term.term) for key, term in by_key.items()))
    found = matcher.first_match(text)
    return by_key.get(found) if isinstance(found, tuple) else None


@transaction.atomic
def comments_moderate(
    *,
    comments: Iterable[Comment],
    status: str,
    user: User,
    reason: str = "",
) -> int:
    """Set the status of ``comments``, recording who decided and when. Returns how many changed.

    Each changed comment gets one ``CommentDecision`` (written in one query);
    ``reason`` is the moderator's own, optional. Approved comments show on the
    article at the next page view: the public list is read straight from the database.
    """
    if status not in Comment.Status.values:
        raise ValueError(f"Unknown comment status {status!r}.")
    pks = _pks_of(comments)
    article_ids = _lock_articles_of(comment_pks=pks)
    now = timezone.now()
    reason = reason.strip()[: CommentDecision._meta.get_field("reason").max_length]
    # Under the article locks: nobody else decides on these comments meanwhile,
    # so the statuses read here are the ones the update replaces.
    before = dict(
        Comment.objects.filter(pk__in=pks).exclude(status=status).values_list("pk", "status")
    )
    changed = Comment.objects.filter(pk__in=before).update(
        status=status,
        moderated_by=user,
        moderated_at=now,
        moderation_reason=_decided_by(user, reason=reason),
    )
    CommentDecision.objects.bulk_create(
        CommentDecision(
            comment_id=pk,
            kind=CommentDecision.Kind.MODERATOR,
            from_status=from_status,
            to_status=status,
            reason=reason,
            user=user,
            created_at=now,
        )
        for pk, from_status in before.items()
    )
    if changed:
        approved_counts_refresh(article_ids=article_ids)
    logger.info(
        "comments moderated",
        extra={
            "event": "comments_moderated",
            "status": status,
            "count": changed,
            "moderator_id": user.pk,
            "comment_ids": ",".join(str(pk) for pk in pks[:200]),
        },
    )
    return changed


@transaction.atomic
def comment_save_by_moderator(
    *, comment: Comment, user: User, changed_fields: Collection[str] = ()
) -> Comment:
    """Save a comment edited in the admin; a new status is recorded like a bulk decision.

    A moderator who changes the status without writing a reason becomes the
    reason, replacing whatever rule had decided before.
    """
    article_ids = _lock_articles(article_ids=[comment.article_id])
    if "status" in changed_fields:
        typed = comment.moderation_reason if "moderation_reason" in changed_fields else ""
        comment.moderated_by = user
        comment.moderated_at = timezone.now()
        if not typed:
            comment.moderation_reason = _decided_by(user)
        from_status = (
            Comment.objects.filter(pk=comment.pk).values_list("status", flat=True).first() or ""
        )
        CommentDecision.objects.create(
            comment=comment,
            kind=CommentDecision.Kind.MODERATOR,
            from_status=from_status,
            to_status=comment.status,
            reason=typed[: CommentDecision._meta.get_field("reason").max_length],
            user=user,
            created_at=comment.moderated_at,
        )
    comment.save()
    approved_counts_refresh(article_ids=article_ids)
    return comment


@transaction.atomic
def comments_delete(*, comments: Iterable[Comment]) -> int:
    """Delete comments for good (the admin's delete). Returns how many were deleted."""
    pks = _pks_of(comments)
    article_ids = _lock_articles_of(comment_pks=pks)
    deleted = Comment.objects.filter(pk__in=pks).delete()[0]
    if deleted:
        approved_counts_refresh(article_ids=article_ids)
    return deleted


def approved_counts_refresh(*, article_ids: Collection[int]) -> None:
    """Recount ``Article.approved_comment_count`` for ``article_ids`` from the comments.

    A recount rather than an increment, so a count can never drift: whatever
    happened before, it is right again after the next decision on that article.
    Callers that change statuses lock the articles first (``_lock_articles``);
    otherwise two moderators deciding on one article at once could each count
    without the other's still uncommitted change.
    """
    if not article_ids:
        return
    # Only the counts that differ are written, so a recount that changes
    # nothing makes no cached page stale.
    Article.objects.filter(pk__in=article_ids).exclude(
        approved_comment_count=_approved_count_of_outer_article()
    ).update(approved_comment_count=_approved_count_of_outer_article())


def approved_counts_refresh_all() -> None:
    """Recount every article (after bulk loading comments, e.g. ``seed_bulk``)."""
    Article.objects.update(approved_comment_count=_approved_count_of_outer_article())


def _approved_count_of_outer_article() -> Coalesce:
    approved = (
        Comment.objects.approved()
        .filter(article_id=OuterRef("pk"))
        .order_by()
        .values("article_id")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return Coalesce(Subquery(approved, output_field=IntegerField()), 0)


def _pks_of(comments: Iterable[Comment]) -> list[int]:
    # The admin passes a queryset: read only the ids, not every selected comment.
    if isinstance(comments, QuerySet):
        return list(comments.values_list("pk", flat=True))
    return [comment.pk for comment in comments]


def _decided_by(user: User, *, reason: str = "") -> str:
    decided = _("Quyết định của %(user)s") % {"user": user.get_username()}
    if reason:
        decided = _("%(decided)s: %(reason)s") % {"decided": decided, "reason": reason}
    return decided[: Comment._meta.get_field("moderation_reason").max_length]


def _lock_articles_of(*, comment_pks: Collection[int]) -> list[int]:
    """Lock the articles of these comments until the transaction ends; returns their ids."""
    return _lock_articles(
        article_ids=Comment.objects.filter(pk__in=comment_pks).values("article_id")
    )


def _lock_articles(*, article_ids: Collection[int] | QuerySet[Comment, Any]) -> list[int]:
    # In id order, so two transactions cannot each hold one lock the other wants.
    return list(
        Article.objects.select_for_update()
        .filter(pk__in=article_ids)
        .order_by("pk")
        .values_list("pk", flat=True)
    )


@transaction.atomic
def comments_erase_personal_data(*, older_than_days: int, now: datetime | None = None) -> int:
    """Blank the phone, IP address and browser of comments decided more than N days ago.

    Pending comments keep theirs until a moderator decides: the address is what
    flood control and a possible abuse report need. Returns how many changed.
    """
    cutoff = (now or timezone.now()) - timedelta(days=older_than_days)
    return (
        Comment.objects.exclude(status=Comment.Status.PENDING)
        .filter(moderated_at__lt=cutoff)
        .filter(~Q(phone="") | Q(ip_address__isnull=False) | ~Q(user_agent=""))
        .update(phone="", ip_address=None, user_agent="")
    )


@dataclass(frozen=True)
class CaptchaChallenge:
    key: str
    image_url: str
    audio_url: str | None


class TooManyCaptchas(Exception):
    """One address asked for more captcha challenges than any reader needs; ``message`` says so."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def count_in_window(*, key: str, seconds: int) -> int:
    """Count one more under ``key`` in the cache, in a fixed window; returns the count so far."""
    cache.add(key, 0, timeout=seconds)
    try:
        return cache.incr(key)
    except ValueError:  # the window ended between the two calls, or the cache is away
        return 1


def captcha_quota_take(*, ip_address: str | None) -> None:
    """Count one challenge for ``ip_address``; raise ``TooManyCaptchas`` past the limit.

    Each challenge is a database row until it is answered or expires (then
    ``manage.py captcha_clean`` deletes it), so an address that keeps asking
    could otherwise grow the table without bound. A reader asks for a few; at
    most ``COMMENTS_CAPTCHAS_PER_WINDOW`` per ``COMMENTS_CAPTCHA_WINDOW_MINUTES``
    are issued to one address. Counted in the cache (one fixed window per
    address): nothing is written to the database for a refused request.
    """
    limit = settings.COMMENTS_CAPTCHAS_PER_WINDOW
    if not limit:
        return
    minutes = settings.COMMENTS_CAPTCHA_WINDOW_MINUTES
    issued = count_in_window(
        key=f"comments:captchas-issued:{ip_address or 'unknown'}", seconds=minutes * 60
    )
    if issued > limit:
        raise TooManyCaptchas(
            ngettext(
                "Bạn đã yêu cầu quá nhiều mã xác nhận. Vui lòng thử lại sau %(minutes)d phút; "
                "nội dung bạn viết vẫn được giữ nguyên.",
                "Bạn đã yêu cầu quá nhiều mã xác nhận. Vui lòng thử lại sau %(minutes)d phút; "
                "nội dung bạn viết vẫn được giữ nguyên.",
                minutes,
            )
            % {"minutes": minutes}
        )


def captcha_challenge_new(*, ip_address: str | None) -> CaptchaChallenge:
    """Create a captcha challenge (one database row) for a form about to be shown.

    Called only when a reader reaches the form, never for a plain page view,
    so that reading articles writes nothing. Raises ``TooManyCaptchas`` when
    this address has had its share (``captcha_quota_take``).
    """
    captcha_quota_take(ip_address=ip_address)
    key = CaptchaStore.pick()
    return CaptchaChallenge(
        key=key,
        image_url=captcha_image_url(key),
        audio_url=captcha_audio_url(key) if captcha_audio_available() else None,
    )


def captcha_audio_available() -> bool:
    """Whether the spoken captcha works here: flite configured and runnable.

    The one place that decides whether "Nghe mã xác nhận" is offered, and
    whether its address answers (``comments.reader_views.captcha_audio``).
    """
    path = settings.CAPTCHA_FLITE_PATH
    return path is not None and bool(path) and os.access(path, os.X_OK)
