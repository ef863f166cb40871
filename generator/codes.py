"""Every written form of an error code, parsed to one 32-bit value and formatted back.

Help-desk tickets and event logs show the same code in many spellings: ``0xC004F074``,
``C004F074``, ``c004f074``, ``3221549172`` (unsigned decimal) or ``-1073418124`` (signed
32-bit decimal, as PowerShell's ``$LASTEXITCODE`` prints it). Pages, search aliases, deep
links and the CLI all go through this module so that they agree on what a code is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from generator.errors import CodeFormatError

__all__ = ["CodeForms", "canonical", "forms", "hex_reading", "parse_code", "signed", "slug"]

_UINT32_MAX = 0xFFFFFFFF
_HEX_PREFIXED = re.compile(r"0[xX]([0-9a-fA-F]{1,8})")
_HEX_BARE = re.compile(r"[0-9a-fA-F]{8}")
_DECIMAL = re.compile(r"[+-]?[0-9]{1,10}")


def parse_code(text: str) -> int:
    """Return the unsigned 32-bit value of ``text`` in any accepted form.

    Accepted: hex with ``0x`` (1-8 digits, any case); bare hex of exactly 8 digits with at
    least one letter (``C004F074``); unsigned decimal up to 4294967295; signed decimal from
    -2147483648 to -1. Digits alone are always decimal, so every form reads back to one
    value; :func:`hex_reading` offers the other reading of 8 bare digits (``80070005``).
    Surrounding white space is ignored.
    """
    if not isinstance(text, str):
        raise CodeFormatError(repr(text), "expected text")
    cleaned = text.strip()
    if not cleaned:
        raise CodeFormatError(text, "the code is empty")
    if match := _HEX_PREFIXED.fullmatch(cleaned):
        return int(match.group(1), 16)
    if _HEX_BARE.fullmatch(cleaned) and not cleaned.isdigit():
        return int(cleaned, 16)
    if _DECIMAL.fullmatch(cleaned):
        value = int(cleaned, 10)
        if value < 0:
            if value < -(1 << 31):
                raise CodeFormatError(text, "a negative code must be at least -2147483648")
            return value + (1 << 32)
        if value > _UINT32_MAX:
            raise CodeFormatError(text, "a decimal code must be at most 4294967295")
        return value
    raise CodeFormatError(
        text,
        "expected hex (0xC004F074 or C004F074) or a decimal (3221549172 or -1073418124)",
    )


def hex_reading(text: str) -> int | None:
    """The hex value of 8 bare decimal digits (``80070005``), which :func:`parse_code`
    reads as decimal; ``None`` for any other text. Used to suggest "did you mean…"."""
    cleaned = text.strip()
    if _HEX_BARE.fullmatch(cleaned) and cleaned.isdigit():
        return int(cleaned, 16)
    return None


def canonical(value: int) -> str:
    """``0xC004F074``: ``0x`` prefix, eight upper-case hex digits."""
    return f"0x{_check(value):08X}"


def slug(value: int) -> str:
    """The URL path segment of a code page: ``0xc004f074``."""
    return f"0x{_check(value):08x}"


def signed(value: int) -> int:
    """The signed 32-bit reading of ``value`` (``-1073418124`` for ``0xC004F074``)."""
    value = _check(value)
    return value - (1 << 32) if value & 0x80000000 else value


@dataclass(frozen=True)
class CodeForms:
    """All the spellings of one code that readers and search must recognise."""

    value: int
    canonical: str
    slug: str
    bare_upper: str
    bare_lower: str
    unsigned_decimal: str
    signed_decimal: str

    def aliases(self) -> list[str]:
        """Distinct written forms other than the canonical one, in a stable order."""
        seen: list[str] = []
        for form in (
            self.slug,
            self.bare_upper,
            self.bare_lower,
            self.unsigned_decimal,
            self.signed_decimal,
        ):
            if form != self.canonical and form not in seen:
                seen.append(form)
        return seen


def forms(value: int) -> CodeForms:
    """Every form of ``value``, computed once."""
    value = _check(value)
    return CodeForms(
        value=value,
        canonical=canonical(value),
        slug=slug(value),
        bare_upper=f"{value:08X}",
        bare_lower=f"{value:08x}",
        unsigned_decimal=str(value),
        signed_decimal=str(signed(value)),
    )


def _check(value: int) -> int:
    if not 0 <= value <= _UINT32_MAX:
        raise ValueError(f"{value} is outside the unsigned 32-bit range")
    return value
