import re
import unicodedata
from datetime import datetime, timedelta

from django import template
from django.utils import timezone

register = template.Library()

# The label the page prints before a credit, as editors also often type it
# themselves: "Ảnh: Phạm Gia Huy", "ẢNH - Phạm Gia Huy", "Photo: …".
# Compared in NFC, where "Ảnh" is three characters; IGNORECASE knows "ẢNH".
_CREDIT_LABEL = re.compile(r"^\s*(ảnh|anh|photo)\s*[:\-–]\s*", re.IGNORECASE)

# The portal's house style for times: "05:33 20/01/2017", in Vietnam time.
PORTAL_DATETIME_FORMAT = "%H:%M %d/%m/%Y"
PORTAL_DATE_FORMAT = "%d/%m/%Y"


@register.filter
def portal_datetime(value: datetime | None) -> str:
    if value is None:
        return ""
    return timezone.localtime(value).strftime(PORTAL_DATETIME_FORMAT)


@register.filter
def compact_datetime(value: datetime | None) -> str:
    """A time for list columns: "02:18 02/12", with the year only when it is not this one."""
    if value is None:
        return ""
    local = timezone.localtime(value)
    if local.year == timezone.localtime().year:
        return local.strftime("%H:%M %d/%m")
    return local.strftime(PORTAL_DATETIME_FORMAT)


@register.filter
def portal_date(value: datetime | None) -> str:
    if value is None:
        return ""
    return timezone.localtime(value).strftime(PORTAL_DATE_FORMAT)


@register.filter
def photo_credit(value: str) -> str:
    """A photo's credit without a typed "Ảnh:" label, which the page adds itself.

    Done where the credit is shown, so credits stored before this rule show
    right too: "Ảnh: Phạm Gia Huy" reads "(Ảnh: Phạm Gia Huy)", not "(Ảnh: Ảnh: …)".
    """
    # NFC so a pasted, decomposed "Ảnh" matches too; nothing else is changed:
    # the credit is shown as stored.
    credit = unicodedata.normalize("NFC", value or "")
    label = _CREDIT_LABEL.match(credit)
    if label is None or not credit[label.end() :].strip():
        return value
    return credit[label.end() :].rstrip(" ")


@register.filter
def iso_datetime(value: datetime | None) -> str:
    if value is None:
        return ""
    return timezone.localtime(value).isoformat(timespec="minutes")


@register.filter
def whole_minutes(value: timedelta | None) -> int:
    """Minutes in a duration, rounded up: 90 s is "2 phút", never "1 phút"."""
    if value is None:
        return 0
    return -(-int(value.total_seconds()) // 60)
