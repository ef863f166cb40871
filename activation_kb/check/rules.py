"""``kb check``: every rule ``content/`` must satisfy, as one sorted list of problems.

:func:`check` is pure: it takes what :func:`activation_kb.content.loader.load` read and the
source article's text and returns problems; :func:`checked_content`, the one way to get
content the site may show, does the reading. The rules:

* the schema (from the loader): YAML syntax, missing/extra/ill-typed fields, missing
  translation blocks;
* ``article.codes``: real codes, none twice, each with its ``codes/<slug>.yaml``; no record
  file that is not listed; the same codes, spelled alike and in the same order, as the
  source's summary table (:mod:`activation_kb.check.sourcetable`), whose links match the anchors;
* each record: its file named by the slug of its code, ``canonical`` the canonical form of
  ``code``, the English title slugifying to the anchor (``code + " " + title``, lower-cased,
  only letters, digits, spaces and hyphens kept, spaces turned into hyphens); when the source
  changed the anchor (``kb import`` keeps the previous one in ``old_anchors``), the message
  says the English title is to be changed to match;
* across records: no code or anchor twice (old anchors and the article's section anchors
  included);
  ``related`` codes canonical, existing, not the record itself, and listed back;
* each language: complete and equal in language-neutral facts
(:mod:`activation_kb.check.crosslang`),
  with a label for every activation type.
"""

from __future__ import annotations

import html
import re
from collections import defaultdict
from pathlib import Path

from pydantic import BaseModel

from activation_kb.check.crosslang import check_language, compare_languages
from activation_kb.check.sourcetable import compare_codes
from activation_kb.content.loader import (
    ARTICLE_FILE,
    Loaded,
    LoadedRecord,
    assemble,
    inside,
    load,
    record_file,
)
from activation_kb.domain.codes import canonical, parse_code
from activation_kb.domain.corrections import apply, field_text
from activation_kb.domain.errors import CodeFormatError, ContentError, Problem, echo
from activation_kb.domain.model import ARTICLE, LANGUAGES, ActivationType, Content
from activation_kb.domain.urls import ARTICLE_PATH
from activation_kb.importer.article import summary_rows

__all__ = [
    "anchor_slug",
    "check",
    "checked_content",
    "sort_problems",
]


def checked_content(root: Path) -> Content:
    """The content of ``root`` as the site shows it (the Italian text corrected, see
    :mod:`activation_kb.domain.corrections`) when it passes every check; else
    :class:`ContentError` listing every problem."""
    loaded, source_text = _read(root)
    problems = check(loaded, source_text)
    content, _ = assemble(loaded)
    if problems or content is None:
        raise ContentError(problems)
    return apply(content)


def check(loaded: Loaded, source_text: str | None) -> list[Problem]:
    """Every problem of ``loaded``; ``source_text`` is the article's source, ``None`` when the
    file is missing."""
    _, problems = assemble(loaded)
    for item in loaded.records:
        problems += _record_problems(item)
    problems += _duplicates(loaded)
    problems += _related_problems(loaded)
    if loaded.article is not None and loaded.article_doc is not None:
        problems += _article_problems(loaded, source_text)
    problems += _correction_problems(loaded, source_text)
    return sort_problems(problems)


def sort_problems(problems: list[Problem]) -> list[Problem]:
    """Problems in file, line, field order, each once."""
    return sorted(set(problems), key=lambda p: (p.file, p.line or 0, p.field, p.message))


def anchor_slug(code: str, title: str) -> str:
    """The anchor an English title gives: ``0x80070490-the-product-key-you-entered-didnt-work``."""
    text = f"{code} {title}".lower()
    return _NOT_IN_ANCHOR.sub("", text).replace(" ", "-")


# Every character but letters, digits (str.isalnum: \w without "_"), spaces and hyphens.
_NOT_IN_ANCHOR = re.compile(r"[^\w -]|_")


def _record_problems(item: LoadedRecord) -> list[Problem]:
    doc, record = item.doc, item.record
    problems = []
    for language in item.languages:
        problems += check_language(doc, getattr(record, language), language)
    if item.languages == LANGUAGES:
        problems += compare_languages(doc, record.it, record.en)
    expected_file = record_file(record.code)
    if doc.file != expected_file:
        problems.append(doc.problem(("code",), f"code {record.code} belongs in {expected_file}"))
    expected = canonical(parse_code(record.code))
    if record.canonical != expected:
        message = (
            f"'{record.canonical}' is not the canonical form of {record.code}: expected {expected}"
        )
        problems.append(doc.problem(("canonical",), message))
    slugged = anchor_slug(record.code, record.en.title)
    if "en" in item.languages and slugged in record.old_anchors:
        message = (
            f"slugifies to '{slugged}', an old anchor of this code: the source now uses "
            f"'{record.anchor}' (kb import keeps the old one in old_anchors and never edits "
            "the English): retitle the English to match"
        )
        problems.append(doc.problem(("en", "title"), message))
    elif "en" in item.languages and slugged != record.anchor:
        message = f"does not match the anchor: slugifies to '{slugged}', expected '{record.anchor}'"
        problems.append(doc.problem(("en", "title"), message))
    return problems


def _duplicates(loaded: Loaded) -> list[Problem]:
    by_code: dict[str, list[LoadedRecord]] = defaultdict(list)
    by_anchor: dict[str, list[str]] = defaultdict(list)
    if loaded.article is not None:
        for name, anchor in loaded.article.anchors.model_dump().items():
            by_anchor[anchor].append(f"{ARTICLE_FILE} anchors.{name}")
    for item in loaded.records:
        by_code[canonical(parse_code(item.record.code))].append(item)
        by_anchor[item.record.anchor].append(item.doc.file)
        for old in item.record.old_anchors:  # redirects: ids on the landing page too
            by_anchor[old].append(f"{item.doc.file} old_anchors")
    problems = []
    for value, items in by_code.items():
        for item in items:
            others = ", ".join(other.doc.file for other in items if other is not item)
            if others:
                problems.append(
                    item.doc.problem(("code",), f"duplicate code {value}: also in {others}")
                )
    for item in loaded.records:
        own = item.doc.file
        places = [(("anchor",), item.record.anchor, own)]
        places += [
            (("old_anchors", index), old, f"{own} old_anchors")
            for index, old in enumerate(item.record.old_anchors)
        ]
        for path, anchor, where in places:
            elsewhere = list(by_anchor[anchor])
            elsewhere.remove(where)
            if elsewhere:
                message = f"duplicate anchor '{anchor}': also in {', '.join(elsewhere)}"
                problems.append(item.doc.problem(path, message))
    return problems


def _related_problems(loaded: Loaded) -> list[Problem]:
    valid = {canonical(parse_code(item.record.code)): item for item in loaded.records}
    existing = set(valid) | _codes_of_files(loaded.record_files)
    problems = []
    for item in loaded.records:
        own = canonical(parse_code(item.record.code))
        seen: set[str] = set()
        for index, related in enumerate(item.record.related):
            path = ("related", index)
            try:
                value = canonical(parse_code(related))
            except CodeFormatError as error:
                problems.append(
                    item.doc.problem(path, f"'{related}' is not an error code: {error.reason}")
                )
                continue
            if related != value:
                problems.append(
                    item.doc.problem(path, f"'{related}' is not canonical: write {value}")
                )
            if value == own:
                problems.append(item.doc.problem(path, "a code cannot be related to itself"))
            elif value in seen:
                problems.append(item.doc.problem(path, f"{value} listed twice"))
            elif value not in existing:
                problems.append(item.doc.problem(path, f"{value} has no record file"))
            elif value in valid and own not in _canonical_set(valid[value].record.related):
                message = f"not symmetric: {valid[value].doc.file} does not list {own} in related"
                problems.append(item.doc.problem(path, message))
            seen.add(value)
    return problems


def _article_problems(loaded: Loaded, source_text: str | None) -> list[Problem]:
    article, doc = loaded.article, loaded.article_doc
    assert article is not None and doc is not None
    problems = []
    for language in loaded.article_languages:
        problems += check_language(doc, getattr(article, language), language)
    if loaded.article_languages == LANGUAGES:
        problems += compare_languages(doc, article.it, article.en)
    for language in loaded.article_languages:
        labels = getattr(article, language).labels.activation_types
        for missing in (kind for kind in ActivationType if kind not in labels):
            path = (language, "labels", "activation_types")
            problems.append(doc.problem(path, f"no label for activation type '{missing.value}'"))
    # A listed code that is not a code is reported by assemble().
    listed = {record_file(code) for code in article.codes if _canonical_or_none(code)}
    records = {item.doc.file: item for item in loaded.records}
    for name in loaded.record_files:
        if name not in listed:
            item = records.get(name)
            message = f"not listed in {ARTICLE_FILE} codes"
            problems.append(
                item.doc.problem(("code",), message) if item else Problem(name, None, "", message)
            )
    if article.source.url_path.strip("/") != ARTICLE_PATH:
        message = (
            f"'{echo(article.source.url_path)}' is not where the article is published "
            f"({ARTICLE_PATH}): every page's CC BY attribution links there"
        )
        problems.append(doc.problem(("source", "url_path"), message))
    source = article.source.file
    if source_text is None:
        return [*problems, doc.problem(("source", "file"), f"source file '{source}' not found")]
    # The table as kb import reads it: one reader of the source article.
    rows, unread = summary_rows(source_text, LANGUAGES[0])
    problems += [Problem(source, line, "", expected) for line, expected in unread]
    problems += compare_codes(doc, article.codes, rows, source)
    for row in rows:
        item = records.get(record_file(row.code))
        # A link with characters no anchor has (upstream's "#…-couldn't-be-used") means the
        # heading whose anchor is the link without them.
        linked = {row.anchor, _NOT_IN_ANCHOR.sub("", row.anchor.lower())}
        if item is not None and item.record.anchor not in linked:
            message = (
                f"'{item.record.anchor}' differs from the source's summary table link "
                f"'#{row.anchor}' ({source}:{row.line})"
            )
            problems.append(item.doc.problem(("anchor",), message))
    return problems


def _correction_problems(loaded: Loaded, source_text: str | None) -> list[Problem]:
    """Each correction must still apply: its field exists, holds the source's wording once,
    and the source article still says it (else Microsoft fixed it upstream)."""
    doc = loaded.corrections_doc
    if doc is None:
        return []
    blocks: dict[str, BaseModel] = {
        canonical(parse_code(item.record.code)): item.record.it for item in loaded.records
    }
    if loaded.article is not None:
        blocks[ARTICLE] = loaded.article.it
    files = _codes_of_files(loaded.record_files) | {ARTICLE}
    source = _plain(source_text) if source_text is not None else None
    problems, seen = [], set()
    for index, correction in enumerate(loaded.corrections):
        where = doc.problem
        block = blocks.get(correction.code)
        key = (correction.code, correction.field, correction.source)
        if key in seen:
            problems.append(where((index, "source"), "the same correction is listed twice"))
        seen.add(key)
        if block is None:
            if correction.code not in files:  # else the record's own problems say why
                problems.append(where((index, "code"), f"no record of {correction.code}"))
            continue
        text = field_text(block, correction.field)
        count = text.count(correction.source) if text is not None else 0
        if text is None:
            message = f"{correction.code} has no Italian text field '{correction.field}'"
            problems.append(where((index, "field"), message))
        elif count != 1:
            message = (
                f"not applied: it.{correction.field} of {correction.code} holds this wording "
                f"{count} times, not once (re-imported since? update or remove the correction)"
            )
            problems.append(where((index, "source"), message))
        if source is not None and _plain(correction.source) not in source:
            message = (
                "the source article no longer says this (fixed upstream?): "
                "remove the correction"
            )
            problems.append(where((index, "source"), message))
        if correction.corrected == correction.source:
            problems.append(where((index, "corrected"), "the same wording as the source's"))
    return problems


def _plain(text: str) -> str:
    """Markdown as the importer's text compares with it: entities decoded, emphasis and
    code marks and line breaks gone, white space collapsed."""
    return " ".join(html.unescape(_MARKS.sub(" ", text)).split())


_MARKS = re.compile(r"[*`]|<br\s*/?>", re.IGNORECASE)


def _read(root: Path) -> tuple[Loaded, str | None]:
    loaded = load(root)
    if loaded.article is None:
        return loaded, None
    source_path = inside(root, loaded.article.source.file)
    if source_path is None:
        return loaded, None
    # A stray byte in the source must not hide the table; the importer reports encodings.
    return loaded, source_path.read_text(encoding="utf-8", errors="replace")


def _codes_of_files(names: tuple[str, ...]) -> set[str]:
    # A file whose name is not a code is reported by the file-name rule or as unlisted.
    return {value for name in names if (value := _canonical_or_none(Path(name).stem))}


def _canonical_set(codes: list[str]) -> set[str]:
    # A related entry that is not a code is reported on its own record.
    return {value for code in codes if (value := _canonical_or_none(code))}


def _canonical_or_none(code: str) -> str | None:
    try:
        return canonical(parse_code(code))
    except CodeFormatError:
        return None
