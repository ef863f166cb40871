"""The site's ``favicon.ico``: the theme's PNG icon in an ICO file.

Browsers ask for ``/favicon.ico`` on their own for a page that names no icon, and the root's
pages (``index.html``, ``go/``, ``404.html``) name this one. An ICO file may hold a PNG as it
is (Windows Vista and every browser since read it): a 6-byte header, one 16-byte entry,
then the PNG's bytes. A pure function of the PNG; the build reads it from the engine's
output and writes the result.
"""

from __future__ import annotations

import struct

__all__ = ["ico"]

_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def ico(png: bytes) -> bytes:
    """An ICO file holding ``png``, its only image, at the size the PNG gives."""
    if not png.startswith(_PNG_SIGNATURE) or png[12:16] != b"IHDR":
        raise ValueError("the icon is not a PNG image")
    width, height = struct.unpack(">II", png[16:24])
    if not (0 < width <= 256 and 0 < height <= 256):
        raise ValueError(f"an ICO image is at most 256 by 256 pixels, not {width} by {height}")
    header = struct.pack("<HHH", 0, 1, 1)  # reserved, type 1 (icon), one image
    # Width and height 0 mean 256; no palette; one colour plane; 32 bits per pixel; the
    # image's size and where it starts (after the header and the one entry).
    entry = struct.pack(
        "<BBBBHHII", width % 256, height % 256, 0, 0, 1, 32, len(png), 6 + 16
    )
    return header + entry + png
