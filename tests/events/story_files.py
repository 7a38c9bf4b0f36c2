"""Files for story tests, all generated here: good photos, and every kind of bad input."""

import io
import struct
import zlib

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import ExifTags, Image

GPS = {1: "N", 2: (14.0, 30.0, 0.0), 3: "E", 4: (108.0, 0.0, 0.0)}
PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def jpeg_bytes(size=(60, 40), color="red", *, gps=False, orientation=None, camera=False):
    image = Image.new("RGB", size, color)
    # A marker so orientation can be checked: the top-left quarter is blue.
    image.paste("blue", (0, 0, size[0] // 2, size[1] // 2))
    exif = Image.Exif()
    if camera:
        exif[ExifTags.Base.Make] = "Canon"
        exif[ExifTags.Base.Model] = "EOS 80D"
    if orientation:
        exif[ExifTags.Base.Orientation] = orientation
    if gps:
        exif.get_ifd(ExifTags.IFD.GPSInfo).update(GPS)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", exif=exif, quality=95)
    return buffer.getvalue()


def png_bytes(size=(50, 50), color=(0, 128, 0, 255)):
    buffer = io.BytesIO()
    Image.new("RGBA", size, color).save(buffer, "PNG")
    return buffer.getvalue()


def webp_bytes(size=(40, 30)):
    buffer = io.BytesIO()
    Image.new("RGB", size, "yellow").save(buffer, "WEBP")
    return buffer.getvalue()


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png_declaring(width: int, height: int) -> bytes:
    """A tiny PNG whose header claims huge dimensions: a decompression bomb's signature."""
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    idat = zlib.compress(b"\x00" * 64)
    return (
        b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", ihdr) + _chunk(b"IDAT", idat) + _chunk(b"IEND", b"")
    )


def upload(name: str, content: bytes, content_type: str = "application/octet-stream"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def photo(name="anh.jpg", **kwargs):
    return upload(name, jpeg_bytes(**kwargs), "image/jpeg")


BAD_PHOTOS = {
    "truncated_jpeg": (lambda: upload("cat.jpg", jpeg_bytes((400, 300))[:600]), "damaged"),
    "zero_bytes": (lambda: upload("empty.jpg", b""), "empty"),
    "html_as_png": (
        lambda: upload("anh.png", b"<!doctype html><html><script>alert(1)</script></html>"),
        "not a file of an accepted type",
    ),
    "script_as_png": (
        lambda: upload("anh.png", b"#!/bin/sh\nrm -rf /\n"),
        "not a file of an accepted type",
    ),
    "exe_as_jpg": (
        lambda: upload("anh.jpg", b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 200),
        "not a file of an accepted type",
    ),
    "bomb_over_twice_the_limit": (
        lambda: upload("bomb.png", png_declaring(20_000, 20_000)),
        "pixels",
    ),
    "bomb_just_over_the_limit": (
        lambda: upload("bomb.png", png_declaring(8_000, 6_000)),
        "megapixels",
    ),
    "eleven_megabytes": (
        lambda: upload("big.jpg", jpeg_bytes() + b"\x00" * (11 * 1024 * 1024)),
        "the limit is 10 MB",
    ),
    "svg": (
        lambda: upload(
            "logo.svg",
            b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect/></svg>',
            "image/svg+xml",
        ),
        "not a file of an accepted type",
    ),
    "png_named_jpg": (lambda: upload("anh.jpg", png_bytes()), "named otherwise"),
}
