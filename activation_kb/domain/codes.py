"""Every written form of an error code, parsed to one 32-bit value and formatted back.

Help-desk tickets and event logs show the same code in many spellings: ``0xC004F074``,
``C004F074``, ``c004f074``, ``3221549172`` (unsigned decimal) or ``-1073418124`` (signed
32-bit decimal, as PowerShell's ``$LASTEXITCODE`` prints it). Pages, search aliases, deep
links and the CLI all go through this module so that they agree on what a code is.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from activation_kb.domain.errors import CodeFormatError

__all__ = ["CodeForms", "canonical", "forms", "hex_reading", "parse_code", "signed", "slug"]

_UINT32_MAX = 0xFFFFFFFF
_MAX_DECIMAL_DIGITS = len(str(_UINT32_MAX))
_HEX_DIGITS = frozenset("0123456789abcdefABCDEF")
_EXPECTED = "expected hex (0xC004F074 or C004F074) or a decimal (3221549172 or -1073418124)"
_HEX_PREFIXED = re.compile(r"0[xX](\w*)", re.ASCII)
_HEX_BARE = re.compile(r"[0-9a-fA-F]{8}")
_ALPHANUMERIC = re.compile(r"[0-9a-zA-Z]+")
_DECIMAL = re.compile(r"([+-]?)([0-9]+)")


def parse_code(text: str) -> int:
    """Return the unsigned 32-bit value of ``text`` in any accepted form.

    Accepted: hex with ``0x`` (1-8 digits, any case); bare hex of exactly 8 digits with at
    least one letter (``C004F074``); unsigned decimal up to 4294967295; signed decimal from
    -2147483648 to -1. Digits alone are always decimal, so every text reads back to one
    value; :func:`hex_reading` offers the other reading of 8 bare digits (``80070005``).
    Surrounding white space is ignored. Anything else raises :class:`CodeFormatError`
    whose reason names what is wrong, in one line.
    """
    if not isinstance(text, str):
        raise CodeFormatError(repr(text), f"expected text, got {type(text).__name__}")
    return _parse_text(text)


# Cached: a large catalogue parses each code again and again (links, related codes, page
# folders, checks), hundreds of thousands of times in one build.
@functools.lru_cache(maxsize=1 << 16)
def _parse_text(text: str) -> int:
    cleaned = text.strip()
    if not cleaned:
        raise CodeFormatError(text, "the code is empty")
    if match := _HEX_PREFIXED.fullmatch(cleaned):
        return _parse_prefixed_hex(text, match.group(1))
    if match := _DECIMAL.fullmatch(cleaned):
        return _parse_decimal(text, negative=match.group(1) == "-", digits=match.group(2))
    if _HEX_BARE.fullmatch(cleaned):
        return int(cleaned, 16)
    if _ALPHANUMERIC.fullmatch(cleaned) and any(char.isdigit() for char in cleaned):
        # Letters and digits only: most likely a mistyped hex code, so say what is off.
        if bad := _first_non_hex(cleaned):
            raise CodeFormatError(text, f"{bad!r} is not a hex digit")
        raise CodeFormatError(text, f"hex without 0x needs exactly 8 digits, not {len(cleaned)}")
    raise CodeFormatError(text, _EXPECTED)


def _parse_prefixed_hex(text: str, digits: str) -> int:
    if not digits:
        raise CodeFormatError(text, "no hex digits after 0x")
    if bad := _first_non_hex(digits):
        raise CodeFormatError(text, f"{bad!r} is not a hex digit")
    if len(digits) > 8:
        raise CodeFormatError(text, f"hex after 0x has at most 8 digits, not {len(digits)}")
    return int(digits, 16)


def _parse_decimal(text: str, *, negative: bool, digits: str) -> int:
    # Checked on the digits before int(): Python refuses to convert very long digit strings.
    significant = digits.lstrip("0") or "0"
    too_long = len(significant) > _MAX_DECIMAL_DIGITS
    if negative:
        if too_long or int(significant) > 1 << 31:
            raise CodeFormatError(text, "a negative code must be at least -2147483648")
        return (-int(significant)) % (1 << 32)
    if too_long or int(significant) > _UINT32_MAX:
        raise CodeFormatError(text, "a decimal code must be at most 4294967295")
    return int(significant)


def _first_non_hex(text: str) -> str | None:
    return next((char for char in text if char not in _HEX_DIGITS), None)


def hex_reading(text: str) -> int | None:
    """The hex value of 8 bare decimal digits (``80070005``), which :func:`parse_code`
    reads as decimal; ``None`` for any other text. Used to suggest "did you mean…"."""
    if not isinstance(text, str):
        return None
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
    """All the spellings of one code that readers and search must recognise.

    ``bare_upper`` and ``bare_lower`` are what tickets write, so search keeps them as
    aliases even when they are all digits (``80070005`` for ``0x80070005``); such a spelling
    is then also a decimal, which :func:`parse_code` reads as decimal and
    :func:`hex_reading` as this code.
    """

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


@functools.lru_cache(maxsize=1 << 16)  # immutable, asked for several times per page
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
