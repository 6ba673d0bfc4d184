from typing import Any

from django.core.management.base import BaseCommand

from articles.readership import article_views_flush


class Command(BaseCommand):
    help = (
        "Write the reads counted by the article pages' beacon (buffered in Redis) to the "
        "database and rank the most-read articles again. Run every few minutes (cron)."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        result = article_views_flush()
        self.stdout.write(
            f"{result.views} read(s) of {result.articles} article(s) written; "
            f"most-read ranking {'changed' if result.ranking_changed else 'unchanged'}."
        )
