"""Code forms: every spelling reads back to the same 32-bit value."""

from __future__ import annotations

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from activation_kb.domain.codes import canonical, forms, parse_code, signed, slug, written_codes
from activation_kb.domain.errors import ECHO_LIMIT, CodeFormatError, echo


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


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # Exactly 8 bare digits: hex, as tickets mean it.
        ("80070005", 0x80070005),
        (" 80070005 ", 0x80070005),
        ("00000005", 5),
        ("12345678", 0x12345678),
        # Any other digits: decimal, leading zeros allowed.
        ("080070005", 80070005),
        ("8007005", 8007005),
        ("+80070005", 80070005),
        ("-80070005", (1 << 32) - 80070005),
        ("0003221549172", 0xC004F074),
        ("-0001073418124", 0xC004F074),
        # Hex after 0x: leading zeros allowed, at most 8 digits besides them.
        ("0x000000000C004F074", 0xC004F074),
        ("0x0000000080070005", 0x80070005),
        ("0X00000000000000000", 0),
    ],
)
def test_one_rule_for_bare_digits_and_leading_zeros(text: str, value: int) -> None:
    assert parse_code(text) == value


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
    # Nine zeros and more make any decimal more than 8 digits long: decimal by the rule.
    for text in (f.canonical, f.slug, "000000000" + f.unsigned_decimal):
        assert parse_code(text) == value, text
    if value >> 31:
        assert parse_code(f.signed_decimal) == value
    # An unsigned decimal of 8 digits is read as hex: only then is it another code.
    assert (parse_code(f.unsigned_decimal) == value) == (len(f.unsigned_decimal) != 8)
    assert all(parse_code(alias) == value for alias in f.aliases())
    for bare in (f.bare_upper, f.bare_lower):
        assert parse_code(bare) == value  # 8 bare digits are hex, with letters or not


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
        ("0x123456789", "hex after 0x has at most 8 digits besides leading zeros, not 9"),
        ("0x0123456789", "hex after 0x has at most 8 digits besides leading zeros, not 9"),
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


def test_all_digit_bare_form_is_an_alias() -> None:
    assert "80070005" in forms(0x80070005).aliases()


def test_an_eight_digit_decimal_is_no_alias_since_it_reads_as_hex() -> None:
    # 12345678 is 0x00BC614E; "12345678" reads as 0x12345678.
    aliases = forms(12345678).aliases()
    assert "12345678" not in aliases
    assert aliases == ["0x00bc614e", "00BC614E", "00bc614e"]


def test_messages_repeat_at_most_80_characters_of_the_text() -> None:
    assert ECHO_LIMIT == 80
    assert echo("0xC004F074") == "0xC004F074"
    assert echo("a" * 80) == "a" * 80
    long = "<" + "x" * 10_000 + ">"
    shown = echo(long)
    assert len(shown) == 80
    assert shown.startswith("<xxx") and shown.endswith("xxx>") and shown.count("…") == 1
    with pytest.raises(CodeFormatError) as caught:
        parse_code(long)
    assert len(str(caught.value).split(" is not an error code")[0]) == 82  # with its quotes
    assert caught.value.text == long


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("0x8007007b DNS name does not exist.", "0x8007007B DNS name does not exist."),
        ("see (0Xc004f074).", "see (0xC004F074)."),
        ("0x8007007b-dns-name", "0x8007007b-dns-name"),  # an anchor: not a code in text
        ("x0x8007007b 0x8007007bc 0x8007007", "x0x8007007b 0x8007007bc 0x8007007"),
        ("no code", "no code"),
    ],
)
def test_codes_in_text_are_written_as_pages_write_them(text: str, shown: str) -> None:
    assert written_codes(text) == shown
