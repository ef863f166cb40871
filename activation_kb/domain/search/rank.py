"""The ranking of the site's search, over an index of weighted postings.

The index (:mod:`activation_kb.render.search_index`) gives each pair of a term and a page
one whole number, the term's weight in that page: BM25 of the term's count in each field
of the page, the fields weighed (title above message above text), without length
normalisation. A query is then ranked with whole numbers only, so that Python and the
browser (``kb-search-engine.js``) give the same order to the last place:

1. **Codes first.** Each complete code of the query that has a page puts that page first,
   in the order written; each one that has none puts a :class:`Ranked` without page
   (``doc`` is ``None``: "not in this knowledge base", with a link to ``go/``) next. No
   other page can come before them.
2. **Words.** Each word that counts (:mod:`.query`) is a group; a page's score is the sum
   over the groups of its weight for the group's term. The word being typed is a group of
   its own stem and of the stems of the index's words that begin with it, each at
   :data:`PREFIX_SHARE` of its weight, the best one counting. Identifiers written whole
   (``E_ACCESSDENIED``) and consecutive pairs of words (what a pasted message shares with
   the page's message) add their weights on top, but are no groups.
3. **Coverage.** The score is multiplied by the square of the share of groups the page
   matched, among the groups some page matches: a page with every word of the query
   beats one with a few of them repeated.
4. Ties go to the page that comes first in the index (the landing page, then the codes in
   order of value).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from activation_kb.domain.search.query import Query
from activation_kb.domain.search.text import stem

__all__ = ["LIMIT", "PREFIX_SHARE", "Index", "Ranked", "rank"]

LIMIT = 50
"""The most results a query lists (the box shows ten, and more as one scrolls)."""
PREFIX_SHARE = (9, 10)
"""A word that only begins with the word being typed weighs 9/10 of its weight."""


class Index(Protocol):
    """What the ranking reads of an index (all of it in Python, the parts a query needs in
    the browser)."""

    lang: str

    def postings(self, term: str) -> Sequence[tuple[int, int]]:
        """The pages that have ``term`` and its weight in each, by page number."""

    def words_with_prefix(self, prefix: str) -> Sequence[str]:
        """The index's stems of the words that begin with ``prefix``."""

    def code_page(self, value: int) -> int | None:
        """The page number of the code ``value``, ``None`` when the site has no page for it."""


@dataclass(frozen=True)
class Ranked:
    """One result: a page, or a code the site does not document (``doc`` is ``None``)."""

    doc: int | None
    code: int | None = None
    """The code of the query that put this result first, if one did."""
    score: float = 0.0
    """The word score (after coverage); 0 for results put first by a code."""
    matched: frozenset[str] = frozenset()
    """The query's terms (stems) the page has: what the list highlights."""


def rank(query: Query, index: Index, limit: int = LIMIT) -> list[Ranked]:
    """The results of ``query`` over ``index``, best first, at most ``limit``."""
    first = _codes_first(query, index)
    listed = {result.doc for result in first}
    words = [result for result in _by_words(query, index) if result.doc not in listed]
    return (first + words)[:limit]


def _codes_first(query: Query, index: Index) -> list[Ranked]:
    pages = [(index.code_page(value), value) for value in query.codes]
    known = [Ranked(doc, value) for doc, value in pages if doc is not None]
    unknown = [Ranked(None, value) for doc, value in pages if doc is None]
    return list({result.doc: result for result in known}.values()) + unknown


def _groups(query: Query, index: Index) -> list[list[tuple[str, int]]]:
    """Each word that counts as its candidate terms with their share (out of 10), its own
    stem first."""
    typed = stem(query.typed, index.lang) if query.typed else None
    groups = [[(term, 10)] for term in query.terms if term != typed]
    if typed is not None:
        share = PREFIX_SHARE[0] * 10 // PREFIX_SHARE[1]
        others = sorted(set(index.words_with_prefix(query.typed or "")) - {typed})
        groups.append([(typed, 10), *((found, share) for found in others)])
    return groups


def _by_words(query: Query, index: Index) -> list[Ranked]:
    groups = _groups(query, index)
    scores: dict[int, int] = {}
    matched: dict[int, set[str]] = {}
    for group in groups:
        best: dict[int, int] = {}
        for term, share in group:
            for doc, weight in index.postings(term):
                best[doc] = max(best.get(doc, 0), weight * share)
        for doc, value in best.items():
            scores[doc] = scores.get(doc, 0) + value
            matched.setdefault(doc, set()).add(group[0][0])
    for extra in (*query.names, *query.pairs):
        for doc, weight in index.postings(extra):
            if doc in scores:
                scores[doc] += weight * 10
    # A word no page has lowers every page alike: it does not count.
    total = sum(1 for group in groups if any(index.postings(term) for term, _ in group))
    ranked = [
        Ranked(doc, None, _covered(score, len(matched[doc]), total), frozenset(matched[doc]))
        for doc, score in scores.items()
    ]
    ranked.sort(key=lambda result: (-result.score, result.doc))
    return ranked


def _covered(score: int, found: int, total: int) -> float:
    """``score`` times the square of the share of groups found (the same operations, in the
    same order, as the browser's, so the same double)."""
    return score * found * found / (total * total)
