"""Uploaded files: recognise the type from the content, serve only after an access check."""

import warnings
import zipfile
from dataclasses import dataclass
from pathlib import PurePath

from django.conf import settings
from django.http import FileResponse, HttpResponse
from django.utils.cache import get_conditional_response
from django.utils.http import content_disposition_header
from django.utils.text import get_valid_filename
from django.utils.translation import gettext_lazy as _

from portal.archives import UnsafeArchive, ZipLimits, check_zip


@dataclass(frozen=True)
class FileType:
    key: str
    mimetype: str
    extensions: tuple[str, ...]
    label: str


PDF = FileType("pdf", "application/pdf", (".pdf",), "PDF")
DOCX = FileType(
    "docx",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    (".docx",),
    "DOCX",
)
JPEG = FileType("jpeg", "image/jpeg", (".jpg", ".jpeg"), "JPEG")
PNG = FileType("png", "image/png", (".png",), "PNG")
WEBP = FileType("webp", "image/webp", (".webp",), "WebP")
XLSX = FileType(
    "xlsx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    (".xlsx",),
    "XLSX",
)


class UnrecognisedFile(ValueError):
    pass


# Small members (styles, relationships) may compress very well without harm.


def sniff(upload) -> FileType | None:
    """The file's real type from its first bytes (and structure), never from its name."""
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return WEBP
    if head.startswith(b"PK\x03\x04"):
        names = _zip_names(upload)
        if "[Content_Types].xml" in names and "word/document.xml" in names:
            return DOCX
        if "[Content_Types].xml" in names and "xl/workbook.xml" in names:
            return XLSX
    return None


def _zip_names(upload) -> set[str]:
    try:
        with zipfile.ZipFile(upload) as archive:
            return set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return set()
    finally:
        upload.seek(0)


def verify_upload(
    upload, allowed: tuple[FileType, ...], max_bytes: int, *, zip_limits: ZipLimits | None = None
) -> FileType:
    """Raise UnrecognisedFile with a message a person can act on, or return the real type."""
    name = upload.name or ""
    if upload.size == 0:
        raise UnrecognisedFile(_("“%(name)s” is empty.") % {"name": name})
    if upload.size > max_bytes:
        raise UnrecognisedFile(
            _("“%(name)s” is %(size)s MB; the limit is %(limit)s MB.")
            % {
                "name": name,
                "size": round(upload.size / 1024 / 1024, 1),
                "limit": max_bytes // 1024 // 1024,
            }
        )
    detected = sniff(upload)
    allowed_labels = ", ".join(t.label for t in allowed)
    if detected is None or detected not in allowed:
        raise UnrecognisedFile(
            _(
                "“%(name)s” is not a file of an accepted type (%(types)s). "
                "Its content was checked, not its name."
            )
            % {"name": name, "types": allowed_labels}
        )
    if PurePath(name).suffix.lower() not in detected.extensions:
        raise UnrecognisedFile(
            _(
                "“%(name)s” is really a %(real)s file but is named otherwise. Rename it and try "
                "again."
            )
            % {"name": name, "real": detected.label}
        )
    if detected in (JPEG, PNG, WEBP):
        _verify_image(upload, name)
    if detected in (DOCX, XLSX):
        _verify_zip(upload, name, zip_limits)
    return detected


def _too_many_pixels(name: str, limit: int) -> UnrecognisedFile:
    return UnrecognisedFile(
        _("“%(name)s” is larger than %(limit)s megapixels. Send a smaller image.")
        % {"name": name, "limit": limit // 1_000_000}
    )


def _verify_image(upload, name: str) -> None:
    """Decode the whole image: a truncated or corrupt file fails here, and so does one
    with more pixels than UPLOAD_IMAGE_MAX_PIXELS (before any pixel is decoded)."""
    from PIL import Image

    limit = settings.UPLOAD_IMAGE_MAX_PIXELS
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(upload) as image:
                if image.width * image.height > limit:
                    raise _too_many_pixels(name, limit)
                image.verify()
            upload.seek(0)
            with Image.open(upload) as image:
                image.load()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise _too_many_pixels(name, limit) from None
    except UnrecognisedFile:
        raise
    except Exception:  # noqa: BLE001 - Pillow raises many kinds for a broken file
        raise UnrecognisedFile(
            _("“%(name)s” is a damaged image and cannot be opened.") % {"name": name}
        ) from None
    finally:
        upload.seek(0)


def _verify_zip(upload, name: str, limits: ZipLimits | None = None) -> None:
    """A DOCX or XLSX is a zip: the one zip check (portal/archives.py) counts its parts,
    inflates every one for real within the budget, watches the compression ratio and
    refuses XML with a DTD; a refusal reads as any other unrecognised file."""
    limits = limits or ZipLimits(
        max_members=settings.UPLOAD_ZIP_MAX_MEMBERS,
        max_inflated_bytes=settings.UPLOAD_ZIP_MAX_INFLATED_BYTES,
        max_ratio=settings.UPLOAD_ZIP_MAX_RATIO,
    )
    try:
        check_zip(upload, limits, name)
    except UnsafeArchive as exc:
        raise UnrecognisedFile(str(exc)) from None


PRIVATE = "private, no-store"


def private_download(content: bytes, filename: str, mimetype: str) -> HttpResponse:
    """A file made for this user (a report, an export): downloaded, never cached by the
    browser or a proxy, never sniffed into another type."""
    response = HttpResponse(content, content_type=mimetype)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = PRIVATE
    return response


# A file every visitor gets the same copy of (the public exports): a cache may keep it
# but must ask again each time; the ETag turns the repeat into a 304.
PUBLIC_REVALIDATE = "public, no-cache"


def public_file(request, path, etag: str, filename: str, mimetype: str) -> HttpResponse:
    """A stored public file, downloaded, with its ETag: 304 when the client has it."""
    quoted = f'"{etag}"'
    response = get_conditional_response(request, etag=quoted)
    if response is None:
        with open(path, "rb") as stored:
            response = HttpResponse(stored.read(), content_type=mimetype)
        response["Content-Disposition"] = content_disposition_header(True, filename)
        response["X-Content-Type-Options"] = "nosniff"
    response["ETag"] = quoted
    response["Cache-Control"] = PUBLIC_REVALIDATE
    return response


def serve_protected(
    field_file, download_name: str, mimetype: str, *, inline: bool = False
) -> HttpResponse:
    """Send a private file after the caller has checked access.

    In production nginx sends it (X-Accel-Redirect to an internal location); in
    development Django streams it. `inline` lets a browser show it (images in <img>).
    """
    safe_name = get_valid_filename(download_name) or "file"
    if settings.PROTECTED_FILES_MODE == "x-accel":
        response = HttpResponse(content_type=mimetype)
        response["X-Accel-Redirect"] = settings.PROTECTED_FILES_ACCEL_PREFIX + field_file.name
    else:
        response = FileResponse(field_file.open("rb"), content_type=mimetype)
    response["Content-Disposition"] = content_disposition_header(not inline, safe_name)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = PRIVATE
    return response
