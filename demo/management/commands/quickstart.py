from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from articles.models import Article
from core.progress import ProgressBar
from demo.content import ARTICLES as DEMO_ARTICLES
from demo.load import demo_accounts_ensure, demo_content_load


class Command(BaseCommand):
    help = (
        "Set up a local demo in one step: migrate, create the role groups and demo "
        "accounts, load demo articles if there are none, then serve on 127.0.0.1."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--no-serve", action="store_true", help="Set everything up but do not start the server."
        )
        parser.add_argument("--port", type=int, default=8000, help="Port to serve on (8000).")

    def handle(self, *args, no_serve: bool, port: int, **options) -> None:
        if settings.PRODUCTION:
            raise CommandError(
                "quickstart creates accounts with published passwords and is for local demos "
                "only; it refuses to run with DJANGO_ENV=production."
            )
        if not 1 <= port <= 65535:
            raise CommandError(f"--port must be between 1 and 65535, not {port}.")
        verbosity = options["verbosity"]
        call_command("migrate", interactive=False, verbosity=max(verbosity - 1, 0))
        self.stdout.write(self.style.SUCCESS("Database is up to date."))

        self.stdout.write("Demo accounts (log in at /admin/):")
        for account, is_new in demo_accounts_ensure():
            state = "created" if is_new else "already there"
            self.stdout.write(
                f"  {account.username:<10} password: {account.password:<18} "
                f"{account.description} ({state})"
            )

        if Article.objects.exists():
            created = 0
        else:
            self.stdout.write("Loading demo content (articles and generated photos)…")
            progress = ProgressBar(len(DEMO_ARTICLES), label="Bài viết ", stream=self.stdout)
            created = demo_content_load(on_article=progress.advance)
            progress.finish()
        if created:
            self.stdout.write(self.style.SUCCESS(f"Created {created} demo articles."))
        else:
            self.stdout.write("The database already has articles; demo content not loaded.")

        if no_serve:
            self.stdout.write(
                self.style.SUCCESS("Ready. Start the site with: uv run manage.py runserver")
            )
            return
        self.stdout.write(
            self.style.SUCCESS(f"Serving on http://127.0.0.1:{port}/ (Ctrl+C to stop)")
        )
        call_command("runserver", f"127.0.0.1:{port}", use_reloader=False)
