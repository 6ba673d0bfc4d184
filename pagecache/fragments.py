"""Parts of a cached page kept on their own, so a change re-renders only the part it touched.

After a comment is approved, only the comment area of an article changed;
its body, photos, bylines and newer/older lists did not. Each such part is
kept under its own cache key with the dependency keys it recorded, and is
checked the same way as whole pages (``pagecache/middleware.py``): valid while
none of its keys changed after its render began. A part served from the cache
still records its keys for the page around it, so the page is purged by
every change any of its parts depends on.

Only used while a page is being rendered for the page cache: staff previews
and private pages render everything fresh.
"""

import time
from collections.abc import Callable, Collection
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.utils.safestring import SafeString, mark_safe

from core.dependencies import depends_on as record
from core.dependencies import recording
from pagecache.versions import key_versions


@dataclass(frozen=True, slots=True)
class CachedFragment:
    rendered_after: int
    keys: frozenset[str]
    html: str
    expires: float


def fragment(
    key: str, render: Callable[[], str], *, depends_on: Collection[str] = ()
) -> SafeString:
    """The HTML ``render`` gives, from the cache while nothing it showed has changed.

    ``depends_on``: keys of what the part shows that was read before it began.
    """
    extra_keys = depends_on
    versions = key_versions()
    cached: CachedFragment | None = cache.get(key)
    if cached is not None and time.time() < cached.expires:
        newest = versions.newest(cached.keys)
        if newest is not None and newest <= cached.rendered_after:
            record(*cached.keys)
            # Rendered by a template, so escaped already.
            return mark_safe(cached.html)  # noqa: S308
    rendered_after = versions.current()
    with recording() as keys:
        record(*extra_keys)
        html = render()
    if rendered_after is not None:
        timeout = settings.NEWSROOM_PAGE_CACHE_SECONDS
        cache.set(
            key,
            CachedFragment(
                rendered_after=rendered_after,
                keys=frozenset(keys),
                html=str(html),
                expires=time.time() + timeout,
            ),
            timeout=timeout,
        )
    return mark_safe(html)  # noqa: S308
