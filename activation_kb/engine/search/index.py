"""The site's search in Python: the same index, the same query handling, the same ranking.

``kb search`` answers from a built language site's ``search/search_index.json`` by
rebuilding, with lunr.py, the index Material's worker builds with lunr.js:

* the fields and boosts, separator, language and pipeline of the index's own ``config``;
* Material's tokenizer: markup is skipped, the text between tags is cut at the separator
  and lower-cased; BM25 without length normalisation (``b = 0``), as Material sets it;
* the query goes through our rewrite and Material's transform
(:mod:`activation_kb.engine.search.query`);
* Material's post-query boost: a score grows with the share of query terms a section
  matched, and whole pages beat their sections; then results are grouped by page.

The first page of :func:`SiteSearch.search` is the first result the site shows.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lunr.builder import Builder
from lunr.exceptions import BaseLunrException
from lunr.index import Index
from lunr.stop_word_filter import stop_word_filter as english_stop_word_filter
from lunr.token import Token
from lunr.token_set import TokenSet

from activation_kb.domain.errors import UsageError
from activation_kb.engine.search.language import Language, SearchSetupError, language
from activation_kb.engine.search.query import material_transform, pieces, query_clauses, rewrite

__all__ = ["Hit", "QuerySyntaxError", "SiteSearch", "index_path"]

_PIPELINE_ORDER = ("trimmer", "stopWordFilter", "stemmer")
_TAG = re.compile(r"<[^>]*>")
_CODE_PAGE = re.compile(r"^(0x[0-9a-f]{8})/$")


class QuerySyntaxError(UsageError):
    """A query lunr cannot parse (``kms^x``: a boost must be a number)."""

    def __init__(self, query: str, error: Exception) -> None:
        super().__init__(f"{query!r} is not a query the site's search can read: {error}")


def index_path(site: Path, lang: str) -> Path:
    """Where a built site keeps the search index of ``lang``."""
    return site / lang / "search" / "search_index.json"


@dataclass(frozen=True)
class Hit:
    """One result: a page, with the title and score of its best-matching section."""

    location: str
    """The page's URL relative to the language's root (``0xc004f074/``)."""
    title: str
    """The page's title as the index holds it (HTML-escaped text)."""
    score: float
    """Material's boosted score of the page's best section."""


@dataclass
class _Document:
    location: str
    title: str
    parent: str | None


class SiteSearch:
    """The search of one built language site."""

    def __init__(self, index_file: Path) -> None:
        try:
            data = json.loads(index_file.read_text(encoding="utf-8"))
            config, docs = data["config"], data["docs"]
        except (OSError, ValueError, KeyError, TypeError) as error:
            raise SearchSetupError(f"{index_file} is no search index: {error}") from None
        langs = config["lang"]
        if len(langs) != 1:
            raise SearchSetupError(f"{index_file}: kb search mirrors one language, not {langs}")
        self.language: Language = language(langs[0])
        self.separator = re.compile(config["separator"])
        self.stems = "stemmer" in config["pipeline"]
        self.documents = _documents(docs)
        self.texts = {str(doc["location"]): str(doc.get("text", "")) for doc in docs}
        """Each document's indexed text (HTML), by location."""
        self.pages = frozenset(
            match.group(1) for doc in docs if (match := _CODE_PAGE.match(doc["location"]))
        )
        self.index = self._build(config, docs)

    def _build(self, config: dict[str, Any], docs: list[dict[str, Any]]) -> Index:
        builder = Builder()
        builder.ref("location")
        builder.b(0)
        functions = self.language.functions
        for name in _PIPELINE_ORDER:
            if name in config["pipeline"]:
                builder.pipeline.add(functions[name])
        if self.stems:
            builder.search_pipeline.add(functions["stemmer"])
        for name, spec in config["fields"].items():
            builder.field(name, boost=spec.get("boost", 1), extractor=self._extractor(name))
        for doc in docs:
            builder.add(doc, {"boost": doc["boost"]} if "boost" in doc else None)
        return builder.build()

    def _extractor(self, field: str) -> Callable[[dict[str, Any]], list[str]]:
        # lunr.py takes a list as tokens already cut; Material cuts them with its own tokenizer.
        def extract(doc: dict[str, Any]) -> list[str]:
            return self.tokens(doc.get(field))

        return extract

    def tokens(self, value: object) -> list[str]:
        """Material's tokenizer: the text outside tags, cut at the separator, lower-cased."""
        if value is None:
            return []
        values = value if isinstance(value, list) else [value]
        return [
            piece.lower()
            for text in values
            for segment in _TAG.split(str(text))
            for piece in pieces(segment, self.separator)
        ]

    def transform(self, query: str) -> str:
        """The query string lunr parses: our rewrite, then Material's transform."""
        stem = self.language.stem if self.stems else None
        rewritten = rewrite(query, self.pages, self.separator, stem, _IndexTerms(self.index))
        return material_transform(rewritten, self.separator)

    def search(self, query: str) -> list[Hit]:
        """The pages the site lists for ``query``, best first; :class:`QuerySyntaxError` when
        lunr cannot parse it (the site lists nothing then)."""
        transformed = self.transform(query)
        if not transformed:
            return []
        try:
            clauses = query_clauses(transformed)
            results = self.index.search(transformed)
        except BaseLunrException as error:
            # The site shows no result for it (Material logs "Invalid query").
            raise QuerySyntaxError(query, error) from None
        scored = []
        for result in results:
            doc = self.documents.get(result["ref"])
            if doc is None:
                continue
            terms = _query_terms(clauses, list(result["match_data"].metadata))
            found = sum(terms.values())
            share = found / len(terms) if terms else math.nan
            boost = (0 if doc.parent is not None else 1) + share
            scored.append((result["score"] * (1 + boost**2), doc))
        scored.sort(key=lambda item: -item[0])
        pages: dict[str, Hit] = {}
        for score, doc in scored:
            page = doc.location if doc.parent is None else doc.parent
            if page not in pages:
                title = self.documents[page].title
                pages[page] = Hit(location=page, title=title, score=score)
        return list(pages.values())


def _documents(docs: list[dict[str, Any]]) -> dict[str, _Document]:
    """Material's document map: a section's parent is the first document of its page."""
    found: dict[str, _Document] = {}
    for doc in docs:
        location, title = str(doc["location"]), str(doc["title"])
        path = location.split("#")[0]
        if path not in found:
            found[path] = _Document(location, title, None)
        else:
            found[location] = _Document(location, title, path)
    return found


def _query_terms(clauses: list[str], matched: list[str]) -> dict[str, bool]:
    """Material's ``getSearchQueryTerms``: which query terms a document matched; unmatched
    terms count only when they are not English stop words (as Material checks them)."""
    pending = list(clauses)
    terms: dict[str, bool] = {}
    for term in matched:
        for clause in list(pending):
            if term.startswith(clause):
                terms[clause] = True
                pending.remove(clause)
    for clause in pending:
        if clause and english_stop_word_filter(Token(clause)) is not None:
            terms[clause] = False
    return terms


class _IndexTerms:
    """The terms of a lunr index, read off its token set (a trie of every term)."""

    def __init__(self, index: Index) -> None:
        self._root = index.token_set

    def _node(self, text: str) -> TokenSet | None:
        node = self._root
        for char in text:
            node = node.edges.get(char)
            if node is None:
                return None
        return node

    def begins_a_term(self, text: str) -> bool:
        return self._node(text) is not None

    def is_term(self, text: str) -> bool:
        node = self._node(text)
        return node is not None and node.final
