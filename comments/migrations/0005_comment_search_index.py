from django.contrib.postgres.operations import TrigramExtension, UnaccentExtension
from django.db import migrations

# core/search.py's newsroom_fold, as it was written for this index.
FOLD_FUNCTION_SQL = """
CREATE OR REPLACE FUNCTION newsroom_fold(value text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $$ SELECT lower(public.unaccent('public.unaccent'::regdictionary, value)) $$
"""
# The moderators' accent-insensitive search (comments/selectors.py comments_matching)
# reads this index: the same expression, LIKE '%word%' per word.
CREATE_INDEX = """
CREATE INDEX IF NOT EXISTS comment_search_trgm_idx ON comments_comment
USING gin (newsroom_fold(name || ' ' || title || ' ' || body) gin_trgm_ops)
"""


def create_search_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FOLD_FUNCTION_SQL)
        schema_editor.execute(CREATE_INDEX)


def drop_search_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS comment_search_trgm_idx")


class Migration(migrations.Migration):
    """unaccent and pg_trgm are trusted extensions: the database owner may create them.

    All of it is PostgreSQL only; SQLite folds with a Python function (core/search.py).
    On a large table the index takes a while to build and blocks comment writes meanwhile.
    """

    dependencies = [
        ("comments", "0004_backfill_approved_comment_counts"),
    ]

    operations = [
        UnaccentExtension(),
        TrigramExtension(),
        migrations.RunPython(create_search_index, drop_search_index, elidable=False),
    ]
