"""Text files as the people who edit them see them: UTF-8, lines ended by ``\\n``, ``\\r\\n``
or ``\\r``.

Error messages name a line (and a column) to jump to, so the lines must be counted the way
an editor counts them. ``str.splitlines`` also breaks at form feeds, ``\\x85`` and
``\\u2028``, which editors (and CommonMark) treat as ordinary characters: one of those in a
source file would shift every line number after it.
"""

from __future__ import annotations

import re

__all__ = ["NotUtf8Error", "decode_utf8", "split_lines"]

_LINE_END = re.compile(r"\r\n|\r|\n")


class NotUtf8Error(ValueError):
    """Bytes that are not UTF-8, located by line and column (both 1-based)."""

    def __init__(self, line: int, column: int, byte: int, reason: str) -> None:
        self.line, self.column, self.byte, self.reason = line, column, byte, reason
        super().__init__(self.describe())

    def describe(self) -> str:
        """``not UTF-8 text: byte 0xe9 at line 3, column 7 (invalid continuation byte)``."""
        return (
            f"not UTF-8 text: byte 0x{self.byte:02x} at line {self.line}, "
            f"column {self.column} ({self.reason})"
        )


def decode_utf8(raw: bytes) -> str:
    """``raw`` as text; :class:`NotUtf8Error` at the first byte that is not UTF-8."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        before = raw[: error.start]
        line_start = max(before.rfind(b"\n"), before.rfind(b"\r")) + 1
        line = len(split_lines(before.decode("utf-8") + "x"))
        column = len(before[line_start:].decode("utf-8")) + 1
        raise NotUtf8Error(line, column, raw[error.start], error.reason) from None


def split_lines(text: str) -> list[str]:
    """The lines of ``text`` without their ends; like ``str.splitlines`` (no empty last
    line after a final line end) but breaking only where an editor does."""
    lines = _LINE_END.split(text)
    if lines[-1] == "":
        lines.pop()
    return lines
