"""Accent-insensitive matching inside the database, for tables with no folded column.

``Folded(*columns)`` is what ``core.text.fold_for_search`` does in Python, done
by the database on the columns joined by spaces: lower case, accents removed
("Phố Sách Đinh" → "pho sach dinh"), so a folded query word can be matched with
``__contains``. Both databases call it ``newsroom_fold``:

- PostgreSQL: an IMMUTABLE SQL function over the ``unaccent`` extension (which
  maps Đ to D), created by comments/migrations/0005_comment_search_index.py
  (unaccent() with its dictionary named is immutable in fact; PostgreSQL only
  lets an index use it through a function declared so). Immutable, so a
  trigram index can be built on ``newsroom_fold(a || ' ' || b)`` and a search
  written with this same expression reads it.
- SQLite: ``fold_for_search`` itself, registered on each connection.
"""

from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.backends.signals import connection_created
from django.db.models import Func, TextField

from core.text import fold_for_search

FUNCTION = "newsroom_fold"


class Folded(Func):
    function = FUNCTION
    # Joined in SQL, not with Concat, so that the expression is exactly the one
    # an index was built on (the columns must be NOT NULL).
    arg_joiner = " || ' ' || "
    output_field = TextField()


def _fold_or_null(value: str | None) -> str | None:
    return None if value is None else fold_for_search(value)


def _register_on_sqlite(sender: object, connection: BaseDatabaseWrapper, **kwargs: object) -> None:
    if connection.vendor == "sqlite":
        connection.connection.create_function(FUNCTION, 1, _fold_or_null, deterministic=True)


def enable_folded_matching() -> None:
    """Make ``Folded`` work on every new SQLite connection (call once, from an AppConfig)."""
    connection_created.connect(_register_on_sqlite, dispatch_uid="core.search.sqlite_fold")
