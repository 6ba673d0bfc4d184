"""Accent-insensitive matching inside the database, for tables with no folded column.

``Folded(expression)`` is what ``core.text.fold_for_search`` does in Python,
done by the database: lower case, accents removed ("Phố Sách Đinh" → "pho sach
dinh"), so a folded query word can be matched with ``__contains``. PostgreSQL
uses its ``unaccent`` extension (which maps Đ to D); SQLite, which has no such
function, gets ``fold_for_search`` itself, registered on each connection.
"""

from django.db.backends.signals import connection_created
from django.db.models import Func, TextField

from core.text import fold_for_search

SQLITE_FUNCTION = "newsroom_fold"


class Folded(Func):
    arity = 1
    output_field = TextField()
    # Other databases: case only (the project runs on PostgreSQL and SQLite).
    template = "LOWER(%(expressions)s)"

    def as_postgresql(self, compiler, connection, **extra_context):
        return self.as_sql(
            compiler, connection, template="LOWER(UNACCENT(%(expressions)s))", **extra_context
        )

    def as_sqlite(self, compiler, connection, **extra_context):
        return self.as_sql(
            compiler, connection, template=f"{SQLITE_FUNCTION}(%(expressions)s)", **extra_context
        )


def _fold_or_null(value: str | None) -> str | None:
    return None if value is None else fold_for_search(value)


def _register_on_sqlite(sender, connection, **kwargs) -> None:
    if connection.vendor == "sqlite":
        connection.connection.create_function(SQLITE_FUNCTION, 1, _fold_or_null, deterministic=True)


def enable_folded_matching() -> None:
    """Make ``Folded`` work on every new SQLite connection (call once, from an AppConfig)."""
    connection_created.connect(_register_on_sqlite, dispatch_uid="core.search.sqlite_fold")
