"""Code forms: every spelling reads back to the same 32-bit value."""

from __future__ import annotations

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from activation_kb.domain.codes import canonical, forms, hex_reading, parse_code, signed, slug
from activation_kb.domain.errors import CodeFormatError


@pytest.mark.parametrize(
    "text",
    [
        "0xC004F074",
        "0xc004f074",
        "C004F074",
        "c004f074",
        "3221549172",
        "-1073418124",
        " 0XC004F074 ",
    ],
)
def test_every_form_of_one_code_parses_to_its_value(text: str) -> None:
    assert parse_code(text) == 0xC004F074


def test_forms_of_a_code() -> None:
    f = forms(0x8007007B)
    assert (f.canonical, f.slug, f.unsigned_decimal, f.signed_decimal) == (
        "0x8007007B",
        "0x8007007b",
        "2147942523",
        "-2147024773",
    )


@pytest.mark.parametrize(
    "text", ["", "0x", "0x123456789", "G004F074", "4294967296", "-2147483649", "--1"]
)
def test_malformed_codes_are_refused(text: str) -> None:
    with pytest.raises(CodeFormatError):
        parse_code(text)


def test_eight_bare_digits_are_decimal_with_a_hex_reading_offered() -> None:
    assert parse_code("80070005") == 80070005
    assert hex_reading("80070005") == 0x80070005
    assert hex_reading("C004F074") is None


# --- Properties over the whole 32-bit range --------------------------------------------------

uint32 = st.integers(min_value=0, max_value=0xFFFFFFFF)


def _all_forms(value: int) -> list[str]:
    f = forms(value)
    return [f.canonical, f.slug, f.bare_upper, f.bare_lower, f.unsigned_decimal, f.signed_decimal]


@given(uint32)
@example(0)
@example(9)
@example(0x10)
@example(0x7FFFFFFF)
@example(0x80000000)
@example(0xFFFFFFFF)
@example(0x80070005)
@example(0xC004F074)
def test_every_form_reads_back_to_its_value(value: int) -> None:
    f = forms(value)
    for text in (f.canonical, f.slug, f.unsigned_decimal, f.signed_decimal):
        assert parse_code(text) == value, text
    for bare in (f.bare_upper, f.bare_lower):
        if bare.isdigit():
            # Bare hex made only of digits: decimal by rule, its hex reading is the code.
            assert (parse_code(bare), hex_reading(bare)) == (int(bare, 10), value)
        else:
            assert (parse_code(bare), hex_reading(bare)) == (value, None)


@given(uint32, st.sampled_from(["", " ", "\t", "\n"]), st.sampled_from(["", " ", "\r\n"]))
def test_surrounding_white_space_is_ignored(value: int, before: str, after: str) -> None:
    for text in _all_forms(value):
        if parse_code(text) == value:
            assert parse_code(before + text + after) == value


@given(uint32)
def test_formatting_functions_agree_with_forms(value: int) -> None:
    f = forms(value)
    assert (f.canonical, f.slug) == (canonical(value), slug(value))
    assert int(f.signed_decimal) == signed(value)
    assert -(1 << 31) <= signed(value) < (1 << 31)
    assert signed(value) % (1 << 32) == value


@given(st.text())
@example("0" * 5000)  # longer than Python's int() accepts from a string
@example("-" + "9" * 5000)
@example("0x" + "f" * 5000)
def test_any_text_parses_or_raises_code_format_error(text: str) -> None:
    try:
        value = parse_code(text)
    except CodeFormatError as error:
        assert "\n" not in str(error).replace(repr(text), "")
    else:
        assert 0 <= value <= 0xFFFFFFFF


not_a_code = st.text(alphabet=st.characters(blacklist_characters="0123456789")).filter(
    lambda t: not _looks_hex(t)
)


def _looks_hex(text: str) -> bool:
    cleaned = text.strip()
    digits = cleaned[2:] if cleaned[:2].lower() == "0x" else cleaned
    return (
        bool(digits)
        and all(c in "0123456789abcdefABCDEF" for c in digits)
        and (cleaned[:2].lower() == "0x" or len(digits) == 8)
    )


@given(not_a_code)
def test_text_without_a_code_is_refused(text: str) -> None:
    with pytest.raises(CodeFormatError):
        parse_code(text)


def test_malformed_code_message_in_full() -> None:
    with pytest.raises(CodeFormatError) as caught:
        parse_code("0xC004G074")
    assert str(caught.value) == "'0xC004G074' is not an error code: 'G' is not a hex digit"
    assert caught.value.exit_code == 2


_EXPECTED = "expected hex (0xC004F074 or C004F074) or a decimal (3221549172 or -1073418124)"


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("", "the code is empty"),
        ("   ", "the code is empty"),
        ("0x", "no hex digits after 0x"),
        ("0x123456789", "hex after 0x has at most 8 digits, not 9"),
        ("0X_1", "'_' is not a hex digit"),
        ("G004F074", "'G' is not a hex digit"),
        ("C004F07", "hex without 0x needs exactly 8 digits, not 7"),
        ("4294967296", "a decimal code must be at most 4294967295"),
        ("9" * 40, "a decimal code must be at most 4294967295"),
        ("-2147483649", "a negative code must be at least -2147483648"),
        ("kms", _EXPECTED),
        ("0x8007 0005", _EXPECTED),
        ("--1", _EXPECTED),
    ],
)
def test_malformed_codes_get_a_reason_saying_what_is_wrong(text: str, reason: str) -> None:
    with pytest.raises(CodeFormatError) as caught:
        parse_code(text)
    assert str(caught.value) == f"{text!r} is not an error code: {reason}"


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("0x0", 0),
        ("0xF", 15),
        ("+15", 15),
        ("-0", 0),
        ("0000000005", 5),
        ("-2147483648", 0x80000000),
    ],
)
def test_edge_spellings(text: str, value: int) -> None:
    assert parse_code(text) == value


def test_ambiguous_bare_form_is_kept_as_an_alias() -> None:
    assert "80070005" in forms(0x80070005).aliases()
    assert parse_code("80070005") == 80070005


def test_hex_reading_of_other_text_is_none() -> None:
    assert hex_reading("0x80070005") is None
    assert hex_reading("8007005") is None
    assert hex_reading(" 80070005 ") == 0x80070005
