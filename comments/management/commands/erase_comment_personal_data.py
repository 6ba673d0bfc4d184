from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from comments.services import comments_erase_personal_data


class Command(BaseCommand):
    help = (
        "Erase the phone numbers, IP addresses and browser strings of comments that were "
        "decided (approved, rejected or marked spam) more than N days ago. Run it daily, "
        "e.g. from cron: `15 3 * * * cd /srv/toasoan && uv run manage.py "
        "erase_comment_personal_data`."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=None,
            help=(
                "Keep personal data this many days after the decision "
                "(default: COMMENTS_PERSONAL_DATA_RETENTION_DAYS, "
                f"now {settings.COMMENTS_PERSONAL_DATA_RETENTION_DAYS})."
            ),
        )

    def handle(self, *args, days: int | None, **options) -> None:
        days = settings.COMMENTS_PERSONAL_DATA_RETENTION_DAYS if days is None else days
        if days < 1:
            raise CommandError(f"--days must be at least 1, not {days}.")
        erased = comments_erase_personal_data(older_than_days=days)
        self.stdout.write(
            self.style.SUCCESS(
                f"Erased personal data from {erased} comment(s) decided more than {days} days ago."
            )
        )
