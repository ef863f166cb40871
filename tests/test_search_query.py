"""How the search reads words and queries (activation_kb.domain.search.text and .query)."""

from __future__ import annotations

import pytest

from activation_kb.domain.search.query import read_query
from activation_kb.domain.search.text import STOP_WORDS, fold, names, stem, words

C004F074 = 0xC004F074


@pytest.mark.parametrize(
    "text",
    [
        "0xC004F074",
        "0xc004f074",
        "0XC004F074",
        "C004F074",
        "c004f074",
        "3221549172",
        "-1073418124",
        "OxC004F074",  # the letter O typed for the zero
        "Product Activation Failed: 0xC004F074",
        "hr=0xC004F074",
        "Error CODE : (0xc004f074) when I try",
        "[Error Code: 0xC004F074]",
        "if %errorcode% EQU -1073418124 (",
    ],
)
def test_a_complete_code_is_read_in_any_form_with_any_words_around(text: str) -> None:
    assert read_query(text, "en").codes == (C004F074,)


def test_a_win32_error_with_its_hex_is_its_hresult() -> None:
    assert read_query("Error 9003 (0x232B)", "en").codes == (0x8007232B,)
    assert read_query("0x232B (9003)", "it").codes == (0x8007232B,)
    # Numbers that differ are no such pair.
    assert read_query("9004 (0x232B)", "en").codes == ()


@pytest.mark.parametrize(
    "text",
    [
        "0xC004F0",  # a code being typed
        "ci sono meno di 25 computer in rete",
        "event ID 12288",
        "TCP port 1688",
        "Windows 10 Pro 2004",
        "20191118",  # eight digits without the severity bit: a date
        "2147483647",  # a decimal without the severity bit
        "deadbeef",  # eight hex letters and no digit is a word
        "0x123456789",  # nine hex digits
    ],
)
def test_what_is_no_complete_code(text: str) -> None:
    assert read_query(text, "en").codes == ()


def test_eight_bare_digits_read_as_hex_as_tickets_mean_them() -> None:
    assert read_query("Error 80070005", "en").codes == (0x80070005,)


def test_codes_come_in_the_order_written_each_once() -> None:
    query = read_query("0x8007007B then 0xC004F056 then 8007007b", "en")
    assert query.codes == (0x8007007B, 0xC004F056)


def test_only_the_last_word_is_a_prefix_and_only_from_three_characters() -> None:
    assert read_query("product acti", "en").typed == "acti"
    assert read_query("product acti ", "en").typed is None  # a space ends the word
    assert read_query("product ac", "en").typed is None
    assert read_query("key for", "en").typed is None  # a stop word is never a prefix
    assert read_query("errore: 0xC004F074", "it").typed is None  # a code ends the query


def test_stop_words_of_both_languages_count_on_both_sites() -> None:
    for lang in ("it", "en"):
        query = read_query("the key of the server non è della chiave", lang)
        assert set(query.terms) == {stem("key", lang), stem("server", lang), stem("chiave", lang)}
    assert {"the", "to", "for", "non", "della", "e"} <= STOP_WORDS


def test_pairs_of_consecutive_words_that_count() -> None:
    query = read_query("The server refused to activate the product", "en")
    assert query.pairs == ("serv refus", "refus activ", "activ product")


def test_words_fold_case_and_accents_and_cut_at_everything_else() -> None:
    assert fold("Perché È") == "perche e"
    assert words("l'attivazione, slmgr.vbs /dli") == ["l", "attivazione", "slmgr", "vbs", "dli"]
    assert names("SL_E_VL_NOT_ENOUGH_COUNT or E_ACCESSDENIED") == [
        "sl_e_vl_not_enough_count",
        "e_accessdenied",
    ]


@pytest.mark.parametrize(
    ("lang", "forms"),
    [
        ("it", ["chiave", "chiavi"]),
        ("it", ["bloccato", "bloccata", "blocca"]),
        ("it", ["attivazione", "attivare", "attivato", "attiva"]),
        ("it", ["servizio", "servizi"]),
        ("it", ["modifica", "modifiche"]),
        ("en", ["activation", "activate", "activated", "activating"]),
        ("en", ["key", "keys"]),
        ("en", ["contact", "contacted", "contacting"]),
        ("en", ["run", "running"]),
    ],
)
def test_inflected_forms_share_a_stem(lang: str, forms: list[str]) -> None:
    assert len({stem(form, lang) for form in forms}) == 1, [stem(f, lang) for f in forms]


def test_what_the_stemmer_leaves_alone() -> None:
    assert stem("kms", "en") == "kms"  # three letters or fewer
    assert stem("0xc004f074", "en") == "0xc004f074"  # digits
    assert stem("access", "en") == "access"  # no plural s after s, u, i
    assert stem("status", "en") == "status"
