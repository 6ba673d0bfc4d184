"""Pages change when a scheduled article's time comes, or an article's expiry, with no job.

Nobody saves anything when a scheduled article goes live or an article
expires, so no signal fires. Instead the page cache keeps, in a value every
process has in memory (``core/shared_value.py``), the time up to which it has
accounted for publication and expiry times (``checked_until``) and the
soonest such time after that (``next_change``). The first cacheable request
after ``next_change`` finds the articles that went live or expired since
``checked_until`` and records a change to them and their lists, as if someone
had saved them, then looks up the next time. Two processes doing this at
once record the same change twice, which costs a render, nothing more.

An editor scheduling an article (or moving its time or expiry) makes the next request
look the soonest time up again (``schedule_changed``).
"""

import logging
import time
from datetime import UTC, datetime

from django.apps import apps
from django.db import DatabaseError
from django.db.models import Q

from core.shared_value import SharedValue

logger = logging.getLogger("pagecache")

NEVER = float("inf")
_state = SharedValue("pagecache:schedule")


def visibility_changes_due(*, now: float | None = None) -> None:
    """Record the changes of articles whose publication time has come since the last look.

    Called on every cacheable request; costs a memory read until something is due.
    A database that cannot be reached now is tried again by the next request.
    """
    now = time.time() if now is None else now
    state = _state.get()
    if state is not None and now < state[1]:
        return
    try:
        if state is None:
            # Nothing is known: everything published so far is already on the
            # pages cached from now on.
            _state.set((now, _soonest_after(now)))
            return
        _visibility_changed(since=state[0], until=now)
        _state.set((now, _soonest_after(now)))
    except DatabaseError:
        logger.warning("could not look up scheduled articles; trying again on the next request")


def schedule_changed() -> None:
    """An article's time or status changed: look up the soonest time again, from the last look."""
    state = _state.get()
    if state is None:
        return  # the next request starts afresh
    checked_until = state[0]
    # Still from the last look: an article whose time came between then and
    # now has not been accounted for yet.
    _state.set((checked_until, _soonest_after(checked_until)))


# The article times at which readers' pages change on their own.
_TIMES = ("published_at", "expires_at")


def _soonest_after(moment: float) -> float:
    """The soonest publication or expiry time after ``moment``: one index look-up for each."""
    Article = apps.get_model("articles", "Article")
    after = datetime.fromtimestamp(moment, tz=UTC)
    published = Article.objects.filter(status=Article.Status.PUBLISHED)
    times = [
        published.filter(**{f"{field}__gt": after})
        .order_by(field)
        .values_list(field, flat=True)
        .first()
        for field in _TIMES
    ]
    return min((when.timestamp() for when in times if when is not None), default=NEVER)


def _visibility_changed(*, since: float, until: float) -> None:
    """Record a change for the articles that went live or expired in (since, until]."""
    from pagecache.invalidation import article_keys, article_list_keys, record_change

    Article = apps.get_model("articles", "Article")
    window = (datetime.fromtimestamp(since, tz=UTC), datetime.fromtimestamp(until, tz=UTC))
    came = Q()
    for field in _TIMES:
        came |= Q(**{f"{field}__gt": window[0], f"{field}__lte": window[1]})
    rows = list(
        Article.objects.filter(came, status=Article.Status.PUBLISHED).values_list(
            "pk", "section_id"
        )
    )
    if rows:
        keys = article_keys([pk for pk, _section in rows], fields=None)
        record_change(keys | article_list_keys(rows))
