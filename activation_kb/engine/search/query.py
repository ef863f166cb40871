"""What becomes of a search query before lunr sees it, as the site's search does it.

Two steps, in the browser's order:

1. :func:`rewrite`, ours: the Python twin of
   ``overrides/assets/javascripts/workers/kb-search.js`` (read its header for the rules:
   a complete code in any form becomes its page's token, a leading ``-`` is dropped,
   words are stemmed when the site stems).
2. :func:`material_transform`, Material 9's own (``transformSearchQuery`` in its search
   worker): quoted words become required, stray operators go, every term is split with the
   index's separator and gets a trailing ``*`` unless it carries ``+``, ``-``, ``~`` or ``^``.

:func:`query_clauses` is Material's ``parseSearchQuery``: the clauses it weighs its
post-query boost with.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Protocol

from lunr.query import Query, QueryPresence
from lunr.query_lexer import QueryLexer
from lunr.query_parser import QueryParser

from activation_kb.domain.codes import parse_code, slug
from activation_kb.domain.errors import CodeFormatError

__all__ = ["MIN_BEGINNING", "Terms", "material_transform", "pieces", "query_clauses", "rewrite"]

MIN_BEGINNING = 3
"""The shortest beginning of an unfinished word that may stand for it (see :func:`rewrite`)."""


class Terms(Protocol):
    """The terms of a search index, as the rewrite asks about them."""

    def begins_a_term(self, text: str) -> bool:
        """Whether some term of the index starts with ``text``."""

    def is_term(self, text: str) -> bool:
        """Whether ``text`` is a term of the index."""


_EDGE_PUNCTUATION = re.compile(r"^[()\[\]{}<>,.;:!?'\"`«»“”‘’]+|[()\[\]{}<>,.;:!?'\"`«»“”‘’]+\Z")
_SYNTAX = re.compile(r"^[+-]|[*~^:\"]")
# JavaScript's \s, not Python's: the query is split where the browser splits it.
_JS_SPACE = "[\t\n\v\f\r \xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]"
_WHITESPACE = re.compile(f"{_JS_SPACE}+")
_QUOTED = re.compile(r'"([^"]+)"')
_REQUIRE = re.compile(rf"^\b|^(?![^\x00-\x7F]|\Z)|{_JS_SPACE}+", re.ASCII)
_STRAY = re.compile(rf'"|(?:^|{_JS_SPACE}+)[*+\-:^~]+(?={_JS_SPACE}+|\Z)')
_TRIM = re.compile(rf"^{_JS_SPACE}+|{_JS_SPACE}+\Z")
_FIELDS = ("title", "text", "tags")


def pieces(text: str, separator: re.Pattern[str]) -> list[str]:
    """The non-empty pieces of ``text`` between matches of ``separator``: Material's
    ``split``, which its tokenizer and its query transform both use."""
    found = []
    start = 0
    for match in separator.finditer(text):
        if match.start() > start:
            found.append(text[start : match.start()])
        start = match.end()
    if start < len(text):
        found.append(text[start:])
    return found


def rewrite(
    query: str,
    pages: frozenset[str],
    separator: re.Pattern[str],
    stem: Callable[[str], str] | None,
    terms: Terms | None = None,
) -> str:
    """Our rewrite of ``query`` (see ``kb-search.js``): ``pages`` are the slugs of the code
    pages in the index; ``stem`` is the index's stemmer, ``None`` when it does not stem;
    ``terms`` the index's terms, for words still being typed.

    A word being typed is stemmed as it stands ("attivazion"), and Material searches it as
    a prefix; but the index holds the stem of the whole word, which can be shorter
    ("attiv", of "attivazione"), and nothing would be found until the word is complete.
    When its stem begins no term, the word's longest beginning that is a term stands
    for it (no shorter than :data:`MIN_BEGINNING`)."""

    def stem_word(piece: str) -> str:
        assert stem is not None
        stemmed = stem(piece)
        if terms is None or terms.begins_a_term(stemmed):
            return stemmed
        for end in range(len(piece), MIN_BEGINNING - 1, -1):
            if terms.is_term(piece[:end]):
                return piece[:end]
        return stemmed

    def page_of(value: int) -> str | None:
        page = slug(value)
        return page if page in pages else None

    def rewrite_part(part: str) -> str:
        core = _EDGE_PUNCTUATION.sub("", part)
        try:
            value = parse_code(core) if core else None
        except CodeFormatError:
            value = None
        if value is not None:
            page = page_of(value)
            if page:
                return stem(page) if stem else page
        part = part.lstrip("-")  # a decimal's sign or a command's switch, never NOT
        if stem is None or _SYNTAX.search(part):
            return part
        return " ".join(stem_word(piece) for piece in pieces(part.lower(), separator))

    return " ".join(rewrite_part(part) for part in _WHITESPACE.split(query))


def material_transform(query: str, separator: re.Pattern[str]) -> str:
    """Material's ``transformSearchQuery``: the query string lunr finally parses."""
    text = _TRIM.sub("", query)
    parts = _QUOTED.split(text)
    text = "".join(_REQUIRE.sub(" +", part) if i % 2 else part for i, part in enumerate(parts))
    text = _STRAY.sub("", text)
    terms: list[str] = []
    for part in _WHITESPACE.split(text):
        terms.extend(_split_term(part, separator))
    terms = [f"{term}1" if re.search(r"[~^]\Z", term) else term for term in terms]
    terms = [term if re.search(r"^[+-]|[~^]\d+\Z", term) else f"{term}*" for term in terms]
    return " ".join(terms)


def _split_term(part: str, separator: re.Pattern[str]) -> Iterable[str]:
    """Cut one part of the query at the separator, keeping its operators on every piece."""
    terms = []
    lexer = QueryLexer(part)
    lexer.run()
    for lexeme in lexer.lexemes:
        start, end, string = lexeme["start"], lexeme["end"], lexeme["string"]
        if lexeme["type"] == QueryLexer.FIELD:
            if string not in _FIELDS:
                # Not one of our fields: the colon is text, not a field marker.
                part = f"{part[:end]} {part[end + 1 :]}"
        elif lexeme["type"] == QueryLexer.TERM:
            terms.extend(
                f"{part[:start]}{piece}{part[end:]}" for piece in pieces(string, separator)
            )
    return terms


def query_clauses(query: str) -> list[str]:
    """The terms of the clauses of a transformed ``query`` that are not prohibited, with
    their wildcards removed: what Material compares the matched index terms with."""
    parsed = Query(list(_FIELDS))
    QueryParser(query, parsed).parse()
    terms = []
    for clause in parsed.clauses:
        if clause.presence == QueryPresence.PROHIBITED:
            continue
        term = clause.term.removeprefix("*")
        terms.append(term.removesuffix("*"))
    return terms
