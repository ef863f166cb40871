"""What the 32 bits of an error code say, read as an HRESULT the way Windows' headers do.

One pure decoding shared by the code pages, ``kb lookup``, ``codes.json`` and (through its
JavaScript twin, ``overrides/assets/javascripts/kb-decode.js``) ``go/``, so that they never
disagree. The reading is winerror.h's::

    bit   31  30  29  28 ... 16  15 ... 0
          S   R   C   facility   code        HRESULT_FACILITY(hr) = (hr >> 16) & 0x1fff

S set means failure; C marks a code defined by another vendor than Microsoft, whose
facility Windows' names do not describe. The facility has 13 bits: FACILITY_DXGI is 2170,
so 0x887A0005 is DXGI_ERROR_DEVICE_REMOVED of facility 2170.

MS-ERREF (2.1) reads bits 28 and 27 as flags instead, N (an NTSTATUS mapped to an HRESULT)
and X (reserved), and the facility as bits 16-26 only: 0x887A0005 is X = 1, facility 122
there. Where the two readings differ (bit 27 or 28 set) the rows say so in a note, and
:attr:`Decoding.ms_erref_facility` gives MS-ERREF's number. Bit 30 is MS-ERREF's R,
reserved in an HRESULT; the Software Licensing codes (0xC004F074) set it, and read as an
NTSTATUS their bits 31-30 are a severity ("error"): a note says so too.

Names come from the generated tables (:mod:`activation_kb.domain.names`); a facility or an
error without a name is shown by its number.
"""

from __future__ import annotations

from dataclasses import dataclass

from activation_kb.domain.codes import canonical, signed
from activation_kb.domain.model import LANGUAGES
from activation_kb.domain.names import facility_names, names, win32_error, win32_symbols
from activation_kb.domain.words import WORDS, DecodingWords

__all__ = ["Decoding", "decode"]

_NTSTATUS_SEVERITIES = ("SUCCESS", "INFORMATIONAL", "WARNING", "ERROR")
_MS_ERREF_FLAGS = 0x18000000
"""Bits 28 (N) and 27 (X): facility bits for winerror.h, flags for MS-ERREF."""


@dataclass(frozen=True)
class Decoding:
    """The fields of one unsigned 32-bit value, read as an HRESULT."""

    value: int

    @property
    def failure(self) -> bool:
        """S, bit 31: set for a failure, clear for a success."""
        return bool(self.value >> 31 & 1)

    @property
    def reserved(self) -> bool:
        """R, bit 30 (set in the Software Licensing codes, 0xC004xxxx and 0x4004xxxx)."""
        return bool(self.value >> 30 & 1)

    @property
    def customer(self) -> bool:
        """C, bit 29: a code defined by another vendor than Microsoft."""
        return bool(self.value >> 29 & 1)

    @property
    def ntstatus(self) -> bool:
        """MS-ERREF's N, bit 28: an NTSTATUS mapped to an HRESULT (winerror.h's FACILITY_NT_BIT)."""
        return bool(self.value >> 28 & 1)

    @property
    def x_bit(self) -> bool:
        """MS-ERREF's X, bit 27: reserved there; a facility bit for winerror.h."""
        return bool(self.value >> 27 & 1)

    @property
    def facility(self) -> int:
        """winerror.h's HRESULT_FACILITY: bits 16-28."""
        return self.value >> 16 & 0x1FFF

    @property
    def ms_erref_facility(self) -> int:
        """MS-ERREF's facility: bits 16-26."""
        return self.value >> 16 & 0x7FF

    @property
    def code(self) -> int:
        """HRESULT_CODE: bits 0-15."""
        return self.value & 0xFFFF

    @property
    def canonical(self) -> str:
        return canonical(self.value)

    @property
    def signed(self) -> int:
        return signed(self.value)

    @property
    def facility_names(self) -> tuple[str, ...]:
        """winerror.h's names of the facility; empty when it has none or they do not apply
        (C set: another vendor's facility)."""
        return () if self.customer else facility_names(self.facility)

    @property
    def facility_name(self) -> str | None:
        return self.facility_names[0] if self.facility_names else None

    @property
    def win32_error(self) -> int | None:
        """The Win32 error number when the value is HRESULT_FROM_WIN32 of it (0x8007xxxx)."""
        return win32_error(self.value)

    @property
    def win32_symbol(self) -> str | None:
        symbols = win32_symbols(self.value)
        return symbols[0] if symbols else None

    @property
    def names(self) -> list[str]:
        """Every name of the value (:func:`activation_kb.domain.names.names`)."""
        return names(self.value)

    @property
    def readings_differ(self) -> bool:
        """Whether MS-ERREF reads another facility than winerror.h (bit 27 or 28 set)."""
        return bool(self.value & _MS_ERREF_FLAGS)

    def rows(self, lang: str) -> list[tuple[str, str]]:
        """Label/value rows in ``lang`` for a page, the terminal, JSON and ``go/``."""
        if lang not in LANGUAGES:
            raise ValueError(f"unsupported language {lang!r}; expected one of {LANGUAGES}")
        words = WORDS[lang].hresult
        rows = [
            (words.value, self.canonical),
            (words.severity, self._severity(words)),
            (words.facility, self._facility(words)),
            (words.code, f"0x{self.code:04X} ({self.code})"),
        ]
        if self.win32_error is not None:
            symbol = f" {self.win32_symbol}" if self.win32_symbol else ""
            rows.append((words.win32, f"{self.win32_error}{symbol}"))
        if self.names:
            rows.append((words.names, ", ".join(self.names)))
        rows += [
            (words.unsigned, str(self.value)),
            (words.signed, str(self.signed)),
            (words.bits, self._bits()),
        ]
        rows.extend((words.note, note) for note in self._notes(words))
        return rows

    def as_dict(self) -> dict[str, object]:
        """The language-neutral facts, for JSON."""
        return {
            "value": self.value,
            "canonical": self.canonical,
            "unsigned_decimal": self.value,
            "signed_decimal": self.signed,
            "severity": "failure" if self.failure else "success",
            "bits": dict(zip("SRCNX", map(int, self._flags()), strict=True)),
            "facility": self.facility,
            "facility_name": self.facility_name,
            "ms_erref_facility": self.ms_erref_facility,
            "code": self.code,
            "win32_error": self.win32_error,
            "win32_symbol": self.win32_symbol,
            "names": self.names,
        }

    def _flags(self) -> tuple[bool, ...]:
        return (self.failure, self.reserved, self.customer, self.ntstatus, self.x_bit)

    def _severity(self, words: DecodingWords) -> str:
        if self.failure:
            return words.failure
        return words.information if self.reserved else words.success

    def _facility(self, words: DecodingWords) -> str:
        if self.customer:
            return f"{self.facility} ({words.customer_facility})"
        if not self.facility_names:
            return f"{self.facility} ({words.no_facility_name})"
        shown = f"{self.facility} {', '.join(self.facility_names)}"
        about = words.facility_about.get(self.facility)
        return f"{shown} ({about})" if about else shown

    def _bits(self) -> str:
        return " ".join(
            f"{name}={int(bit)}" for name, bit in zip("SRCNX", self._flags(), strict=True)
        )

    def _notes(self, words: DecodingWords) -> list[str]:
        notes = []
        if self.reserved and not self.ntstatus:
            severity = _NTSTATUS_SEVERITIES[self.value >> 30]
            notes.append(words.r_note.format(sev=severity))
        if self.customer:
            notes.append(words.c_note)
        if self.readings_differ:
            notes.append(
                words.erref_note.format(
                    x=int(self.x_bit),
                    n=int(self.ntstatus),
                    erref=self.ms_erref_facility,
                    facility=self.facility,
                )
            )
        if self.ntstatus:
            notes.append(words.n_note.format(nt=canonical(self.value & ~(1 << 28))))
        return notes


def decode(value: int) -> Decoding:
    """The HRESULT fields of ``value`` (unsigned 32-bit)."""
    if not 0 <= value <= 0xFFFFFFFF:
        raise ValueError(f"{value} is outside the unsigned 32-bit range")
    return Decoding(value)
