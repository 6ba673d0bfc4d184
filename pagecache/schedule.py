"""Pages change when a scheduled article's time comes, with no job to run.

Nobody saves anything when a scheduled article goes live, so no signal
fires. Instead the page cache keeps, in a value every process has in memory
(``core/shared_value.py``), the time up to which it has accounted for
publication times (``checked_until``) and the soonest publication time after
that (``next_change``). The first cacheable request after ``next_change``
finds the articles that went live since ``checked_until`` and records a
change to their lists, as if someone had saved them, then looks up the next
time. Two processes doing this at once record the same change twice, which
costs a render, nothing more.

An editor scheduling an article (or moving its time) makes the next request
look the soonest time up again (``schedule_changed``).
"""

import logging
import time
from datetime import UTC, datetime

from django.apps import apps
from django.db import DatabaseError

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
        _went_live(since=state[0], until=now)
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


def _soonest_after(moment: float) -> float:
    Article = apps.get_model("articles", "Article")
    soonest = (
        Article.objects.filter(
            status=Article.Status.PUBLISHED,
            published_at__gt=datetime.fromtimestamp(moment, tz=UTC),
        )
        .order_by("published_at")
        .values_list("published_at", flat=True)
        .first()
    )
    return soonest.timestamp() if soonest else NEVER


def _went_live(*, since: float, until: float) -> None:
    from pagecache.invalidation import article_keys, article_list_keys, record_change

    Article = apps.get_model("articles", "Article")
    rows = list(
        Article.objects.filter(
            status=Article.Status.PUBLISHED,
            published_at__gt=datetime.fromtimestamp(since, tz=UTC),
            published_at__lte=datetime.fromtimestamp(until, tz=UTC),
        ).values_list("pk", "section_id")
    )
    if rows:
        keys = article_keys([pk for pk, _section in rows], fields=None)
        record_change(keys | article_list_keys(rows))
