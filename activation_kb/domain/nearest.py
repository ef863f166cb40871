"""The documented codes related to a code we do not document: ``kb lookup`` and ``go/``.

Related means of the same facility, never of another: a help desk holding 0x4004F065
(SL_I_NONGENUINE_GRACE_PERIOD) wants 0xC004F065, not a DNS error that happens to be
numerically close. The order, best first:

1. the same facility and code with another severity (bits 31-30: 0x4004F065 and
   0xC004F065 differ there only);
2. the rest of the facility, by the distance of the 16-bit code, then by the distance of
   the value, the lower value first on a tie.

The facility is winerror.h's 13 bits (16-28) together with bit 29, C: a facility of another
vendor is not Microsoft's facility of the same number. Only bits 30 and 31 are left, so the
order key :func:`order_key` (facility, code, severity) is a reordering of the value's bits.

``overrides/assets/javascripts/kb-go-codes.js`` (``closest``) is the twin for ``go/``; it
reads the ``go/codes/f<n>.js`` files, which are in the order of :func:`order_key`.
"""

from __future__ import annotations

from collections.abc import Iterable

__all__ = ["CLOSEST", "another_severity", "family", "nearest_codes", "order_key"]

CLOSEST = 3
"""How many related codes ``kb lookup`` and ``go/`` show for a code they do not document."""


def family(value: int) -> int:
    """The facility of ``value`` with its C bit: bits 16-29."""
    return value >> 16 & 0x3FFF


def another_severity(value: int, other: int) -> bool:
    """Whether ``other`` is ``value`` with another severity: they differ in bits 31-30 only
    (0x4004F065 and 0xC004F065)."""
    return value != other and (value ^ other) & 0x3FFFFFFF == 0


def order_key(value: int) -> int:
    """Facility (with C), then code, then severity (bits 31-30): below 2**32, exact in a
    JavaScript number."""
    return family(value) << 18 | (value & 0xFFFF) << 2 | value >> 30


def nearest_codes(value: int, known: Iterable[int], count: int = CLOSEST) -> list[int]:
    """The ``count`` codes of ``known`` most related to ``value`` (this module's order),
    all of its facility; fewer when the facility has fewer, none for another facility.
    ``value`` itself is left out."""
    code = value & 0xFFFF
    mine = family(value)
    related = [k for k in known if family(k) == mine and k != value]
    related.sort(key=lambda k: (abs((k & 0xFFFF) - code), abs(k - value), k))
    return related[:count]
