from datetime import datetime, timedelta

from django import template
from django.utils import timezone

register = template.Library()

# The portal's house style for times: "05:33 20/01/2017", in Vietnam time.
PORTAL_DATETIME_FORMAT = "%H:%M %d/%m/%Y"
PORTAL_DATE_FORMAT = "%d/%m/%Y"


@register.filter
def portal_datetime(value: datetime | None) -> str:
    if value is None:
        return ""
    return timezone.localtime(value).strftime(PORTAL_DATETIME_FORMAT)


@register.filter
def portal_date(value: datetime | None) -> str:
    if value is None:
        return ""
    return timezone.localtime(value).strftime(PORTAL_DATE_FORMAT)


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
