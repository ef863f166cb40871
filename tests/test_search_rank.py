"""The search's ranking (activation_kb.domain.search.rank) on small hand-made indexes."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from activation_kb.domain.search.query import read_query
from activation_kb.domain.search.rank import Index, rank


@dataclass
class HandMade:
    """An index written by hand: postings by term, words by stem, code pages by value."""

    lang: str = "en"
    terms: dict[str, list[tuple[int, int]]] = field(default_factory=dict)
    words: dict[str, str] = field(default_factory=dict)
    codes: dict[int, int] = field(default_factory=dict)

    def postings(self, term: str) -> Sequence[tuple[int, int]]:
        return self.terms.get(term, [])

    def words_with_prefix(self, prefix: str) -> Sequence[str]:
        return [stem for word, stem in self.words.items() if word.startswith(prefix)]

    def code_page(self, value: int) -> int | None:
        return self.codes.get(value)


def pages(query: str, index: Index) -> list[int | None]:
    return [result.doc for result in rank(read_query(query, index.lang), index)]


def test_a_documented_code_comes_first_whatever_the_words_say() -> None:
    terms = {"activ": [(1, 900), (2, 10)], "fail": [(1, 900)]}
    index = HandMade(terms=terms, codes={0xC004F074: 2})
    assert pages("Product activation failed: 0xC004F074", index)[:2] == [2, 1]


def test_a_code_the_site_lacks_comes_first_as_no_page_and_no_other_code_beats_it() -> None:
    index = HandMade(terms={"slmgr": [(3, 500)]}, codes={0xC004F074: 3})
    results = rank(read_query("0x87E10BC6 when running slmgr -ato", "en"), index)
    assert (results[0].doc, results[0].code) == (None, 0x87E10BC6)
    assert [result.doc for result in results[1:]] == [3]


def test_documented_codes_before_undocumented_ones() -> None:
    index = HandMade(codes={0x8007007B: 4})
    results = rank(read_query("Error 0xC004F056 and 8007007B", "en"), index)
    assert [(r.doc, r.code) for r in results] == [(4, 0x8007007B), (None, 0xC004F056)]


def test_coverage_beats_one_word_repeated() -> None:
    # Page 1 has "kms" weighing a lot, page 2 has both words a little.
    index = HandMade(terms={"kms": [(1, 1000), (2, 300)], "dns": [(2, 100)]})
    assert pages("kms dns ", index) == [2, 1]


def test_a_word_no_page_has_does_not_count() -> None:
    index = HandMade(terms={"kms": [(1, 100)]})
    (result,) = rank(read_query("kms zzzz ", "en"), index)
    assert result.score == 100 * 10  # full coverage: zzzz is in no page


def test_only_the_word_being_typed_is_a_prefix() -> None:
    index = HandMade(
        terms={"tolerance": [(1, 100)], "to": [(2, 100)], "format": [(3, 100)], "key": [(4, 100)]},
        words={"tolerance": "tolerance", "format": "format"},
    )
    assert pages("key to ", index) == [4]  # "to" is a stop word: never "tolerance"
    assert pages("for", index) == []  # a stop word being typed expands to nothing
    assert pages("tol", index) == [1]
    assert pages("tol key ", index) == [4]  # "tol" is no longer being typed


def test_a_word_being_typed_prefers_its_own_stem() -> None:
    index = HandMade(
        terms={"host": [(1, 100)], "hostname": [(2, 100)]},
        words={"host": "host", "hostname": "hostname"},
    )
    results = rank(read_query("host", "en"), index)
    assert [r.doc for r in results] == [1, 2]
    assert results[0].score > results[1].score


def test_pairs_and_names_add_to_pages_that_match_the_words() -> None:
    index = HandMade(
        terms={
            "serv": [(1, 100), (2, 100)],
            "refus": [(1, 100), (2, 100)],
            "serv refus": [(2, 300)],
        }
    )
    assert pages("server refused ", index) == [2, 1]


def test_ties_go_to_the_page_first_in_the_index() -> None:
    index = HandMade(terms={"kms": [(7, 100), (3, 100), (5, 100)]})
    assert pages("kms ", index) == [3, 5, 7]


def test_at_most_limit_results() -> None:
    index = HandMade(terms={"kms": [(n, 100) for n in range(80)]})
    assert len(rank(read_query("kms ", "en"), index, limit=50)) == 50
