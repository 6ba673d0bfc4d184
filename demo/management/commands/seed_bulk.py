import time

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from core.progress import ProgressBar
from demo.article_seeding import seed_articles
from demo.comment_seeding import seed_comments


class Command(BaseCommand):
    help = (
        "Fill the database with many articles and comments for benchmarks and load tests "
        "(bulk inserts; e.g. --articles 100000 --comments 1000000 on PostgreSQL)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--articles", type=int, default=1000, help="Articles to create.")
        parser.add_argument("--comments", type=int, default=10000, help="Comments to create.")
        parser.add_argument("--days", type=int, default=365, help="Spread articles over N days.")
        parser.add_argument("--seed", type=int, default=1, help="Random seed (repeatable data).")

    def handle(self, *args, articles: int, comments: int, days: int, seed: int, **options):
        if articles < 1 or comments < 0 or days < 1:
            raise CommandError("--articles and --days must be positive, --comments at least 0.")
        started = time.monotonic()
        progress = ProgressBar(articles, label="Bài viết  ", stream=self.stdout)
        article_ids = seed_articles(count=articles, days=days, seed=seed, on_batch=progress.advance)
        article_seconds = progress.finish()
        progress = ProgressBar(comments, label="Bình luận ", stream=self.stdout)
        seed_comments(
            article_ids=article_ids, count=comments, seed=seed + 1, on_batch=progress.advance
        )
        comment_seconds = progress.finish()
        if connection.vendor == "postgresql":
            # Fresh statistics, as autovacuum would give a live database later:
            # without them the planner picks poor indexes for the new rows.
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        total = time.monotonic() - started
        self.stdout.write(
            self.style.SUCCESS(
                f"Created {articles:,} articles in {article_seconds:.1f} s and {comments:,} "
                f"comments in {comment_seconds:.1f} s ({total:.1f} s in all)."
            )
        )
