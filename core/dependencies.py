"""What a rendered page depends on, recorded while it is rendered.

The page cache (``pagecache``) stores each page with the *dependency keys* of
what it showed, and a change re-renders only the pages whose keys it touches.
Keys are plain strings, so that an HTTP cache in front (Varnish's xkey, a CDN's
surrogate keys) can purge by the same names:

* ``article:12``, ``section:3``, ``author:5``: one row, as shown anywhere (its
  title in a list, its page); ``article:12:comments``: its approved comments
  and their count;
* ``article?section=3``, ``article?author=5``, ``section``: *which* rows a list
  shows (a published article joins or leaves a section's lists, a section is
  added to the menu);
* ``site``: every page (after a migration, for example).

Rows record themselves when they are loaded from the database (the page cache
listens to the models' ``post_init``); lists are recorded by the selectors that
read them, with :func:`depends_on` and :func:`list_key`. Outside a page that is
being cached, recording does nothing and costs one context-variable read.

This module knows no model and imports no app, so that every app can record
what it reads without depending on the page cache.
"""

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from django.db.models import Model

SITE_KEY = "site"

_recording: ContextVar[set[str] | None] = ContextVar("page_dependencies", default=None)


def _model_name(model: type[Model] | Model) -> str:
    name = model._meta.model_name
    # Options sets it when the model class is created; None only before that.
    assert name is not None
    return name


def object_key(model: type[Model] | Model, pk: object, *, part: str = "") -> str:
    """The key of one row: ``article:12``, or of one part of it: ``article:12:comments``."""
    key = f"{_model_name(model)}:{pk}"
    return f"{key}:{part}" if part else key


def list_key(model: type[Model], **filters: object) -> str:
    """The key of the membership of a list: ``article?section=3``, ``section`` for all."""
    name = _model_name(model)
    if not filters:
        return name
    return name + "?" + "&".join(f"{field}={value}" for field, value in sorted(filters.items()))


def depends_on(*keys: str) -> None:
    """Record that the page being rendered shows what ``keys`` name."""
    recorded = _recording.get()
    if recorded is not None:
        recorded.update(keys)


def is_recording() -> bool:
    return _recording.get() is not None


@contextmanager
def recording() -> Iterator[set[str]]:
    """Collect the keys recorded inside the block into the set it yields.

    Blocks nest: what a part of a page records (a cached fragment) is also
    recorded for the page around it.
    """
    outer = _recording.get()
    keys: set[str] = {SITE_KEY}
    token = _recording.set(keys)
    try:
        yield keys
    finally:
        _recording.reset(token)
        if outer is not None:
            outer.update(keys)


class RecordedLazy:
    """A value read on first use, whose dependency keys are recorded wherever it is used.

    For a page whose parts are cached apart (``pagecache/fragments.py``): the
    photos may first be read for the page's head, but the part that shows them
    again further down must record what they depend on too. Templates call a
    callable they resolve, so each ``{{ value }}`` or ``{% for … in value %}``
    records the keys again; Python code (tests) can use it as the value.
    """

    def __init__(self, load: Callable[[], Any]) -> None:
        self._load = load
        self._loaded = False
        self._value: Any = None
        self._keys: set[str] = set()

    def __call__(self) -> Any:
        if not self._loaded:
            with recording() as keys:
                self._value = self._load()
            self._keys, self._loaded = keys, True
        else:
            depends_on(*self._keys)
        return self._value

    def __iter__(self) -> Iterator[Any]:
        return iter(self())

    def __len__(self) -> int:
        return len(self())

    def __bool__(self) -> bool:
        return bool(self())

    def __getitem__(self, index: Any) -> Any:
        return self()[index]
