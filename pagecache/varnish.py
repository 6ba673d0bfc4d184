"""Telling Varnish which pages changed: purges by dependency key, in the background.

Every cached page names its keys in ``Surrogate-Key``; the VCL
(``deploy/varnish/toasoan.vcl``) files the page under them with xkey. When
a change commits, ``purge_varnish`` (the page cache's purge hook when
``NEWSROOM_VARNISH_PURGE_URLS`` is set) queues one task with the changed
keys; a worker sends them to every Varnish as ``PURGE`` requests with an
``xkey-purge`` header, so the editor or moderator whose change it was never
waits for a cache, and approving one comment purges exactly the pages that
show it.

A Varnish that cannot be reached or answers 5xx (restarting, overloaded) is
tried again later, with growing pauses, by a new task that runs after the
pause (``run_after``): the worker is never held up sleeping, and the other
Varnish servers are not purged twice. After the last try the task fails,
with the keys in the log; the pages then stay until their ``s-maxage``.
A 4xx is not retried: Varnish refused (the ACL does not list this server),
and asking again would be refused again.
"""

import logging
import urllib.error
import urllib.request
from datetime import timedelta

from django.conf import settings
from django.tasks import task
from django.utils import timezone

logger = logging.getLogger("pagecache.varnish")

# A queue of its own, so purges never wait behind slower work (mail) and a
# worker can poll it often: `manage.py db_worker --queue-name purges --interval 0.2`.
PURGE_QUEUE = "purges"
# Seconds before each new try after a failure: about three minutes in all.
RETRY_DELAYS = (1, 2, 5, 15, 30, 60, 60)
# Keys per request, kept well under Varnish's 8 KB limit on a request header.
MAX_KEYS_HEADER = 4000
TIMEOUT_SECONDS = 5


class PurgeFailed(Exception):
    """Some Varnish could not be purged, and will not be tried again."""


def purge_varnish(*, keys: frozenset[str]) -> None:
    """The purge hook: queue the purge of ``keys`` on every configured Varnish."""
    urls = list(settings.NEWSROOM_VARNISH_PURGE_URLS)
    if urls and keys:
        varnish_purge.enqueue(keys=sorted(keys), urls=urls)


@task(queue_name=PURGE_QUEUE)
def varnish_purge(*, keys: list[str], urls: list[str], attempt: int = 1) -> int:
    """Purge ``keys`` on each Varnish at ``urls``; returns how many objects they dropped.

    The ones that failed for a passing reason are tried again by a later task.
    """
    purged = 0
    failed: list[str] = []
    refused: list[str] = []
    for url in urls:
        try:
            purged += sum(_send(url, chunk) for chunk in key_chunks(keys))
        except urllib.error.HTTPError as error:
            if error.code >= 500:
                failed.append(url)
            else:
                refused.append(url)
            logger.warning("Varnish purge answered %s", error.code, extra={"url": url})
        except OSError as error:  # refused, reset, timed out, no such host
            failed.append(url)
            logger.warning("Varnish purge failed: %s", error, extra={"url": url})
    if failed:
        _try_again(keys=keys, urls=failed, attempt=attempt)
    if refused:
        raise PurgeFailed(f"Varnish refused the purge of {len(keys)} keys: {', '.join(refused)}")
    return purged


def key_chunks(keys: list[str]) -> list[list[str]]:
    """``keys`` split into groups whose header (space-separated) fits ``MAX_KEYS_HEADER``."""
    chunks: list[list[str]] = [[]]
    length = 0
    for key in keys:
        if chunks[-1] and length + 1 + len(key) > MAX_KEYS_HEADER:
            chunks.append([])
            length = 0
        chunks[-1].append(key)
        length += len(key) + 1
    return [chunk for chunk in chunks if chunk]


def _send(url: str, keys: list[str]) -> int:
    request = urllib.request.Request(  # noqa: S310 (an http(s) URL: core.env.env_urls)
        url, method="PURGE", headers={"xkey-purge": " ".join(keys)}
    )
    with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:  # noqa: S310
        # The VCL answers with how many objects the keys matched.
        return int(response.headers.get("xkey-purged", "0") or 0)


def _try_again(*, keys: list[str], urls: list[str], attempt: int) -> None:
    if attempt > len(RETRY_DELAYS):
        raise PurgeFailed(
            f"Varnish could not be purged after {attempt} tries: {', '.join(urls)}; "
            f"keys: {' '.join(keys)[:500]}"
        )
    delay = RETRY_DELAYS[attempt - 1]
    if not varnish_purge.get_backend().supports_defer:
        # The immediate backend (development) cannot run a task later, and
        # sleeping here would make the person who saved wait.
        raise PurgeFailed(f"Varnish could not be purged and this task backend cannot retry: {urls}")
    varnish_purge.using(run_after=timezone.now() + timedelta(seconds=delay)).enqueue(
        keys=keys, urls=urls, attempt=attempt + 1
    )
