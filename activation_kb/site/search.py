"""``kb search``'s side of the site's search: the index files of a built language read
back, and ranked as the search box ranks them (:mod:`activation_kb.domain.search.rank`
over the same files, so the two agree by construction).
"""

from __future__ import annotations

import bisect
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from activation_kb.domain.codes import canonical
from activation_kb.domain.errors import UsageError
from activation_kb.domain.search.query import read_query
from activation_kb.domain.search.rank import LIMIT, rank
from activation_kb.render.search_index import INDEX_DIR, read_script

__all__ = ["Hit", "SiteSearch", "index_path"]


def index_path(site: Path, lang: str) -> Path:
    """Where a built site keeps the search index of ``lang``."""
    return site / lang / INDEX_DIR


@dataclass(frozen=True)
class Hit:
    """One result."""

    location: str
    """The URL from the language's root (``0xc004f074/``; ``../go/?code=…`` for a code the
    site does not document)."""
    title: str
    teaser: str
    url: str
    """The URL from the site's root (``en/0xc004f074/``, ``go/?code=…&lang=en``)."""


class SiteSearch:
    """The search of one language: from its index folder, or from the files
    :func:`activation_kb.render.search_index.index_files` returns (``files``)."""

    def __init__(self, folder: Path | None = None, files: Mapping[str, str] | None = None):
        texts = dict(files or {})
        if folder is not None:
            try:
                texts = {f"{INDEX_DIR}/{p.name}": p.read_text("utf-8") for p in folder.glob("*.js")}
            except OSError as error:
                raise UsageError(f"cannot read the search index in {folder}: {error}") from None
        data = dict(read_script(text) for text in texts.values())
        if "index" not in data:
            raise UsageError(f"no search index in {folder}; build the site (`make site`)")
        self.meta = data["index"]
        self.lang: str = self.meta["lang"]
        self._postings: dict[str, list[tuple[int, int]]] = {}
        self._words: dict[str, str] = {}
        for number in range(len(self.meta["terms"])):
            shard = data[f"t{number}"]
            self._postings |= {term: _decoded(flat) for term, flat in shard["t"].items()}
            self._words |= shard["w"]
        self._keys = sorted(set(self._postings) | set(self._words))
        per = self.meta["docs_per_file"]
        self.rows = [row for n in range(-(-self.meta["docs"] // per)) for row in data[f"d{n}"]]
        self._codes = {
            int(row[0][2:10], 16): number
            for number, row in enumerate(self.rows)
            if number >= self.meta["first_code"]
        }

    def postings(self, term: str) -> list[tuple[int, int]]:
        return self._postings.get(term, [])

    def words_with_prefix(self, prefix: str) -> list[str]:
        start = bisect.bisect_left(self._keys, prefix)
        found = []
        for key in self._keys[start:]:
            if not key.startswith(prefix):
                break
            if key in self._words:
                found.append(self._words[key])
            elif " " not in key and "_" not in key:
                found.append(key)
        return found

    def code_page(self, value: int) -> int | None:
        return self._codes.get(value)

    def search(self, query: str, limit: int = LIMIT) -> list[Hit]:
        """The results for ``query``, best first."""
        hits = []
        for result in rank(read_query(query, self.lang), self, limit):
            if result.doc is None:
                assert result.code is not None
                code = canonical(result.code)
                location = f"{self.meta['go']}?code={code}&lang={self.lang}"
                unknown = self.meta["unknown"]
                title = unknown["title"].replace("{code}", code)
                hits.append(Hit(location, title, unknown["teaser"], location.removeprefix("../")))
            else:
                location, title, teaser = self.rows[result.doc]
                hits.append(Hit(location, title, teaser, f"{self.lang}/{location}"))
        return hits


def _decoded(flat: list[int]) -> list[tuple[int, int]]:
    pairs, doc = [], 0
    for i in range(0, len(flat), 2):
        doc = flat[i] if i == 0 else doc + flat[i]
        pairs.append((doc, flat[i + 1]))
    return pairs
