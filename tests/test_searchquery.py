"""Query handling before lunr: our rewrite and Material's transform, on hand-made cases."""

from __future__ import annotations

import re

import pytest

from activation_kb.engine.search.language import language
from activation_kb.engine.search.query import material_transform, pieces, query_clauses, rewrite

SEPARATOR = re.compile(r"[\s\-,;:!?.'\"’“”«»()\[\]{}<>/\\|=]+|&(?:lt|gt|amp|quot);")
PAGES = frozenset({"0xc004f074", "0x80070005", "0x8007007b"})
ITALIAN = language("it").stem


@pytest.mark.parametrize(
    "query",
    [
        "0xC004F074",
        "0xc004f074",
        "C004F074",
        "c004f074",
        "3221549172",
        "-1073418124",
        "+3221549172",
    ],
)
def test_every_form_of_a_known_code_becomes_its_page_token(query: str) -> None:
    assert rewrite(query, PAGES, SEPARATOR, None) == "0xc004f074"
    assert rewrite(query, PAGES, SEPARATOR, ITALIAN) == "0xc004f074"


def test_eight_bare_digits_name_the_hex_code_when_only_that_is_a_page() -> None:
    # 80070005 read as decimal is 0x04C5C575, which has no page; read as hex it has one.
    assert rewrite("80070005", PAGES, SEPARATOR, None) == "0x80070005"


def test_codes_inside_punctuation_and_among_words() -> None:
    assert rewrite("errore (0x8007007B),", PAGES, SEPARATOR, None) == "errore 0x8007007b"


def test_a_leading_minus_is_never_not() -> None:
    assert rewrite("-1073418125", PAGES, SEPARATOR, None) == "1073418125"
    assert rewrite("slmgr -ipk", PAGES, SEPARATOR, None) == "slmgr ipk"
    assert "-" not in material_transform(rewrite("-2147024891", PAGES, SEPARATOR, None), SEPARATOR)


def test_unknown_codes_and_partial_codes_stay_as_typed() -> None:
    assert rewrite("0xC004F075", PAGES, SEPARATOR, None) == "0xC004F075"
    assert rewrite("0xC004F07", PAGES, SEPARATOR, ITALIAN) == "0xc004f07"
    assert rewrite("1688", PAGES, SEPARATOR, ITALIAN) == "1688"


def test_italian_words_are_split_and_stemmed_like_the_index() -> None:
    # Snowball Italian: "chiave" and "chiavi" → "chiav"/"chi", "bloccato"/"bloccata" → "blocc".
    assert rewrite("bloccato", PAGES, SEPARATOR, ITALIAN) == "blocc"
    assert rewrite("Bloccata,", PAGES, SEPARATOR, ITALIAN) == "blocc"
    assert rewrite("l'attivazione", PAGES, SEPARATOR, ITALIAN) == "l attiv"
    assert "chiav".startswith(rewrite("chiavi", PAGES, SEPARATOR, ITALIAN))


def test_lunr_syntax_is_left_to_material() -> None:
    for query in ("+chiave", "title:chiave", "chiav*", "chiave~1", '"chiave"'):
        assert rewrite(query, PAGES, SEPARATOR, ITALIAN) == query


def test_without_stemming_words_are_untouched() -> None:
    assert rewrite("Keys blocked", PAGES, SEPARATOR, None) == "Keys blocked"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("chiave prodotto", "chiave* prodotto*"),
        ("  chiave  ", "chiave*"),
        ('"porta 1688"', "+porta +1688"),
        ("+chiave -dns", "+chiave -dns"),
        ("chiave -", "chiave*"),
        ("slmgr.vbs /dli", "slmgr* vbs* dli*"),
        ("kms~", "kms~1"),
        ("kms^2", "kms^2"),
        ("http:server", "http server*"),  # Material keeps a lone word before the colon whole
        ("title:kms", "title:kms*"),
        ("", ""),
    ],
)
def test_material_transform(query: str, expected: str) -> None:
    assert material_transform(query, SEPARATOR) == expected


def test_clauses_drop_wildcards_and_prohibited_terms() -> None:
    assert query_clauses("chiave* -dns +kms *host") == ["chiave", "kms", "host"]


def test_pieces_cut_at_the_separator_and_entities() -> None:
    assert pieces("&lt;chiave 5x5&gt; slmgr.vbs", SEPARATOR) == ["chiave", "5x5", "slmgr", "vbs"]


class _Terms:
    """A hand-made index vocabulary for the rewrite of unfinished words."""

    def __init__(self, *terms: str) -> None:
        self.terms = frozenset(terms)

    def begins_a_term(self, text: str) -> bool:
        return any(term.startswith(text) for term in self.terms)

    def is_term(self, text: str) -> bool:
        return text in self.terms


STEMS = _Terms(ITALIAN("attivazione"), ITALIAN("chiavi"), "server", ITALIAN("errore"))


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # The word's own stem begins no term: its longest beginning that is a term.
        ("attivazion", "attiv"),
        ("server di attivazio", "server di attiv"),
        # Its stem begins a term already: left alone.
        ("attivazione", ITALIAN("attivazione")),
        ("chiavi", ITALIAN("chiavi")),
        ("chia", ITALIAN("chia")),
        # No beginning of three letters or more is a term: the stem, as before.
        ("zzzzz", ITALIAN("zzzzz")),
        ("attx", ITALIAN("attx")),
    ],
)
def test_an_unfinished_word_is_searched_by_its_longest_beginning_that_is_a_term(
    query: str, expected: str
) -> None:
    assert rewrite(query, PAGES, SEPARATOR, ITALIAN, STEMS) == expected


def test_without_the_index_s_terms_every_word_is_only_stemmed() -> None:
    assert rewrite("attivazion", PAGES, SEPARATOR, ITALIAN) == ITALIAN("attivazion")
    assert ITALIAN("attivazion") != "attiv"
