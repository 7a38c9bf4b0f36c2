"""Photo processing for contributor stories.

An upload is sniffed (portal.files.verify_upload), decoded by Pillow under this site's
pixel limit, turned upright from its EXIF orientation and re-encoded *without* EXIF
(no GPS, no camera data). Only the re-encoded bytes are ever stored.
"""

import io
import warnings
from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext as _
from PIL import Image, ImageOps

from portal.files import JPEG, PNG, WEBP, FileType, UnrecognisedFile, verify_upload

PHOTO_TYPES = (JPEG, PNG, WEBP)
# Pillow's own decompression-bomb guard, set for this site: it warns above the limit and
# refuses above twice the limit; both count as errors here (see process_photo).
Image.MAX_IMAGE_PIXELS = settings.STORY_PHOTO_MAX_PIXELS

_SAVE = {
    "jpeg": ("JPEG", ".jpg", {"optimize": True}),
    "png": ("PNG", ".png", {"optimize": True}),
    "webp": ("WEBP", ".webp", {}),
}


@dataclass(frozen=True)
class ProcessedPhoto:
    content: bytes
    extension: str
    file_type: FileType
    width: int
    height: int


def _too_many_pixels(name: str) -> UnrecognisedFile:
    return UnrecognisedFile(
        _("“%(name)s” is larger than %(limit)s megapixels. Send a smaller photo.")
        % {"name": name, "limit": settings.STORY_PHOTO_MAX_PIXELS // 1_000_000}
    )


def _damaged(name: str) -> UnrecognisedFile:
    return UnrecognisedFile(
        _("“%(name)s” is a damaged image and cannot be opened.") % {"name": name}
    )


def process_photo(upload) -> ProcessedPhoto:
    """Verify and re-encode one photo, or raise UnrecognisedFile with a clear message."""
    name = upload.name or ""
    file_type = verify_upload(upload, PHOTO_TYPES, settings.STORY_PHOTO_MAX_BYTES)
    upload.seek(0)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(upload) as image:
                if image.width * image.height > settings.STORY_PHOTO_MAX_PIXELS:
                    raise _too_many_pixels(name)
                image.load()  # a truncated file fails here, not in verify()
                upright = ImageOps.exif_transpose(image)
                content = _encode(upright, file_type)
                width, height = upright.size
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise _too_many_pixels(name) from None
    except UnrecognisedFile:
        raise
    except Exception:  # noqa: BLE001 - Pillow raises many kinds for a broken file
        raise _damaged(name) from None
    finally:
        upload.seek(0)
    _format, extension, _options = _SAVE[file_type.key]
    return ProcessedPhoto(content, extension, file_type, width, height)


def _encode(image: Image.Image, file_type: FileType) -> bytes:
    pillow_format, _ext, options = _SAVE[file_type.key]
    if file_type is JPEG:
        image = image.convert("RGB") if image.mode not in ("RGB", "L") else image
        options = {**options, "quality": settings.STORY_PHOTO_JPEG_QUALITY}
    elif file_type is WEBP:
        image = image.convert("RGBA" if "A" in image.getbands() else "RGB")
        options = {**options, "quality": settings.STORY_PHOTO_JPEG_QUALITY}
    elif image.mode not in ("1", "L", "LA", "P", "RGB", "RGBA", "I;16"):
        image = image.convert("RGBA")
    # Nothing of the original's metadata goes along: no EXIF, XMP or text chunks.
    image.info = {k: v for k, v in image.info.items() if k == "transparency"}
    buffer = io.BytesIO()
    image.save(buffer, pillow_format, exif=b"", **options)
    return buffer.getvalue()


def thumbnail(source, width: int) -> bytes:
    """A JPEG at most `width` pixels wide (never enlarged), from a stored photo."""
    with Image.open(source) as image:
        image.load()
        if image.mode in ("RGBA", "LA", "P"):
            image = image.convert("RGBA")
            background = Image.new("RGB", image.size, "white")
            background.paste(image, mask=image.getchannel("A"))
            image = background
        else:
            image = image.convert("RGB")
        image.thumbnail((width, width * 4))
        buffer = io.BytesIO()
        image.save(buffer, "JPEG", quality=82, optimize=True)
    return buffer.getvalue()
