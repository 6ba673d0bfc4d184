"""Full-text search over title, lead and body.

Everywhere: the accent-free ``search_text`` now holds the body too, so it is
recomputed for every article.

On PostgreSQL only (SQLite reads ``search_text``), a column the database keeps
itself, so no write path (the admin, ``bulk_create``, ``update()``, a shell) can
leave it stale:

* ``newsroom_unaccent(text)``: ``unaccent`` declared IMMUTABLE. The extension's
  own function is only STABLE (its dictionary could change), and a generated
  column or an index may only use immutable functions;
* ``search_vector``: a stored generated ``tsvector`` of the accent-free title
  (weight A), lead (B) and body (C), with the ``simple`` configuration (no
  stemming, which has no meaning for Vietnamese syllables; HTML tags are not
  words to the parser), under a GIN index. Title and lead are plain text, so
  their angle brackets become spaces first: "<b>xss</b>" in a title is words
  to a reader, not a tag for the parser to skip;
* a trigram GIN index on the accent-free, lower-case title, for typos.

The column is not a model field: Django never writes it, and
``articles/search.py`` is the one place that reads it.
"""

from django.db import migrations

POSTGRESQL_FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    """
    CREATE OR REPLACE FUNCTION newsroom_unaccent(text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
    AS $$ SELECT public.unaccent('public.unaccent'::regdictionary, $1) $$
    """,
    """
    ALTER TABLE articles_article ADD COLUMN search_vector tsvector
    GENERATED ALWAYS AS (
        setweight(to_tsvector('simple'::regconfig, newsroom_unaccent(translate(title, '<>', '  '))), 'A')
        || setweight(to_tsvector('simple'::regconfig, newsroom_unaccent(translate(lead, '<>', '  '))), 'B')
        || setweight(to_tsvector('simple'::regconfig, newsroom_unaccent(body)), 'C')
    ) STORED
    """,
    "CREATE INDEX article_search_vector_idx ON articles_article USING gin (search_vector)",
    """
    CREATE INDEX article_search_title_trgm_idx ON articles_article
    USING gin (newsroom_unaccent(lower(title)) gin_trgm_ops)
    """,
]

POSTGRESQL_BACKWARD = [
    "DROP INDEX IF EXISTS article_search_title_trgm_idx",
    "DROP INDEX IF EXISTS article_search_vector_idx",
    "ALTER TABLE articles_article DROP COLUMN IF EXISTS search_vector",
    "DROP FUNCTION IF EXISTS newsroom_unaccent(text)",
]


def create_search_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in POSTGRESQL_FORWARD:
            schema_editor.execute(statement)


def drop_search_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in POSTGRESQL_BACKWARD:
            schema_editor.execute(statement)


def fold_bodies_into_search_text(apps, schema_editor):
    # The historical model has no services; the same function they call.
    from core.text import plain_text_from_html, search_document

    Article = apps.get_model("articles", "Article")
    ids = list(Article.objects.order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(ids), 2000):
        batch = list(
            Article.objects.filter(pk__in=ids[start : start + 2000]).only("title", "lead", "body")
        )
        for article in batch:
            article.search_text = search_document(
                title=article.title, text=f"{article.lead} {plain_text_from_html(article.body)}"
            )
        Article.objects.bulk_update(batch, ["search_text"])


class Migration(migrations.Migration):
    dependencies = [("articles", "0010_merge_revisions_and_attachments")]

    operations = [
        migrations.RunPython(create_search_index, drop_search_index, elidable=False),
        migrations.RunPython(fold_bodies_into_search_text, migrations.RunPython.noop),
    ]
