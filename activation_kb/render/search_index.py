"""The site's search index, written from the content at build time: script files under
each language's ``search/kb/`` (:data:`INDEX_DIR`).

One document per page: the landing page, the summary pages of a large catalogue, then the
code pages in order of value (the order of ``go/codes/v<n>.js``, so a code's place there
gives its page number here). Each page's text is read in fields, each with its weight
(:data:`FIELDS`): a code page's title, the names of its code in the error tables
(``SL_E_VL_BINDING_SERVICE_UNAVAILABLE``), its messages (the verbatim Windows strings),
its text (explanation, cause, resolution, notes) and its code (``0xc004f074``, for a code
being typed). Besides each word's stem (:mod:`activation_kb.domain.search.text`), every pair
of consecutive words that count is a term (``"kms contact"``), and so is each identifier
written whole: a pasted message or name meets its page through them.

Each term gets, per page, one whole number (:func:`weight`): BM25 with ``k1`` =
:data:`K1` and no length normalisation, each field's count saturated on its own and the
fields then weighed (BM25F's way), times 100. The ranking
(:mod:`activation_kb.domain.search.rank`) only adds and compares them.

The files (each a script calling ``kbSearchShard(name, data)``, which a worker loads with
``importScripts`` from any server and from ``file://``):

- ``index.js``: the number of pages, the first key of each ``t`` file, the words of the
  "not in this knowledge base" result, where ``go/`` and its files of codes are;
- ``t<n>.js``: consecutive keys in sorted order, at most about :data:`TERM_BYTES` each:
  ``t`` maps a stem (or pair, or name) to its postings ``[page, weight, gap, weight, …]``
  (pages ascending, each after the first as the gap from the previous one), ``w`` maps a
  word of the index to its stem (what a word being typed is looked up in);
- ``d<n>.js``: :data:`DOCS_PER_FILE` pages each, ``[location, title, teaser]``; the
  teaser of a code page is its message, the landing page's its introduction.

A query loads the index, the ``t`` files of its terms and the ``d`` files of the pages it
lists: its size does not depend on the catalogue's.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from dataclasses import dataclass, field

from activation_kb.domain.codes import parse_code, slug, written_codes
from activation_kb.domain.hresult import decode
from activation_kb.domain.markdown import spans
from activation_kb.domain.model import CodeRecord, Content
from activation_kb.domain.search.text import STOP_WORDS, pairs, stem, words_and_names
from activation_kb.domain.tables.hresults import HRESULT_NAMES
from activation_kb.domain.tables.licensing import LICENSING_NAMES
from activation_kb.domain.words import WORDS
from activation_kb.render.go_codes import CHUNK, SHARD_DIR
from activation_kb.render.summary import SummaryPart, summary_parts

__all__ = [
    "DOCS_PER_FILE",
    "FIELDS",
    "INDEX_DIR",
    "K1",
    "TERM_BYTES",
    "Document",
    "documents",
    "index_files",
    "weight",
]

INDEX_DIR = "search/kb"
"""The index's folder in each language."""
DOCS_PER_FILE = 32
TERM_BYTES = 48_000
K1 = 1.2
FIELDS = {"title": 6, "name": 3, "code": 6, "message": 2, "text": 1}
"""Each field's weight: a word of the title counts six times a word of the text."""
PAIRED = frozenset({"title", "name", "message"})
"""The fields whose consecutive words are also indexed as pairs: what is pasted."""
FORMAT = 1


@dataclass(frozen=True)
class Document:
    """One page as the index reads it."""

    location: str
    """The page's URL from its language's root: ``""``, ``0xc004f074/``."""
    title: str
    teaser: str
    fields: dict[str, list[str]] = field(default_factory=dict)
    """Plain text by field name (:data:`FIELDS`)."""


def documents(content: Content, lang: str) -> list[Document]:
    """Every page of ``lang`` in the index's order."""
    parts = summary_parts(content)
    records = sorted(content.records, key=lambda record: parse_code(record.code))
    return [
        _landing(content, lang),
        *(_summary(content, part, lang) for part in parts),
        *(_code(record, lang) for record in records),
    ]


def _landing(content: Content, lang: str) -> Document:
    article = getattr(content.article, lang)
    text = [article.home_users, article.intro, *article.more_info, article.diagnostic_tool_title]
    text += [article.diagnostic_tool, article.summary_title, article.causes_title]
    fields = {"title": [article.title], "text": [_plain(markdown) for markdown in text]}
    return Document("", article.title, _plain(article.intro).strip(), fields)


def _summary(content: Content, part: SummaryPart, lang: str) -> Document:
    article = getattr(content.article, lang)
    title = f"{article.summary_title}: {part.first.code} – {part.last.code}"
    teaser = f"{part.prefix}xxxx" + (f" · {part.facility}" if part.facility else "")
    location = part.path.removesuffix("index.md")
    return Document(location, title, teaser, {"title": [title, teaser]})


def _code(record: CodeRecord, lang: str) -> Document:
    text = getattr(record, lang)
    value = parse_code(record.code)
    messages = list(dict.fromkeys(m for m in (text.summary_message, text.full_message) if m))
    body = [text.explanation or "", text.possible_cause, text.resolution, *text.notes]
    fields = {
        "title": [text.title],
        "name": list(error_names(value)),
        "code": [slug(value)],
        "message": messages,
        "text": [_plain(markdown) for markdown in body],
    }
    # The preview shows the code and the message as the page writes them (0x8007007B).
    title, teaser = f"{record.canonical} {text.title}", written_codes(messages[-1])
    return Document(f"{slug(value)}/", title, teaser, fields)


def error_names(value: int) -> tuple[str, ...]:
    """The names of ``value`` in the error tables: Software Licensing, HRESULT, Win32."""
    found = [LICENSING_NAMES.get(value), *HRESULT_NAMES.get(value, ()), decode(value).win32_symbol]
    return tuple(dict.fromkeys(name for name in found if name))


def _plain(markdown: str) -> str:
    """The words of Markdown: links as their text, URLs and callout markers left out."""
    out = []
    for line in markdown.splitlines():
        line = line.lstrip("> ").replace("[!NOTE]", "").replace("[!IMPORTANT]", "")
        start = 0
        for span in spans(line):
            out.append(line[start : span.start])
            out.append("" if span.kind in ("autolink", "image") else f" {span.text} ")
            start = span.end
        out.append(line[start:] + "\n")
    return "".join(out)


def terms(text: str, lang: str, with_pairs: bool = True) -> tuple[list[str], list[str]]:
    """The words of ``text`` that count, and its terms: their stems, pairs of consecutive
    ones (``with_pairs``), and whole identifiers."""
    found, identifiers = words_and_names(text)
    counted = [word for word in found if word not in STOP_WORDS]
    stems = [stem(word, lang) for word in counted]
    return counted, stems + (_near_pairs(stems) if with_pairs else []) + identifiers


def _near_pairs(stems: list[str]) -> list[str]:
    """The pairs of a page's text: each word with the next one and with the one after
    (``"servic contact"`` from "Service (KMS) could be contacted"), so that a query's two
    consecutive words meet them when the page puts one word between them."""
    return pairs(stems) + pairs(stems[::2]) + pairs(stems[1::2])


def idf(pages: int, having: int) -> float:
    """How rare a term is that ``having`` of the index's ``pages`` have (BM25's)."""
    return math.log(1 + (pages - having + 0.5) / (having + 0.5))


_ORDER = tuple(FIELDS)


def weight(counts: tuple[int, ...], pages: int, having: int) -> int:
    """The whole-number weight of a term in a page, counted ``counts`` times in each field
    (in :data:`FIELDS`' order), when ``having`` of the index's ``pages`` have it: each
    field's count saturates on its own (BM25's ``k1``), then the fields are weighed, so
    that a word of the title outweighs the same word said three times in the text."""
    fields = sum(
        FIELDS[name] * n * (K1 + 1) / (n + K1) for name, n in zip(_ORDER, counts, strict=True) if n
    )
    return round(100 * idf(pages, having) * fields)


def _counts(docs: list[Document], lang: str) -> tuple[list[dict[str, list[int]]], set[str]]:
    """Each page's terms with their count in each field, and every word that counts. A
    text met again (a resolution or message shared by several codes) is read once."""
    place = {name: number for number, name in enumerate(_ORDER)}
    read: dict[str, tuple[list[str], Counter[str]]] = {}
    every: list[dict[str, list[int]]] = []
    seen: set[str] = set()
    for doc in docs:
        count: dict[str, list[int]] = {}
        for name, texts in doc.fields.items():
            field = place[name]
            for text in texts:
                if text not in read:
                    counted, found = terms(text, lang, name in PAIRED)
                    read[text] = (counted, Counter(found))
                    seen.update(counted)
                for term, n in read[text][1].items():
                    fields = count.get(term)
                    if fields is None:
                        fields = count[term] = [0] * len(_ORDER)
                    fields[field] += n
        every.append(count)
    return every, seen


def _postings(counts: list[dict[str, list[int]]]) -> dict[str, list[int]]:
    """Each term's postings, encoded (:func:`_encoded`)."""
    having = Counter(term for count in counts for term in count)
    weights: dict[tuple[tuple[int, ...], int], int] = {}
    postings: dict[str, list[tuple[int, int]]] = {}
    for number, count in enumerate(counts):
        for term, fields in count.items():
            key = (tuple(fields), having[term])
            if key not in weights:
                weights[key] = weight(key[0], len(counts), key[1])
            postings.setdefault(term, []).append((number, weights[key]))
    return {term: _encoded(pairs) for term, pairs in postings.items()}


def _encoded(pairs: list[tuple[int, int]]) -> list[int]:
    flat, previous = [], 0
    for number, (doc, value) in enumerate(pairs):
        flat += [doc if number == 0 else doc - previous, value]
        previous = doc
    return flat


def _term_files(postings: dict[str, list[int]], vocabulary: dict[str, str]):
    keys = sorted(set(postings) | set(vocabulary))
    files: list[dict[str, dict]] = []
    firsts: list[str] = []
    size = TERM_BYTES
    for key in keys:
        entry = {}
        if key in postings:
            entry["t"] = postings[key]
        if key in vocabulary and vocabulary[key] != key:
            entry["w"] = vocabulary[key]
        cost = len(key) + 8 + sum(len(json.dumps(value)) for value in entry.values())
        if size + cost > TERM_BYTES and (not files or files[-1]["t"] or files[-1]["w"]):
            files.append({"t": {}, "w": {}})
            firsts.append(key)
            size = 0
        size += cost
        for part, value in entry.items():
            files[-1][part][key] = value
    return firsts, files


def index_files(content: Content, lang: str) -> dict[str, str]:
    """The index of ``lang``, by path from the language's root."""
    docs = documents(content, lang)
    counts, seen = _counts(docs, lang)
    firsts, term_files = _term_files(_postings(counts), {word: stem(word, lang) for word in seen})
    words_ = WORDS[lang]
    meta = {
        "format": FORMAT,
        "lang": lang,
        "docs": len(docs),
        "docs_per_file": DOCS_PER_FILE,
        "terms": firsts,
        "first_code": len(docs) - len(content.records),
        # From this folder: the language's root is two folders up, go/ one more.
        "codes": {"base": f"../../../{SHARD_DIR}/", "chunk": CHUNK},
        # From the language's root, as the results' locations.
        "go": "../go/",
        "unknown": {"title": words_.search_unknown, "teaser": words_.search_unknown_teaser},
    }
    files = {"index": meta}
    files |= {f"t{number}": data for number, data in enumerate(term_files)}
    rows = [[doc.location, doc.title, doc.teaser] for doc in docs]
    for number, start in enumerate(range(0, len(rows), DOCS_PER_FILE)):
        files[f"d{number}"] = rows[start : start + DOCS_PER_FILE]
    return {f"{INDEX_DIR}/{name}.js": script(name, data) for name, data in files.items()}


def script(name: str, data: object) -> str:
    """A file of the index: one call, its data as JSON (ASCII, whatever the charset a
    server announces)."""
    return f"kbSearchShard({json.dumps(name)},{json.dumps(data, separators=(',', ':'))});\n"


def read_script(text: str) -> tuple[str, object]:
    """The name and data of a file :func:`script` wrote."""
    head, _, rest = text.partition(",")
    name = json.loads(head.removeprefix("kbSearchShard("))
    return name, json.loads(rest.rstrip().removesuffix(");"))
