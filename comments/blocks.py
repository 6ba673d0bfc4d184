"""Blocking a sender: their phone number or IP address, for a while or for good.

A block changes what happens to the sender's *next* comments (held for a
moderator, or refused: ``COMMENTS_BLOCKED_SENDER_ACTION``); it never touches
comments already sent.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from django.conf import settings
from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from comments.models import Comment, SenderBlock
from comments.privacy import may_see_personal_data

if TYPE_CHECKING:
    from django_stubs_ext import StrPromise

# What a moderator may choose, in days; None is for good.
BLOCK_DURATIONS: dict[str, tuple[int | None, "StrPromise"]] = {
    "1": (1, gettext_lazy("1 ngày")),
    "7": (7, gettext_lazy("7 ngày")),
    "30": (30, gettext_lazy("30 ngày")),
    "forever": (None, gettext_lazy("Vĩnh viễn")),
}


@dataclass(frozen=True)
class SenderVerdict:
    reason: str  # for the history: which identifier, until when (never the value itself)
    refusal: str = ""  # told to the reader when blocked senders are refused


@transaction.atomic
def sender_block(
    *,
    comment: Comment,
    by_phone: bool,
    by_ip: bool,
    duration: str,
    user: User | AnonymousUser,
    now: datetime | None = None,
) -> list[SenderBlock]:
    """Block the phone number and/or IP address ``comment`` was sent from.

    Only people who may see those (``may_see_personal_data``) may block by
    them. Raises ``ValidationError`` with a Vietnamese message when there is
    nothing to block by or the duration is not one of ``BLOCK_DURATIONS``.
    """
    if not isinstance(user, User) or not may_see_personal_data(user):
        raise PermissionDenied(_("Bạn không có quyền chặn người gửi."))
    if duration not in BLOCK_DURATIONS:
        raise ValidationError(_("Hãy chọn thời gian chặn."), code="duration")
    days = BLOCK_DURATIONS[duration][0]
    until = None if days is None else (now or timezone.now()) + timedelta(days=days)
    blocks = []
    if by_phone and comment.phone:
        blocks.append(SenderBlock(phone=comment.phone, until=until))
    if by_ip and comment.ip_address:
        blocks.append(SenderBlock(ip_address=comment.ip_address, until=until))
    if not blocks:
        raise ValidationError(
            _("Hãy chọn số điện thoại hoặc địa chỉ IP mà bình luận này có."), code="nothing"
        )
    for block in blocks:
        block.comment = comment
        block.created_by = user
        block.save()
    return blocks


@transaction.atomic
def sender_blocks_remove(*, blocks, user: User | AnonymousUser) -> int:
    """Lift blocks (the admin's delete). Comments already held stay as they are."""
    if not may_see_personal_data(user):
        raise PermissionDenied(_("Bạn không có quyền bỏ chặn người gửi."))
    return SenderBlock.objects.filter(pk__in=[block.pk for block in blocks]).delete()[0]


def sender_block_verdict(
    *, phone: str, ip_address: str | None, now: datetime | None = None
) -> SenderVerdict | None:
    """What a block on this sender decides for their new comment; ``None`` when not blocked."""
    match = Q(phone=phone) if phone else Q()
    if ip_address:
        match |= Q(ip_address=ip_address)
    if not match:
        return None
    block = (
        SenderBlock.objects.active(now=now)
        .filter(match)
        .only("phone", "ip_address", "until")
        .order_by("pk")
        .first()
    )
    if block is None:
        return None
    what = _("số điện thoại") if block.phone else _("địa chỉ IP")
    if block.until is None:
        reason = _("Người gửi bị chặn vĩnh viễn (theo %(what)s)") % {"what": what}
    else:
        reason = _("Người gửi bị chặn đến %(until)s (theo %(what)s)") % {
            "until": date_format(timezone.localtime(block.until), "H:i d/m/Y"),
            "what": what,
        }
    if settings.COMMENTS_BLOCKED_SENDER_ACTION == "reject":
        return SenderVerdict(
            reason,
            refusal=_(
                "Bạn đang tạm thời không được gửi bình luận, nên bình luận này chưa được nhận."
            ),
        )
    return SenderVerdict(reason)
