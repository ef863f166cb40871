"""The site's favicon.ico (activation_kb.render.favicon): the theme's PNG in an ICO file."""

from __future__ import annotations

import struct
import zlib

import pytest

from activation_kb.render.favicon import ico


def png(width: int, height: int) -> bytes:
    """A PNG's signature and header chunk: all ``ico`` reads."""
    header = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)
    chunk = b"IHDR" + header
    crc = struct.pack(">I", zlib.crc32(chunk))
    return b"\x89PNG\r\n\x1a\n" + struct.pack(">I", len(header)) + chunk + crc


def test_an_ico_holds_the_png_as_it_is() -> None:
    image = png(48, 48)
    icon = ico(image)
    reserved, kind, count = struct.unpack("<HHH", icon[:6])
    assert (reserved, kind, count) == (0, 1, 1)
    width, height, colours, _, planes, bits, size, offset = struct.unpack("<BBBBHHII", icon[6:22])
    assert (width, height, colours, planes, bits) == (48, 48, 0, 1, 32)
    assert (size, offset) == (len(image), 22)
    assert icon[22:] == image


def test_a_256_pixel_icon_is_written_as_zero() -> None:
    assert ico(png(256, 256))[6:8] == b"\x00\x00"


@pytest.mark.parametrize("data", [b"GIF89a" + bytes(30), png(300, 16)])
def test_what_no_ico_can_hold_is_refused(data: bytes) -> None:
    with pytest.raises(ValueError):
        ico(data)
