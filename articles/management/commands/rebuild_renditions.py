from django.core.management.base import BaseCommand

from articles import services
from articles.models import Photo
from core.progress import ProgressBar


class Command(BaseCommand):
    help = "Remake the resized WebP/JPEG copies of every article photo (after changing sizes)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--missing", action="store_true", help="Only photos that have no copies yet."
        )

    def handle(self, *args, missing: bool, **options) -> None:
        photos = Photo.objects.order_by("pk")
        if missing:
            photos = photos.filter(renditions=[])
        total = photos.count()
        progress = ProgressBar(total, label="Ảnh ", stream=self.stdout)
        failed = 0
        for photo in photos.iterator(chunk_size=200):
            try:
                services.photo_renditions_build(photo=photo)
            except OSError as error:  # a missing or unreadable original
                failed += 1
                self.stderr.write(f"\nPhoto {photo.pk} ({photo.image.name}): {error}")
            progress.advance()
        elapsed = progress.finish()
        self.stdout.write(
            self.style.SUCCESS(
                f"Rebuilt renditions for {total - failed} of {total} photos in {elapsed:.1f} s"
                + (f"; {failed} failed." if failed else ".")
            )
        )
