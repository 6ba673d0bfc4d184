"""Validation and cleaning of images that editors upload.

Used by both ways an image enters the site — the CKEditor upload button and
the article's photo inline — so both refuse the same files with the same words.
"""

import io
import warnings
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, ImageSequence, UnidentifiedImageError

# Formats a browser can show. SVG is refused: it is a document that can carry script.
ALLOWED_FORMATS = {"JPEG": "jpg", "PNG": "png", "GIF": "gif", "WEBP": "webp"}


@dataclass(frozen=True)
class ImageInfo:
    format: str
    width: int
    height: int

    @property
    def extension(self) -> str:
        return ALLOWED_FORMATS[self.format]


def inspect_image(file: UploadedFile) -> ImageInfo:
    """Check that ``file`` is a real, whole, reasonably sized image and describe it.

    Raises ``ValidationError`` with a message an editor understands. The file's
    name and the type the browser claimed are ignored: only its bytes count.
    """
    max_bytes = settings.NEWSROOM_IMAGE_MAX_BYTES
    max_pixels = settings.NEWSROOM_IMAGE_MAX_PIXELS
    if file.size is not None and file.size > max_bytes:
        raise ValidationError(
            _("Ảnh quá lớn (%(size)s). Dung lượng tối đa là %(max)s.")
            % {"size": filesizeformat(file.size), "max": filesizeformat(max_bytes)},
            code="file_too_large",
        )
    file.seek(0)
    try:
        with warnings.catch_warnings():
            # Pillow only warns between MAX_IMAGE_PIXELS and twice that; make it an error.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(file) as image:
                image_format = image.format or ""
                width, height = image.size
                if image_format not in ALLOWED_FORMATS:
                    raise ValidationError(
                        _("Định dạng ảnh không được hỗ trợ. Hãy dùng JPEG, PNG, GIF hoặc WebP."),
                        code="invalid_format",
                    )
                if width * height > max_pixels:
                    raise ValidationError(
                        _(
                            "Ảnh có kích thước quá lớn (%(width)s×%(height)s điểm ảnh). "
                            "Tối đa %(max)s triệu điểm ảnh."
                        )
                        % {"width": width, "height": height, "max": max_pixels // 1_000_000},
                        code="too_many_pixels",
                    )
                # verify() checks the file's structure (chunk checksums among others)
                # but not that the pixels are all there: a cut-off JPEG or GIF passes it.
                image.verify()
        file.seek(0)
        with warnings.catch_warnings(), Image.open(file) as image:
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            # Decoding every frame is what finds a truncated file, here rather
            # than in strip_metadata() as an error the editor cannot act on.
            for frame in ImageSequence.Iterator(image):
                frame.load()
    except ValidationError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ValidationError(
            _("Ảnh có kích thước quá lớn, có thể là tệp độc hại."), code="too_many_pixels"
        ) from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise ValidationError(
            _("Tệp tải lên không phải là ảnh hợp lệ hoặc đã bị hỏng."), code="invalid_image"
        ) from None
    finally:
        file.seek(0)
    return ImageInfo(format=image_format, width=width, height=height)


def validate_image_file(file: UploadedFile) -> None:
    """Model-field validator form of :func:`inspect_image`."""
    # A file already in storage (re-saving an article) was checked when uploaded.
    if getattr(file, "_committed", False):
        return
    inspect_image(file)


def strip_metadata(file: UploadedFile, info: ImageInfo) -> bytes:
    """Re-encode the image with its pixels and nothing else.

    Phones write the shooting location into photos; a newsroom must not publish
    where a source lives. Comments, XMP, text chunks and colour profiles go too:
    they can carry names, software versions or script for a careless viewer.
    Re-encoding also turns a polyglot (an image that is also a script or an
    archive) into a plain image. The orientation tag is applied to the pixels
    first, so the photo still stands the right way up.
    """
    file.seek(0)
    with Image.open(file) as image:
        output = io.BytesIO()
        if info.format == "GIF":
            _save_gif_frames(image, output)
            return output.getvalue()
        pixels = _pixels_only(ImageOps.exif_transpose(image))
        if info.format == "JPEG":
            pixels = pixels.convert("RGB") if pixels.mode not in ("RGB", "L") else pixels
            pixels.save(output, "JPEG", quality=88, optimize=True, progressive=True)
        elif info.format == "PNG":
            pixels.save(output, "PNG", optimize=True)
        else:
            pixels.save(output, "WEBP", quality=85)
    return output.getvalue()


def _save_gif_frames(image: Image.Image, output: io.BytesIO) -> None:
    """Write every frame of a GIF again, with only what animates it: timing and looping.

    Whatever followed the image data (a script in a "GIFAR" polyglot) does not
    survive, nor do comments and application extensions.
    """
    loop = image.info.get("loop")
    frames, durations, disposals = [], [], []
    for frame in ImageSequence.Iterator(image):
        durations.append(frame.info.get("duration", 0))
        disposals.append(getattr(frame, "disposal_method", 0))
        frames.append(_pixels_only(frame))
    first, *rest = frames
    # Lists for an animation; Pillow's single-frame writer wants plain numbers.
    options = {"duration": durations, "disposal": disposals} if rest else {}
    if loop is not None:
        options["loop"] = loop
    first.save(output, "GIF", save_all=True, append_images=rest, optimize=False, **options)


def _pixels_only(image: Image.Image) -> Image.Image:
    """A copy of ``image`` that carries no metadata, only which colour is transparent.

    Pillow writes some of what it read (a JPEG or GIF comment, a PNG's colour
    profile) back out unless it is gone from ``info``.
    """
    clean = image.copy()
    clean.info = {key: image.info[key] for key in ("transparency",) if key in image.info}
    return clean
