"""The names Windows gives an error code, from the generated tables (:mod:`.tables`).

A ticket may carry ``SL_E_VL_BINDING_SERVICE_UNAVAILABLE`` instead of ``0xC004F074``, or
``E_ACCESSDENIED`` instead of ``0x80070005``. :func:`names` gives every name of a value, in
one order used everywhere (pages, ``codes.json``, ``kb lookup``, ``go/`` and search):

1. its Software Licensing names (``SL_E_*``, ``SL_I_*``: slerror.h);
2. its HRESULT names (``E_ACCESSDENIED``, ``DXGI_ERROR_DEVICE_REMOVED``: winerror.h);
3. for ``0x8007xxxx`` (HRESULT_FROM_WIN32 of a Win32 error), the Win32 error's symbols
   (``ERROR_ACCESS_DENIED``), first defined first.

A name is given once, in its first place. Values without a name give an empty list.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator

from activation_kb.domain.tables.facilities import FACILITIES, FACILITY_ALIASES
from activation_kb.domain.tables.hresults import HRESULT_NAMES
from activation_kb.domain.tables.licensing import LICENSING_ALIASES, LICENSING_NAMES
from activation_kb.domain.tables.win32 import WIN32_ALIASES, WIN32_ERRORS

__all__ = [
    "WIN32_UPPER",
    "facility_names",
    "named_facilities",
    "named_values",
    "names",
    "value_names",
    "win32_error",
    "win32_symbols",
]

WIN32_UPPER = 0x8007
"""The upper half of HRESULT_FROM_WIN32(n) for n in 1-65535: failure, FACILITY_WIN32 (7)."""


def facility_names(facility: int) -> tuple[str, ...]:
    """The ``FACILITY_*`` names of a winerror.h facility number, first defined first."""
    first = FACILITIES.get(facility)
    return (first, *FACILITY_ALIASES.get(facility, ())) if first else ()


def win32_error(value: int) -> int | None:
    """The Win32 error number of ``value`` when it is HRESULT_FROM_WIN32 of one: 0x8007xxxx
    but 0x80070000 (the macro turns error 0, ERROR_SUCCESS, into 0, S_OK)."""
    number = value & 0xFFFF
    return number if value >> 16 == WIN32_UPPER and number else None


def win32_symbols(value: int) -> tuple[str, ...]:
    """The symbols of the Win32 error ``value`` carries (``ERROR_ACCESS_DENIED`` for
    0x80070005), first defined first; empty for any other value."""
    number = win32_error(value)
    if number is None or number not in WIN32_ERRORS:
        return ()
    return (WIN32_ERRORS[number], *WIN32_ALIASES.get(number, ()))


def value_names(value: int) -> tuple[str, ...]:
    """The names defined for ``value`` itself: Software Licensing, then HRESULT names."""
    licensing = LICENSING_NAMES.get(value)
    found = (licensing, *LICENSING_ALIASES.get(value, ())) if licensing else ()
    return found + HRESULT_NAMES.get(value, ())


@functools.lru_cache(maxsize=1 << 12)  # asked for by every page, row and export of a code
def _names(value: int) -> tuple[str, ...]:
    return tuple(dict.fromkeys(value_names(value) + win32_symbols(value)))


def names(value: int) -> list[str]:
    """Every name of ``value`` (unsigned 32-bit), in the order of this module's docstring."""
    if not 0 <= value <= 0xFFFFFFFF:
        raise ValueError(f"{value} is outside the unsigned 32-bit range")
    return list(_names(value))


def named_values() -> Iterator[tuple[int, tuple[str, ...], tuple[str, ...]]]:
    """Every value that has a name, in ascending order, with its own names
    (:func:`value_names`) and its Win32 symbols (:func:`win32_symbols`): the data of
    ``go/``'s name files."""
    values = set(LICENSING_NAMES) | set(HRESULT_NAMES)
    values |= {WIN32_UPPER << 16 | number for number in WIN32_ERRORS if number}
    for value in sorted(values):
        yield value, value_names(value), win32_symbols(value)


def named_facilities() -> Iterator[tuple[int, tuple[str, ...]]]:
    """Every facility number that has a name, in ascending order, with its names."""
    for facility in FACILITIES:
        yield facility, facility_names(facility)
