"""What the 32 bits of an error code say, read as an HRESULT.

One pure decoding shared by the code pages, ``kb lookup`` and its JSON, so that they never
disagree. The layout is MS-ERREF's::

    bit   31  30  29  28  27  26 ... 16  15 ... 0
          S   R   C   N   X   facility   code

S set means failure. C marks a customer-defined (non-Microsoft) code, N an NTSTATUS
mapped to an HRESULT; R must be 0 unless N is set, X should be 0.

The Software Licensing codes of this knowledge base (``0xC004F074``) have bits 31 and 30
set: read as an NTSTATUS that is severity "error" (bits 31-30 = 11), read as an HRESULT
bit 30 is the reserved R. We present every code as an HRESULT (``0xC004F074``: facility 4,
FACILITY_ITF, code 0xF074) and say in a note that R is set, rather than guess which
numbering space a value came from.

Names come from winerror.h. The tables hold only values we are sure of; anything else is
reported by number alone ("unknown facility", a Win32 error without a symbol).
"""

from __future__ import annotations

from dataclasses import dataclass

from activation_kb.domain.codes import canonical, signed
from activation_kb.domain.model import LANGUAGES
from activation_kb.domain.words import WORDS, DecodingWords

__all__ = ["FACILITIES", "WIN32_ERRORS", "Decoding", "decode"]

FACILITY_WIN32 = 7

FACILITIES: dict[int, tuple[str, ...]] = {
    0: ("FACILITY_NULL",),
    1: ("FACILITY_RPC",),
    2: ("FACILITY_DISPATCH",),
    3: ("FACILITY_STORAGE",),
    4: ("FACILITY_ITF",),
    7: ("FACILITY_WIN32",),
    8: ("FACILITY_WINDOWS",),
    9: ("FACILITY_SECURITY", "FACILITY_SSPI"),
    10: ("FACILITY_CONTROL",),
    11: ("FACILITY_CERT",),
    12: ("FACILITY_INTERNET",),
    13: ("FACILITY_MEDIASERVER",),
    14: ("FACILITY_MSMQ",),
    15: ("FACILITY_SETUPAPI",),
    16: ("FACILITY_SCARD",),
    17: ("FACILITY_COMPLUS",),
    18: ("FACILITY_AAF",),
    19: ("FACILITY_URT",),
    20: ("FACILITY_ACS",),
    21: ("FACILITY_DPLAY",),
    22: ("FACILITY_UMI",),
    23: ("FACILITY_SXS",),
    24: ("FACILITY_WINDOWS_CE",),
    25: ("FACILITY_HTTP",),
    32: ("FACILITY_BACKGROUNDCOPY",),
    33: ("FACILITY_CONFIGURATION",),
    34: ("FACILITY_STATE_MANAGEMENT",),
    35: ("FACILITY_METADIRECTORY",),
}
"""winerror.h facility numbers and their names (the first is the one we show)."""

WIN32_ERRORS: dict[int, str] = {
    5: "ERROR_ACCESS_DENIED",
    123: "ERROR_INVALID_NAME",
    1168: "ERROR_NOT_FOUND",
    1722: "RPC_S_SERVER_UNAVAILABLE",
    9002: "DNS_ERROR_RCODE_SERVER_FAILURE",
    9003: "DNS_ERROR_RCODE_NAME_ERROR",
    9501: "DNS_INFO_NO_RECORDS",
}
"""The Win32 error symbols behind this knowledge base's 0x8007xxxx codes (winerror.h)."""

_NTSTATUS_SEVERITIES = ("SUCCESS", "INFORMATIONAL", "WARNING", "ERROR")

@dataclass(frozen=True)
class Decoding:
    """The fields of one 32-bit value, read as an HRESULT."""

    value: int
    """The unsigned 32-bit value."""
    failure: bool
    """S, bit 31: set for a failure, clear for a success."""
    reserved: bool
    """R, bit 30: reserved unless ``ntstatus`` is set (set in the 0xC004xxxx codes)."""
    customer: bool
    """C, bit 29: a customer-defined code rather than Microsoft's."""
    ntstatus: bool
    """N, bit 28: an NTSTATUS mapped to an HRESULT."""
    x_bit: bool
    """X, bit 27: reserved, should be clear."""
    facility: int
    """Bits 16-26."""
    code: int
    """Bits 0-15."""

    @property
    def canonical(self) -> str:
        return canonical(self.value)

    @property
    def signed(self) -> int:
        return signed(self.value)

    @property
    def facility_names(self) -> tuple[str, ...]:
        """winerror.h names of the facility; empty when unknown or when they do not apply."""
        if self.customer or self.ntstatus:
            return ()
        return FACILITIES.get(self.facility, ())

    @property
    def facility_name(self) -> str | None:
        return self.facility_names[0] if self.facility_names else None

    @property
    def win32_error(self) -> int | None:
        """The Win32 error number when the value is HRESULT_FROM_WIN32 of it (0x8007xxxx)."""
        return self.code if self.value >> 16 == 0x8000 | FACILITY_WIN32 else None

    @property
    def win32_symbol(self) -> str | None:
        return WIN32_ERRORS.get(self.code) if self.win32_error is not None else None

    def rows(self, lang: str) -> list[tuple[str, str]]:
        """Label/value rows in ``lang`` for a page, the terminal or JSON."""
        if lang not in LANGUAGES:
            raise ValueError(f"unsupported language {lang!r}; expected one of {LANGUAGES}")
        words = WORDS[lang].hresult
        facility = " ".join([str(self.facility), *self.facility_names[:1]])
        if len(self.facility_names) > 1:
            facility += f" ({', '.join(self.facility_names[1:])})"
        elif not self.facility_names:
            facility += f" ({words.unknown_facility})"
        rows = [
            (words.value, self.canonical),
            (words.unsigned, str(self.value)),
            (words.signed, str(self.signed)),
            (words.severity, words.failure if self.failure else words.success),
            (words.bits, self._bits()),
            (words.facility, facility),
            (words.code, f"0x{self.code:04X} ({self.code})"),
        ]
        if self.win32_error is not None:
            symbol = f" {self.win32_symbol}" if self.win32_symbol else ""
            rows.append((words.win32, f"{self.win32_error}{symbol}"))
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
            "bits": {
                "S": int(self.failure),
                "R": int(self.reserved),
                "C": int(self.customer),
                "N": int(self.ntstatus),
                "X": int(self.x_bit),
            },
            "facility": self.facility,
            "facility_name": self.facility_name,
            "code": self.code,
            "win32_error": self.win32_error,
            "win32_symbol": self.win32_symbol,
        }

    def _bits(self) -> str:
        flags = zip("RCNX", (self.reserved, self.customer, self.ntstatus, self.x_bit), strict=True)
        return " ".join(f"{name}={int(bit)}" for name, bit in flags)

    def _notes(self, words: DecodingWords) -> list[str]:
        notes = []
        if self.reserved and not self.ntstatus:
            severity = _NTSTATUS_SEVERITIES[self.value >> 30]
            notes.append(words.r_note.format(sev=severity))
        if self.customer:
            notes.append(words.c_note)
        if self.ntstatus:
            notes.append(words.n_note.format(nt=canonical(self.value & ~(1 << 28))))
        if self.x_bit:
            notes.append(words.x_note)
        return notes


def decode(value: int) -> Decoding:
    """Split ``value`` (unsigned 32-bit) into its HRESULT fields."""
    if not 0 <= value <= 0xFFFFFFFF:
        raise ValueError(f"{value} is outside the unsigned 32-bit range")
    return Decoding(
        value=value,
        failure=bool(value >> 31 & 1),
        reserved=bool(value >> 30 & 1),
        customer=bool(value >> 29 & 1),
        ntstatus=bool(value >> 28 & 1),
        x_bit=bool(value >> 27 & 1),
        facility=value >> 16 & 0x7FF,
        code=value & 0xFFFF,
    )
