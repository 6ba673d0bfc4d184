from django.contrib.postgres.operations import UnaccentExtension
from django.db import migrations


class Migration(migrations.Migration):
    """unaccent for the moderators' accent-insensitive search (core/search.py).

    A trusted extension, so the database owner may create it; a no-op off PostgreSQL.
    """

    dependencies = [
        ("comments", "0004_backfill_approved_comment_counts"),
    ]

    operations = [UnaccentExtension()]
