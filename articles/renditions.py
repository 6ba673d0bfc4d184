"""Resized copies of article photos, made once when a photo is saved.

Readers' browsers pick the smallest copy that fills the column (``srcset``),
in WebP where supported and JPEG otherwise, so a phone on mobile data does not
download a 4,000-pixel original. Copies are made at save time, never on a
reader's request, and each file is written once (see ``build_renditions``).
"""

import hashlib
import io
from collections.abc import Collection
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.core.files.storage import Storage
from PIL import Image, ImageOps

RENDITION_WIDTHS = (480, 800, 1200)
FORMATS = {
    "webp": ("WEBP", {"quality": 80, "method": 4}),
    "jpg": ("JPEG", {"quality": 82, "optimize": True, "progressive": True}),
}
# What the article column is at most; the browser uses it to choose a width.
ARTICLE_IMAGE_SIZES = "(min-width: 48rem) 46rem, 100vw"


@dataclass(frozen=True)
class Rendition:
    width: int
    height: int
    webp: str
    jpg: str


def rendition_widths(original_width: int) -> list[int]:
    """Widths to make for an image: never upscaled, always at least one."""
    widths = [w for w in RENDITION_WIDTHS if w < original_width]
    widths.append(min(original_width, RENDITION_WIDTHS[-1]))
    return sorted(set(widths))


def build_renditions(
    *, source: Image.Image, storage: Storage, prefix: str, existing: Collection[str] = ()
) -> list[dict]:
    """Write every rendition of ``source`` under ``prefix`` and describe them.

    Returns JSON-ready dicts (stored on the photo, so pages need no storage
    look-ups). A file is named by its content (``800-<digest>.webp``), so a name
    is written once and never holds anything else: browsers and a CDN may keep
    it for good. Names in ``existing`` (the photo's current renditions) are
    known to be written and are not sent again; no storage is asked.
    """
    image = ImageOps.exif_transpose(source)
    if image.mode not in ("RGB", "L"):
        background = Image.new("RGB", image.size, (255, 255, 255))
        background.paste(image, mask=image.convert("RGBA").getchannel("A"))
        image = background
    image = image.convert("RGB")
    result = []
    for width in rendition_widths(image.width):
        height = max(1, round(image.height * width / image.width))
        resized = (
            image
            if width == image.width
            else image.resize((width, height), Image.Resampling.LANCZOS)
        )
        entry: dict = {"width": width, "height": height}
        for extension, (pil_format, options) in FORMATS.items():
            buffer = io.BytesIO()
            resized.save(buffer, pil_format, **options)
            content = buffer.getvalue()
            digest = hashlib.blake2b(content, digest_size=8).hexdigest()
            name = f"{prefix}/{width}-{digest}.{extension}"
            entry[extension] = (
                name if name in existing else storage.save(name, ContentFile(content))
            )
        result.append(entry)
    return result


def delete_renditions(*, renditions: list[dict], storage: Storage) -> None:
    for entry in renditions:
        for extension in FORMATS:
            if name := entry.get(extension):
                storage.delete(name)
