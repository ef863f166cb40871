"""HRESULT decoding: the source's 30 codes against the bit layout and winerror.h facts."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from activation_kb.domain.hresult import decode

SOURCE = Path(__file__).parent.parent / "content" / "sources" / "activation-error-codes.it-it.md"
_SUMMARY_ROW = re.compile(r"^\|\[(0x[0-9A-Fa-f]{8})\]\(#[^)]+\)", re.MULTILINE)


def _summary_codes() -> list[int]:
    return [int(code, 16) for code in _SUMMARY_ROW.findall(SOURCE.read_text(encoding="utf-8"))]


SUMMARY = _summary_codes()

# winerror.h facts, written out by hand: HRESULT_FROM_WIN32 codes of the source.
WIN32_FACTS = {
    0x80070005: (5, "ERROR_ACCESS_DENIED"),
    0x8007007B: (123, "ERROR_INVALID_NAME"),
    0x80070490: (1168, "ERROR_NOT_FOUND"),
    0x800706BA: (1722, "RPC_S_SERVER_UNAVAILABLE"),
    0x8007232A: (9002, "DNS_ERROR_RCODE_SERVER_FAILURE"),
    0x8007232B: (9003, "DNS_ERROR_RCODE_NAME_ERROR"),
    0x8007251D: (9501, "DNS_INFO_NO_RECORDS"),
}
FACILITY_FACTS = {4: "FACILITY_ITF", 7: "FACILITY_WIN32", 9: "FACILITY_SECURITY"}


def test_the_summary_table_has_thirty_distinct_codes() -> None:
    assert len(SUMMARY) == 30
    assert len(set(SUMMARY)) == 30
    assert SUMMARY[0] == 0x8004FE21 and SUMMARY[-1] == 0xC004F074


@pytest.mark.parametrize("value", SUMMARY, ids=[f"0x{v:08X}" for v in SUMMARY])
def test_summary_code_against_the_bit_layout(value: int) -> None:
    # Read the fields off the hex digits rather than with the decoder's shifts.
    digits = f"{value:08X}"
    decoding = decode(value)
    assert decoding.failure == (digits[0] in "89ABCDEF")
    assert decoding.facility == int(digits[1:4], 16) & 0x7FF
    assert decoding.code == int(digits[4:], 16)
    assert decoding.canonical == "0x" + digits
    assert decoding.facility_name == FACILITY_FACTS[decoding.facility]
    assert (decoding.customer, decoding.ntstatus, decoding.x_bit) == (False, False, False)
    if value in WIN32_FACTS:
        assert (decoding.win32_error, decoding.win32_symbol) == WIN32_FACTS[value]
    else:
        assert (decoding.win32_error, decoding.win32_symbol) == (None, None)


def test_every_summary_code_is_a_failure_in_a_known_facility() -> None:
    assert {decode(v).failure for v in SUMMARY} == {True}
    assert {decode(v).facility for v in SUMMARY} == {4, 7, 9}
    assert {v for v in SUMMARY if decode(v).facility == 7} == set(WIN32_FACTS)


def test_software_licensing_codes_are_hresults_of_facility_itf_with_r_set() -> None:
    licensing = [v for v in SUMMARY if v >> 16 == 0xC004]
    assert len(licensing) == 21
    for value in licensing:
        decoding = decode(value)
        assert (decoding.failure, decoding.reserved, decoding.facility) == (True, True, 4)
        en_notes = [text for label, text in decoding.rows("en") if label == "Note"]
        it_notes = [text for label, text in decoding.rows("it") if label == "Nota"]
        assert len(en_notes) == len(it_notes) == 1
        assert "bit 30 (R)" in en_notes[0] and "STATUS_SEVERITY_ERROR" in en_notes[0]
        assert "bit 30 (R)" in it_notes[0]


def test_0x80092328_says_facility_9_and_code_9000_and_no_more() -> None:
    decoding = decode(0x80092328)
    assert (decoding.facility, decoding.code, decoding.win32_error) == (9, 9000, None)
    rows = dict(decoding.rows("en"))
    assert rows["Facility"] == "9 FACILITY_SECURITY (FACILITY_SSPI)"
    assert rows["Code"] == "0x2328 (9000)"
    assert "Win32 error" not in rows and "Note" not in rows
    assert not any("DNS" in text for _, text in decoding.rows("en") + decoding.rows("it"))


def test_rows_of_0x80070005_in_both_languages() -> None:
    assert decode(0x80070005).rows("en") == [
        ("Value", "0x80070005"),
        ("Unsigned decimal", "2147942405"),
        ("Signed decimal", "-2147024891"),
        ("Severity", "failure (bit 31 = 1)"),
        ("R C N X bits", "R=0 C=0 N=0 X=0"),
        ("Facility", "7 FACILITY_WIN32"),
        ("Code", "0x0005 (5)"),
        ("Win32 error", "5 ERROR_ACCESS_DENIED"),
    ]
    it = dict(decode(0x80070005).rows("it"))
    assert it["Gravità"] == "errore (bit 31 = 1)"
    assert it["Codice"] == "0x0005 (5)"
    assert it["Errore Win32"] == "5 ERROR_ACCESS_DENIED"


def test_unknown_facility_is_said_in_the_page_language() -> None:
    assert dict(decode(0x80FF0001).rows("en"))["Facility"] == "255 (unknown facility)"
    assert dict(decode(0x80FF0001).rows("it"))["Facility"] == "255 (facility sconosciuta)"


def test_win32_error_without_a_symbol_in_our_table_shows_the_number_alone() -> None:
    assert dict(decode(0x80070002).rows("en"))["Win32 error"] == "2"


def test_refuses_what_is_not_32_bits_or_a_language() -> None:
    with pytest.raises(ValueError, match="32-bit"):
        decode(1 << 32)
    with pytest.raises(ValueError, match="language"):
        decode(0).rows("fr")


# --- Properties over the whole 32-bit range --------------------------------------------------

uint32 = st.integers(min_value=0, max_value=0xFFFFFFFF)


@given(uint32)
def test_fields_recombine_to_the_value(value: int) -> None:
    d = decode(value)
    bits = (d.failure, d.reserved, d.customer, d.ntstatus, d.x_bit)
    high = sum(int(bit) << shift for bit, shift in zip(bits, (31, 30, 29, 28, 27), strict=True))
    assert 0 <= d.facility < 1 << 11 and 0 <= d.code < 1 << 16
    assert high | d.facility << 16 | d.code == value
    assert d.signed % (1 << 32) == value
    assert d.as_dict()["unsigned_decimal"] == value


@given(uint32)
def test_as_dict_is_json_and_agrees_with_the_fields(value: int) -> None:
    d = decode(value)
    data = json.loads(json.dumps(d.as_dict()))
    bits = data["bits"]
    recombined = (
        bits["S"] << 31 | bits["R"] << 30 | bits["C"] << 29 | bits["N"] << 28 | bits["X"] << 27
    )
    assert recombined | data["facility"] << 16 | data["code"] == value
    assert data["canonical"] == d.canonical


@given(uint32)
def test_win32_reading_only_for_hresult_from_win32(value: int) -> None:
    d = decode(value)
    assert (d.win32_error is not None) == (value >> 16 == 0x8007)
    if d.customer or d.ntstatus:
        assert d.facility_name is None


@given(uint32)
def test_rows_have_the_same_shape_in_every_language(value: int) -> None:
    en, it = decode(value).rows("en"), decode(value).rows("it")
    assert len(en) == len(it) >= 7
    # Language-neutral values (numbers, hex, names) are identical in both languages.
    assert [v for _, v in en[:3]] == [v for _, v in it[:3]]
    assert all(label and text for label, text in en + it)
