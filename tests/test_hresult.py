"""HRESULT decoding: the source's 30 codes and the issue's examples against the bit layout and
the header facts written by hand (tests/documented.py), and properties over every value."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from activation_kb.domain.hresult import decode
from activation_kb.domain.names import names
from tests.documented import DOCUMENTED, expected_names

SOURCE = Path(__file__).parent.parent / "content" / "sources" / "activation-error-codes.it-it.md"
_SUMMARY_ROW = re.compile(r"^\|\[(0x[0-9A-Fa-f]{8})\]\(#[^)]+\)", re.MULTILINE)


def _summary_codes() -> list[int]:
    return [int(code, 16) for code in _SUMMARY_ROW.findall(SOURCE.read_text(encoding="utf-8"))]


SUMMARY = _summary_codes()
# winerror.h: FACILITY_ITF 4 (line 31), FACILITY_WIN32 7 (24), FACILITY_SSPI 9 (19) and
# FACILITY_SECURITY 9 (22).
FACILITY_NUMBERS = {"FACILITY_ITF": 4, "FACILITY_WIN32": 7, "FACILITY_SSPI": 9}


NOTE = {"en": "Note", "it": "Nota"}


def rows(value: int, lang: str = "en") -> dict[str, str]:
    """The decoding's rows by label, but the notes (:func:`notes`)."""
    return {label: text for label, text in decode(value).rows(lang) if label != NOTE[lang]}


def notes(value: int, lang: str = "en") -> list[str]:
    return [text for label, text in decode(value).rows(lang) if label == NOTE[lang]]


def test_the_summary_table_has_the_thirty_documented_codes() -> None:
    assert len(SUMMARY) == 30
    assert sorted(SUMMARY) == sorted(row[0] for row in DOCUMENTED)
    assert SUMMARY[0] == 0x8004FE21 and SUMMARY[-1] == 0xC004F074


@pytest.mark.parametrize("value", SUMMARY, ids=[f"0x{v:08X}" for v in SUMMARY])
def test_summary_code_against_the_bit_layout(value: int) -> None:
    # Read the fields off the hex digits rather than with the decoder's shifts.
    digits = f"{value:08X}"
    decoding = decode(value)
    assert decoding.failure == (digits[0] in "89ABCDEF")
    assert decoding.facility == (int(digits[0], 16) & 1) << 12 | int(digits[1:4], 16)
    assert decoding.code == int(digits[4:], 16)
    assert decoding.canonical == "0x" + digits
    assert (decoding.customer, decoding.ntstatus, decoding.x_bit) == (False, False, False)


@pytest.mark.parametrize(
    ("code", "facility", "symbol", "sl_name", "hresult_names", "listed"),
    DOCUMENTED,
    ids=[f"0x{row[0]:08X}" for row in DOCUMENTED],
)
def test_every_facility_symbol_and_name_shown_for_the_documented_codes(
    code: int,
    facility: str,
    symbol: str | None,
    sl_name: str | None,
    hresult_names: tuple[str, ...],
    listed: int | None,
) -> None:
    decoding = decode(code)
    number = FACILITY_NUMBERS[facility]
    assert (decoding.facility, decoding.facility_name) == (number, facility)
    assert decoding.win32_symbol == symbol
    assert decoding.names == names(code) == expected_names(code)
    labels = {
        "en": ("Facility", "Win32 error", "Names"),
        "it": ("Facility", "Errore Win32", "Nomi"),
    }
    for lang, words in labels.items():
        shown = rows(code, lang)
        assert shown[words[0]].startswith(f"{number} {facility}")
        assert shown.get(words[1]) == (f"{code & 0xFFFF} {symbol}" if symbol else None)
        assert shown.get(words[2]) == (", ".join(expected_names(code)) or None)


def test_the_names_of_the_issue() -> None:
    # The SL listing: SL_E_VL_BINDING_SERVICE_UNAVAILABLE is -1073418124 (0xC004F074);
    # winerror.h 2277 and 50: E_ACCESSDENIED 0x80070005, ERROR_ACCESS_DENIED 5.
    assert names(0xC004F074) == ["SL_E_VL_BINDING_SERVICE_UNAVAILABLE"]
    assert names(0x80070005) == ["E_ACCESSDENIED", "ERROR_ACCESS_DENIED"]
    assert sum(1 for row in DOCUMENTED if row[3]) == 20  # 20 of the 30 have an SL name


def test_0x887a0005_is_facility_dxgi_2170_and_ms_erref_reads_122() -> None:
    # winapi winerror.rs 99: FACILITY_DXGI 2170 (0x87A); winerror.h 3502:
    # DXGI_ERROR_DEVICE_REMOVED _HRESULT_TYPEDEF_(0x887A0005).
    decoding = decode(0x887A0005)
    assert (decoding.failure, decoding.facility, decoding.code) == (True, 2170, 5)
    assert (decoding.facility_name, decoding.ms_erref_facility) == ("FACILITY_DXGI", 122)
    assert (decoding.x_bit, decoding.ntstatus) == (True, False)
    assert decoding.names == ["DXGI_ERROR_DEVICE_REMOVED"]
    shown = rows(0x887A0005)
    assert shown["Severity"] == "Error (failure)"
    assert shown["Facility"] == "2170 FACILITY_DXGI"
    assert shown["Names"] == "DXGI_ERROR_DEVICE_REMOVED"
    (note,) = notes(0x887A0005)
    assert "MS-ERREF" in note and "X=1, N=0" in note and ": 122." in note and ": 2170." in note
    assert "unknown" not in str(decode(0x887A0005).rows("en")).lower()


def test_0x087a0001_is_a_dxgi_success() -> None:
    # winapi winerror.rs 5646: DXGI_STATUS_OCCLUDED 0x087A0001.
    decoding = decode(0x087A0001)
    assert (decoding.failure, decoding.facility, decoding.code) == (False, 2170, 1)
    assert decoding.names == ["DXGI_STATUS_OCCLUDED"]
    assert rows(0x087A0001)["Severity"] == "Success (not an error)"
    assert rows(0x087A0001, "it")["Gravità"] == "Esito positivo (non è un errore)"


def test_0x88990001_is_facility_direct2d_2201() -> None:
    # winapi winerror.rs 107: FACILITY_DIRECT2D 2201 (0x899); winerror.h 3545:
    # D2DERR_WRONG_STATE _HRESULT_TYPEDEF_(0x88990001).
    decoding = decode(0x88990001)
    assert (decoding.facility, decoding.facility_name, decoding.code) == (
        2201,
        "FACILITY_DIRECT2D",
        1,
    )
    assert decoding.ms_erref_facility == 0x099
    assert decoding.names == ["D2DERR_WRONG_STATE"]


def test_0x4004f065_is_informational_and_0xc004f065_its_error() -> None:
    # The SL listing: SL_I_NONGENUINE_GRACE_PERIOD is 1074065509 (0x4004F065); nothing
    # names 0xC004F065.
    info, error = decode(0x4004F065), decode(0xC004F065)
    assert (info.failure, info.reserved, info.facility, info.code) == (False, True, 4, 0xF065)
    assert (error.failure, error.reserved, error.facility, error.code) == (True, True, 4, 0xF065)
    assert info.names == ["SL_I_NONGENUINE_GRACE_PERIOD"] and error.names == []
    assert rows(0x4004F065)["Severity"] == "Information (not an error)"
    assert rows(0xC004F065)["Severity"] == "Error (failure)"
    assert "STATUS_SEVERITY_INFORMATIONAL" in notes(0x4004F065)[0]
    assert "STATUS_SEVERITY_ERROR" in notes(0xC004F065)[0]
    assert "Names" not in rows(0xC004F065)


def test_rows_of_0x80070005_in_both_languages() -> None:
    assert decode(0x80070005).rows("en") == [
        ("Value", "0x80070005"),
        ("Severity", "Error (failure)"),
        ("Facility", "7 FACILITY_WIN32 (a Windows (Win32) error code carried as an HRESULT)"),
        ("Code", "0x0005 (5)"),
        ("Win32 error", "5 ERROR_ACCESS_DENIED"),
        ("Names", "E_ACCESSDENIED, ERROR_ACCESS_DENIED"),
        ("Unsigned decimal", "2147942405"),
        ("Signed decimal", "-2147024891"),
        ("Flag bits S R C N X (MS-ERREF)", "S=1 R=0 C=0 N=0 X=0"),
    ]
    it = rows(0x80070005, "it")
    assert it["Gravità"] == "Errore (esito negativo)"
    assert it["Codice"] == "0x0005 (5)"
    assert it["Errore Win32"] == "5 ERROR_ACCESS_DENIED"
    assert it["Nomi"] == "E_ACCESSDENIED, ERROR_ACCESS_DENIED"


def test_0x8007232b_is_a_dns_error() -> None:
    # winerror.h 1549: DNS_ERROR_RCODE_NAME_ERROR __MSABI_LONG(9003); 0x232B is 9003.
    shown = rows(0x8007232B)
    assert shown["Facility"].startswith("7 FACILITY_WIN32")
    assert shown["Code"] == "0x232B (9003)"
    assert shown["Win32 error"] == "9003 DNS_ERROR_RCODE_NAME_ERROR"
    assert shown["Names"] == "DNS_ERROR_RCODE_NAME_ERROR"
    assert not notes(0x8007232B)


def test_0x80092328_says_facility_9_and_both_its_names() -> None:
    decoding = decode(0x80092328)
    assert (decoding.facility, decoding.code, decoding.win32_error) == (9, 9000, None)
    shown = rows(0x80092328)
    assert shown["Facility"] == (
        "9 FACILITY_SSPI, FACILITY_SECURITY (security: authentication and cryptography)"
    )
    assert shown["Code"] == "0x2328 (9000)"
    assert "Win32 error" not in shown and "Names" not in shown and not notes(0x80092328)


def test_a_facility_without_a_name_is_said_in_the_page_language() -> None:
    assert rows(0x80FF0001)["Facility"] == "255 (no name in Windows' headers)"
    assert rows(0x80FF0001, "it")["Facility"] == "255 (senza nome negli header di Windows)"


def test_another_vendor_s_facility_gets_no_windows_name() -> None:
    shown = rows(0xA0040001)
    assert shown["Facility"] == "4 (defined by another vendor, not Microsoft)"
    assert decode(0xA0040001).facility_name is None
    assert any("Bit 29 (C)" in note for note in notes(0xA0040001))


def test_an_ntstatus_mapped_to_an_hresult_is_said_so() -> None:
    # HRESULT_FROM_NT sets bit 28 (FACILITY_NT_BIT 0x10000000): 0xD0000022 is
    # HRESULT_FROM_NT(STATUS_ACCESS_DENIED 0xC0000022).
    decoding = decode(0xD0000022)
    assert (decoding.ntstatus, decoding.facility, decoding.ms_erref_facility) == (True, 4096, 0)
    found = notes(0xD0000022)
    assert any("0xC0000022" in note and "HRESULT_FROM_NT" in note for note in found)
    assert any("X=0, N=1" in note for note in found)


def test_win32_error_without_a_symbol_shows_the_number_alone() -> None:
    # 0xFFFF is no Win32 error in these headers.
    assert rows(0x8007FFFF)["Win32 error"] == "65535"


def test_refuses_what_is_not_32_bits_or_a_language() -> None:
    with pytest.raises(ValueError, match="32-bit"):
        decode(1 << 32)
    with pytest.raises(ValueError, match="32-bit"):
        names(-1)
    with pytest.raises(ValueError, match="language"):
        decode(0).rows("fr")


# --- Properties over the whole 32-bit range --------------------------------------------------

uint32 = st.integers(min_value=0, max_value=0xFFFFFFFF)


@given(uint32)
def test_fields_recombine_to_the_value_in_both_readings(value: int) -> None:
    d = decode(value)
    assert 0 <= d.facility < 1 << 13 and 0 <= d.code < 1 << 16
    winerror = d.failure << 31 | d.reserved << 30 | d.customer << 29 | d.facility << 16 | d.code
    assert winerror == value
    bits = (d.failure, d.reserved, d.customer, d.ntstatus, d.x_bit)
    high = sum(int(bit) << shift for bit, shift in zip(bits, (31, 30, 29, 28, 27), strict=True))
    assert high | d.ms_erref_facility << 16 | d.code == value
    assert d.readings_differ == (d.facility != d.ms_erref_facility)
    assert d.signed % (1 << 32) == value
    assert d.as_dict()["unsigned_decimal"] == value


@given(uint32)
def test_as_dict_is_json_and_agrees_with_the_fields(value: int) -> None:
    d = decode(value)
    data = json.loads(json.dumps(d.as_dict()))
    bits = data["bits"]
    recombined = bits["S"] << 31 | bits["R"] << 30 | bits["C"] << 29
    assert recombined | data["facility"] << 16 | data["code"] == value
    assert data["ms_erref_facility"] == data["facility"] & 0x7FF
    assert data["canonical"] == d.canonical
    assert data["names"] == names(value)


@given(uint32)
def test_win32_reading_only_for_hresult_from_win32(value: int) -> None:
    d = decode(value)
    assert (d.win32_error is not None) == (value >> 16 == 0x8007 and value & 0xFFFF != 0)
    if d.customer:
        assert d.facility_name is None


@given(uint32)
def test_rows_have_the_same_shape_in_every_language(value: int) -> None:
    en, it = decode(value).rows("en"), decode(value).rows("it")
    assert len(en) == len(it) >= 7
    # Language-neutral values (numbers, hex, names) are identical in both languages.
    neutral = {"Value", "Code", "Names", "Unsigned decimal", "Signed decimal"}
    assert [v for (label, v) in en if label in neutral] == [
        v for (label, v), (en_label, _) in zip(it, en, strict=True) if en_label in neutral
    ]
    assert all(label and text for label, text in en + it)
