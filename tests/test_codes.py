"""Code forms: every spelling reads back to the same 32-bit value."""

from __future__ import annotations

import pytest

from generator.codes import forms, hex_reading, parse_code
from generator.errors import CodeFormatError


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
