"""Every written form of an error code, parsed to one 32-bit value and formatted back.

Help-desk tickets and event logs show the same code in many spellings: ``0xC004F074``,
``C004F074``, ``c004f074``, ``3221549172`` (unsigned decimal) or ``-1073418124`` (signed
32-bit decimal, as PowerShell's ``$LASTEXITCODE`` prints it). Pages, search aliases, deep
links and the CLI all go through this module so that they agree on what a code is; the
browser's twin is ``overrides/assets/javascripts/kb-codes.js``.

The rules, in the order they are tried on the text without its surrounding white space:

1. ``0x`` (or ``0X``) and hex digits: leading zeros allowed, the value must fit 32 bits
   (``0x000000000C004F074`` is 0xC004F074; at most 8 digits after the leading zeros).
2. Exactly 8 digits, no sign: **hex**, because tickets mean hex (``80070005`` is
   0x80070005, not the decimal 80,070,005).
3. Any other run of digits, with or without a sign: decimal, leading zeros allowed, from
   -2147483648 (signed) to 4294967295 (unsigned).
4. Exactly 8 hex digits with at least one letter: hex (``C004F074``).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from activation_kb.domain.errors import CodeFormatError

__all__ = ["CodeForms", "canonical", "forms", "parse_code", "signed", "slug", "written_codes"]

_UINT32_MAX = 0xFFFFFFFF
_MAX_DECIMAL_DIGITS = len(str(_UINT32_MAX))
_HEX_DIGITS = frozenset("0123456789abcdefABCDEF")
_EXPECTED = "expected hex (0xC004F074 or C004F074) or a decimal (3221549172 or -1073418124)"
_HEX_PREFIXED = re.compile(r"0[xX](\w*)", re.ASCII)
_HEX_BARE = re.compile(r"[0-9a-fA-F]{8}")
_EIGHT_DIGITS = re.compile(r"[0-9]{8}")
_ALPHANUMERIC = re.compile(r"[0-9a-zA-Z]+")
_DECIMAL = re.compile(r"([+-]?)([0-9]+)")
# A code in running text: 0x and 8 hex digits, not part of a longer word.
_CODE_IN_TEXT = re.compile(r"(?<![\w-])0[xX]([0-9A-Fa-f]{8})(?![\w-])")


def parse_code(text: str) -> int:
    """Return the unsigned 32-bit value of ``text`` in any accepted form.

    Accepted (the module's docstring gives the rules): hex with ``0x``, any case, leading
    zeros allowed; exactly 8 bare digits, read as hex (``80070005``); bare hex of exactly
    8 digits with a letter (``C004F074``); any other digits as a decimal, unsigned up to
    4294967295 or signed from -2147483648, leading zeros allowed. Surrounding white space
    is ignored. Anything else raises :class:`CodeFormatError` whose reason names what is
    wrong, in one line.
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
    if _EIGHT_DIGITS.fullmatch(cleaned):
        return int(cleaned, 16)  # tickets mean hex
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
    significant = digits.lstrip("0")
    if len(significant) > 8:
        raise CodeFormatError(
            text, f"hex after 0x has at most 8 digits besides leading zeros, not {len(significant)}"
        )
    return int(significant or "0", 16)


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


def canonical(value: int) -> str:
    """``0xC004F074``: ``0x`` prefix, eight upper-case hex digits."""
    return f"0x{_check(value):08X}"


def written_codes(text: str) -> str:
    """``text`` with every code in it written as pages write codes, ``0x8007007B``: the
    source quotes "0x8007007b DNS name does not exist." beside its 0x8007007B."""
    if "0x" not in text and "0X" not in text:
        return text
    return _CODE_IN_TEXT.sub(lambda match: "0x" + match.group(1).upper(), text)


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

    ``bare_upper`` and ``bare_lower`` are what tickets write; all digits
    (``80070005``), they are still this code, since :func:`parse_code` reads 8 bare digits as
    hex. The unsigned decimal of a value from 10,000,000 to 99,999,999 has 8 digits too, and
    so reads as another code: it is no alias (:meth:`aliases`).
    """

    value: int
    canonical: str
    slug: str
    bare_upper: str
    bare_lower: str
    unsigned_decimal: str
    signed_decimal: str

    def aliases(self) -> list[str]:
        """Distinct written forms other than the canonical one that read back to this code,
        in a stable order."""
        seen: list[str] = []
        for form in (
            self.slug,
            self.bare_upper,
            self.bare_lower,
            self.unsigned_decimal,
            self.signed_decimal,
        ):
            if form != self.canonical and form not in seen and parse_code(form) == self.value:
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
