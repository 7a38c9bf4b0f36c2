"""Zip-based office files (XLSX, DOCX) checked before any parser sees them.

A zip can claim small sizes and inflate to gigabytes, hold thousands of members, or carry
XML with a DTD (entity expansion — "billion laughs" — and external entities). Every
member is inflated here in chunks, counting the real bytes (the sizes a zip declares are
not trusted), and every XML part is scanned for `<!DOCTYPE` and `<!ENTITY`, which no
legitimate Office file contains. The first limit crossed stops the reading.
"""

import zipfile
import zlib
from dataclasses import dataclass

from django.utils.translation import gettext as _

CHUNK = 64 * 1024
# A member this small may compress very well (an empty sheet, styles) without being a bomb.
RATIO_FREE_BYTES = 1024 * 1024
_MARKERS = tuple(
    marker.encode(encoding)
    for marker in ("<!DOCTYPE", "<!ENTITY")
    for encoding in ("utf-8", "utf-16-le", "utf-16-be")
)
_OVERLAP = max(len(m) for m in _MARKERS) - 1
_XML_SUFFIXES = (".xml", ".rels", ".vml")


class UnsafeArchive(ValueError):
    pass


@dataclass(frozen=True)
class ZipLimits:
    max_members: int
    max_inflated_bytes: int
    max_ratio: int


def check_zip(upload, limits: ZipLimits, name: str = "") -> None:
    """Raise UnsafeArchive with a message a person can act on; rewind the upload."""
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as archive:
            members = archive.infolist()
            if len(members) > limits.max_members:
                raise UnsafeArchive(
                    _("“%(name)s” holds more than %(limit)s parts; it is not a normal file.")
                    % {"name": name, "limit": limits.max_members}
                )
            total = 0
            for member in members:
                total += _check_member(archive, member, limits, total, name)
    except UnsafeArchive:
        raise
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError, RuntimeError, ValueError):
        raise UnsafeArchive(
            _("“%(name)s” is damaged and cannot be opened.") % {"name": name}
        ) from None
    finally:
        upload.seek(0)


def _check_member(archive, member, limits: ZipLimits, so_far: int, name: str) -> int:
    is_xml = member.filename.lower().endswith(_XML_SUFFIXES) or member.filename.endswith(
        "[Content_Types].xml"
    )
    size, tail = 0, b""
    with archive.open(member) as stream:
        while chunk := stream.read(CHUNK):
            size += len(chunk)
            if so_far + size > limits.max_inflated_bytes:
                raise UnsafeArchive(
                    _("“%(name)s” unpacks to more than %(limit)s MB; it is not a normal file.")
                    % {"name": name, "limit": limits.max_inflated_bytes // 1024 // 1024}
                )
            if size > RATIO_FREE_BYTES and size > limits.max_ratio * max(member.compress_size, 1):
                raise UnsafeArchive(
                    _(
                        "“%(name)s” is compressed more than %(limit)s times over; it is not a "
                        "normal file."
                    )
                    % {"name": name, "limit": limits.max_ratio}
                )
            if is_xml:
                window = tail + chunk
                if any(marker in window for marker in _MARKERS):
                    raise UnsafeArchive(
                        _(
                            "“%(name)s” contains an XML document type declaration (DTD), which "
                            "office files never need; it was refused for safety."
                        )
                        % {"name": name}
                    )
                tail = window[-_OVERLAP:]
    return size
