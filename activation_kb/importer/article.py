"""Read the Microsoft Docs article into the dicts of ``content/`` (the source language only).

The importer works on the article's shape, not on its codes: front matter, an H1, the note
for home users (``> **title**`` or a ``> [!NOTE]`` callout), the introduction, then three
``##`` sections (diagnostic tool, summary table, causes and resolutions) and one ``###``
section per code with a ``####`` cause heading ("Possibile causa", or per code "0x… Causa")
and one or more solution headings ("Risoluzione", "Soluzione", "Soluzione 2: …"; revisions
since 2023 put some at ``###``). Headings carry ``<a name>`` anchors in localized articles;
without one, a heading's anchor is the id DocFX derives from its text. HTML comments
(editors' notes) are dropped. Anything else is an :class:`ImportSourceError` naming every
line that could not be read and what was expected there, all of them at once.

Everything here is pure (text in, dicts out); reading and writing files is
:mod:`activation_kb.importer.plan`'s job.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from activation_kb.domain.codes import canonical, parse_code
from activation_kb.domain.errors import ImportSourceError
from activation_kb.domain.model import (
    ActivationType,
    Anchors,
    ArticleText,
    CodeText,
    Labels,
    SourceInfo,
)
from activation_kb.domain.textfile import split_lines
from activation_kb.importer.markdown_source import (
    Block,
    InlineRules,
    Line,
    Paragraph,
    Problems,
    Quote,
    ShapeError,
    parse_blocks,
    plain_text,
    render,
    without_comments,
)
from activation_kb.importer.source_shape import (
    Row,
    Section,
    SectionCursor,
    front_matter,
    heading_id,
    split_sections,
    summary_table,
)

__all__ = ["LOCALES", "Imported", "import_article", "summary_rows"]

LOCALES: dict[str, str] = {"it": "it-it", "en": "en-us"}
"""The learn.microsoft.com locale of each language the reader knows the words of. ``kb
import`` takes Italian sources (our English is a translation, not imported); the English
original is read too, in tests, to see that the reader copes with upstream's revisions."""

_NOTE_LABEL: dict[str, str] = {"it": "Nota", "en": "Note"}
# The summary table's activation types as each language writes them (matched ignoring case).
_ACTIVATION_NAMES: dict[str, dict[ActivationType, str]] = {
    "it": {
        ActivationType.MAK: "MAK",
        ActivationType.KMS_CLIENT: "Client del Servizio di gestione delle chiavi",
        ActivationType.KMS_HOST: "Host del Servizio di gestione delle chiavi",
        ActivationType.KMS: "Servizio di gestione delle chiavi",
    },
    "en": {
        ActivationType.MAK: "MAK",
        ActivationType.KMS_CLIENT: "KMS client",
        ActivationType.KMS_HOST: "KMS host",
        ActivationType.KMS: "KMS",
    },
}
# The words of a code section's headings (matched ignoring case): the cause heading, maybe
# after the code ("0x80070005 Causa"); the solution headings, maybe numbered and followed by
# what to do ("Soluzione 1: …"). The first code's words name these sections on every page.
_CAUSE_LABELS: dict[str, tuple[str, ...]] = {
    "it": ("Possibile causa", "Causa", "Cause"),
    "en": ("Possible cause", "Cause", "Causes"),
}
_SOLUTION_LABELS: dict[str, tuple[str, ...]] = {
    "it": ("Risoluzione", "Soluzione"),
    "en": ("Resolution", "Solution"),
}
_FULL_MESSAGE_INTRO = re.compile(r":\s*$")
_CALLOUT = re.compile(r"^\[!\w+\]$")
_CODE_TITLE = re.compile(r"^(0x[0-9A-Fa-f]{8})\s+(\S.*)$")
_CODE_MENTION = re.compile(r"\b0x[0-9A-Fa-f]{8}\b")
_BOLD_TITLE = re.compile(r"^\*\*(.+?)\*\*$")


@dataclass(frozen=True)
class Imported:
    """The article and its records, each a dict in schema field order."""

    article: dict[str, Any]
    records: tuple[dict[str, Any], ...]


def import_article(text: str, *, file: str, lang: str, source_file: str, url_path: str) -> Imported:
    """Parse the article ``text`` (read from ``file``) into ``lang`` dicts.

    ``source_file`` is the copy's path relative to ``content/``; ``url_path`` the article's
    path on learn.microsoft.com without the locale. Records carry no ``en`` block (when
    ``lang`` is ``it``), no ``old_anchors``, and neither ``related`` nor ``notes``: those
    are not derived from the source.
    """
    problems = Problems()
    imported = None
    try:
        imported = _import(text, lang, source_file, url_path, problems)
    except ShapeError as error:
        problems.add(error)  # the outline is not there: nothing after it can be placed
    if problems.errors or imported is None:
        first, *others = problems.in_order()
        raise ImportSourceError(
            file, first.line, first.expected, also=[(e.line, e.expected) for e in others]
        ) from None
    return imported


def summary_rows(text: str, lang: str) -> tuple[list[Row], list[tuple[int, str]]]:
    """The rows of the article's summary table, read as :func:`import_article` reads them,
    and what could not be read there, as ``(line, expected)``: ``kb check`` compares
    ``article.codes`` with them, so the table has one reader."""
    problems = Problems()
    rows: list[Row] = []
    try:
        lines = split_lines(text.removeprefix("\ufeff"))
        _, first_body_line = front_matter(lines, problems)
        numbered = [Line(number, line) for number, line in enumerate(lines, start=1)]
        body = without_comments(numbered[first_body_line:], problems)
        summary = next(
            (s for s in split_sections(body) if s.anchor == Anchors().summary and s.level == 2),
            None,
        )
        if summary is None:
            raise ShapeError(1, f"expected a '## <a name=\"{Anchors().summary}\"></a>…' heading")
        _, rows, _ = summary_table(summary, _ACTIVATION_NAMES[lang], problems)
    except ShapeError as error:
        problems.add(error)
    return rows, [(error.line, error.expected) for error in problems.in_order()]


def _import(
    text: str, lang: str, source_file: str, url_path: str, problems: Problems
) -> Imported | None:
    """The article and its records, or None when ``problems`` has any; a
    :class:`ShapeError` out of here is one after which nothing more can be read."""
    lines = split_lines(text.removeprefix("\ufeff"))
    metadata, first_body_line = front_matter(lines, problems)
    numbered = [Line(number, line) for number, line in enumerate(lines, start=1)]
    body = without_comments(numbered[first_body_line:], problems)
    anchors = Anchors()
    cursor = SectionCursor(split_sections(body), end_line=len(lines) + 1)
    title = cursor.take(1, anchors.title)
    diagnostic = cursor.take(2, anchors.diagnostic_tool)
    summary = cursor.take(2, anchors.summary)
    causes = cursor.take(2, anchors.causes)
    if first := next((line for line in causes.body if line.text.strip()), None):
        problems.add(
            ShapeError(first.number, "expected the first '### <a name=\"…\"></a>0x… title' here")
        )
    code_sections = _code_sections(cursor.rest, lang, problems)
    if not code_sections:
        raise ShapeError(causes.line, "expected code sections ('### …') under this heading")

    inline = InlineRules(LOCALES[lang], posixpath.dirname(url_path))
    rows: list[Row] | None = None
    unread: set[int] = set()
    columns: list[str] = []
    with problems.collect():
        columns, rows, unread = summary_table(summary, _ACTIVATION_NAMES[lang], problems)
    listed = {parse_code(code) for code in _CODE_MENTION.findall(_text_of(diagnostic))}
    texts, anchor_of, labels = _code_texts(code_sections, rows, unread, inline, lang, problems)
    front: dict[str, Any] = {}
    with problems.collect():
        front = _front_text(title, inline, lang)
    description = diagnostic_text = ""
    with problems.collect():
        description = _required(metadata, "description")
    with problems.collect():
        diagnostic_text = _required_markdown(diagnostic, inline)
    if problems.errors or rows is None:
        return None
    records = tuple(
        {
            "code": row.code,
            "canonical": canonical(row.value),
            "anchor": anchor_of[row.value],
            "activation_types": [kind.value for kind, _ in row.types],
            "diagnostic_tool": row.value in listed,
            lang: texts[row.value],
        }
        for row in rows
    )
    spelled = {kind: name for row in rows for kind, name in row.types}
    labels["note"] = _NOTE_LABEL[lang]
    labels["activation_types"] = {
        kind: spelled.get(kind, default) for kind, default in _ACTIVATION_NAMES[lang].items()
    }
    article_text = front | {
        "description": description,
        "diagnostic_tool_title": plain_text(diagnostic.title),
        "diagnostic_tool": diagnostic_text,
        "summary_title": plain_text(summary.title),
        "summary_columns": columns,
        "causes_title": plain_text(causes.title),
        "labels": Labels(**labels),
    }
    article = {
        "source": SourceInfo(file=source_file, url_path=url_path, metadata=metadata).model_dump(),
        "anchors": anchors.model_dump(),
        "codes": [row.code for row in rows],
        lang: _validated(ArticleText, article_text, title.line, exclude=set()),
    }
    return Imported(article, records)


def _required(metadata: dict[str, str], key: str) -> str:
    if not metadata.get(key, "").strip():
        raise ShapeError(2, f"expected a '{key}:' line in the front matter")
    return metadata[key].strip()


def _front_text(title: Section, inline: InlineRules, lang: str) -> dict[str, Any]:
    """Title, home-users note, introduction and "more information" paragraphs."""
    blocks = parse_blocks(list(title.body))
    note = blocks[0] if blocks else None
    heading = _first_line(note.children[0]) if isinstance(note, Quote) and note.children else ""
    bold = _BOLD_TITLE.match(heading)
    callout = _CALLOUT.match(heading)
    if not isinstance(note, Quote) or not (bold or callout):
        where = note.line if note else title.line
        raise ShapeError(
            where,
            "expected the note for home users after the title: '> **title**' or '> [!NOTE]'",
        )
    first = note.children[0]
    assert isinstance(first, Paragraph)
    rest: list[Block] = [Paragraph(first.line, first.lines[1:])] if first.lines[1:] else []
    note_text = render([*rest, *note.children[1:]], inline)
    if not note_text:
        raise ShapeError(note.line, "expected the text of the home-users note under its title")
    if len(blocks) < 2 or not isinstance(blocks[1], Paragraph):
        raise ShapeError(note.line, "expected the introduction paragraph after this note")
    return {
        "title": plain_text(title.title),
        # A callout has no title of its own: it is a note, titled as notes are.
        "home_users_title": plain_text(bold.group(1)) if bold else _NOTE_LABEL[lang],
        "home_users": note_text,
        "intro": render(blocks[1:2], inline),
        "more_info": [render([block], inline) for block in blocks[2:]],
    }


class _RepeatedLabels:
    """Words every code section repeats: each must read as it did where first seen."""

    def __init__(self) -> None:
        self.values: dict[str, str] = {}
        self._lines: dict[str, int] = {}

    def see(self, name: str, text: str, line: int) -> None:
        if name not in self.values:
            self.values[name], self._lines[name] = text, line
        elif self.values[name] != text:
            raise ShapeError(
                line, f'expected "{self.values[name]}" here, as at line {self._lines[name]}'
            )


@dataclass(frozen=True)
class _CodeSection:
    """A code's ``###`` heading and the headed parts under it (``####``, and the solution
    headings a revision put at ``###``)."""

    heading: Section
    parts: tuple[Section, ...]


@dataclass(frozen=True)
class _Heading:
    """What a heading under a code says: a cause or a solution, in which words."""

    kind: str  # "cause" or "solution"
    label: str
    """The label as written ("causa", "Soluzione"), without code, number or details."""
    plain: bool
    """Whether the heading is only its label (and the code): nothing else worth keeping."""


def _code_sections(sections: list[Section], lang: str, problems: Problems) -> list[_CodeSection]:
    """The code sections among the sections after "causes and resolutions": each ``###``
    heading with the headings under it, and a ``###`` solution heading (not a code) as part
    of the code before it."""
    groups: list[tuple[Section, list[Section]]] = []
    skipping = False  # under a heading that is not a code section's: nothing to place
    for section in sections:
        is_code = bool(_CODE_TITLE.match(plain_text(section.title)))
        solution = (heading := _classify(section, lang, None)) and heading.kind == "solution"
        if section.level == 3 and (is_code or not groups or skipping or not solution):
            groups.append((section, []))
            skipping = False
        elif section.level in (3, 4) and groups and not skipping:
            groups[-1][1].append(section)
        else:
            if not skipping:
                problems.add(
                    ShapeError(
                        section.line, "expected a '### <a name=\"…\"></a>0x… title' code section"
                    )
                )
            skipping = True
    return [_CodeSection(heading, tuple(parts)) for heading, parts in groups]


_NUMBERED = re.compile(r"^(?P<label>.+?)(?:\s+(?P<number>\d+))?\s*(?::\s*(?P<details>.*))?$")


def _classify(section: Section, lang: str, code: str | None) -> _Heading | None:
    """The kind of heading ``section`` has under the code ``code`` (any code when None)."""
    text = plain_text(section.title)
    coded = _CODE_TITLE.match(text)
    if coded and (code is None or parse_code(coded.group(1)) == parse_code(code)):
        text = coded.group(2)
    folded = text.casefold()
    for label in _CAUSE_LABELS[lang]:
        if folded == label.casefold():
            return _Heading("cause", text, plain=True)
    parts = _NUMBERED.match(text)
    if parts and parts["label"].casefold() in {word.casefold() for word in _SOLUTION_LABELS[lang]}:
        plain = parts["number"] is None and not parts["details"]
        return _Heading("solution", parts["label"], plain)
    return None


def _code_texts(
    sections: list[_CodeSection],
    rows: list[Row] | None,
    unread: set[int],
    inline: InlineRules,
    lang: str,
    problems: Problems,
) -> tuple[dict[int, dict[str, Any]], dict[int, str], dict[str, Any]]:
    """Each code's text and anchor keyed by code value, and the labels the sections repeat.

    ``rows`` is None when the summary table could not be read: each section is then read
    on its own; ``unread`` are the codes whose row could not be read.
    """
    row_of = {row.value: row for row in rows or []}
    labels = _RepeatedLabels()
    words: dict[str, str] = {}
    texts: dict[int, dict[str, Any]] = {}
    anchors: dict[int, str] = {}
    first_line: dict[int, int] = {}
    for section in sections:
        heading = section.heading
        with problems.collect():
            named = _CODE_TITLE.match(plain_text(heading.title))
            if not named:
                expected = "expected the code, then the title, after the anchor"
                raise ShapeError(heading.line, expected)
            value = parse_code(named.group(1))
            if value in first_line:
                raise ShapeError(
                    heading.line,
                    f"expected one section per code (also at line {first_line[value]})",
                )
            first_line[value] = heading.line
            row = row_of.get(value)
            if row is None and rows is not None and value not in unread:
                raise ShapeError(heading.line, "expected a row for this code in the summary table")
            if row is not None and heading.anchor not in (row.anchor, heading_id(row.anchor)):
                raise ShapeError(
                    heading.line,
                    f'expected the anchor "{row.anchor}" that the summary '
                    f"table links to (line {row.line})",
                )
            text = _code_text(section, named, lang, labels, words, inline)
            if row is not None:
                text["summary_message"] = row.message
                texts[value] = _validated(CodeText, text, heading.line, exclude={"notes"})
                anchors[value] = heading.anchor
    for row in rows or []:
        if row.value not in first_line:
            problems.add(
                ShapeError(
                    row.line,
                    f'expected a section "### <a name="{row.anchor}"></a>'
                    f'{row.code} …" for this row of the summary table',
                )
            )
    return texts, anchors, {"full_message_intro": "", **labels.values, **words}


def _code_text(
    section: _CodeSection,
    named: re.Match[str],
    lang: str,
    labels: _RepeatedLabels,
    words: dict[str, str],
    inline: InlineRules,
) -> dict[str, Any]:
    """The text of one code section (without the summary table's message)."""
    heading, code = section.heading, named.group(1)
    cause: Section | None = None
    solutions: list[tuple[Section, _Heading]] = []
    for part in section.parts:
        kind = _classify(part, lang, code)
        if kind is None:
            causes = ", ".join(f'"{label}"' for label in _CAUSE_LABELS[lang])
            fixes = ", ".join(f'"{label}"' for label in _SOLUTION_LABELS[lang])
            raise ShapeError(
                part.line,
                f"expected a cause heading ({causes}) or a solution heading ({fixes}), "
                f'maybe after the code, not "{plain_text(part.title)}"',
            )
        if kind.kind == "cause":
            if cause is not None or solutions:
                where = "a second" if cause is not None else "the cause after a"
                raise ShapeError(part.line, f"expected no {where} cause heading here")
            cause = part
            words.setdefault("possible_cause", _capitalized(kind.label))
        else:
            if cause is None:
                raise ShapeError(part.line, "expected the cause heading before the solutions")
            solutions.append((part, kind))
            words.setdefault("resolution", _capitalized(kind.label))
    if cause is None:
        names = " or ".join(f'"{label}"' for label in _CAUSE_LABELS[lang])
        raise ShapeError(heading.line, f"expected a cause heading ({names}) in this section")
    if not solutions:
        names = " or ".join(f'"{label}"' for label in _SOLUTION_LABELS[lang])
        raise ShapeError(heading.line, f"expected a solution heading ({names}) after the cause")
    full_message, explanation = _message_and_explanation(heading, labels, inline)
    return {
        "title": named.group(2),
        "full_message": full_message,
        "explanation": explanation,
        "possible_cause": _required_markdown(cause, inline),
        "resolution": _resolution(solutions, inline),
    }


def _resolution(solutions: list[tuple[Section, _Heading]], inline: InlineRules) -> str:
    """The solutions' text; where there are several, or a heading says more than its label
    ("Soluzione 1: …"), each under its heading in bold."""
    if len(solutions) == 1 and solutions[0][1].plain:
        return _required_markdown(solutions[0][0], inline)
    return "\n\n".join(
        f"**{inline(plain_text(part.title))}**\n\n{_required_markdown(part, inline)}"
        for part, _ in solutions
    )


def _capitalized(label: str) -> str:
    return label[:1].upper() + label[1:]


def _message_and_explanation(
    heading: Section, labels: _RepeatedLabels, inline: InlineRules
) -> tuple[str | None, str | None]:
    """The quoted full message (after its introducing sentence) and the prose after it."""
    blocks = parse_blocks(list(heading.body))
    full_message = None
    if _introduces_message(blocks):
        intro, quote = blocks[0], blocks[1]
        assert isinstance(intro, Paragraph) and isinstance(quote, Quote)
        labels.see("full_message_intro", plain_text(" ".join(intro.lines)), intro.line)
        if not all(isinstance(child, Paragraph) for child in quote.children):
            raise ShapeError(quote.line, "expected the full message as plain quoted text")
        paragraphs = [" ".join(child.lines) for child in quote.children]  # type: ignore[union-attr]
        full_message = "\n\n".join(plain_text(paragraph) for paragraph in paragraphs)
        blocks = blocks[2:]
    return full_message, render(blocks, inline) or None


def _introduces_message(blocks: list[Block]) -> bool:
    """Whether the section opens with "The full text of this message is…:" and a quote."""
    if len(blocks) < 2 or not isinstance(blocks[0], Paragraph) or not isinstance(blocks[1], Quote):
        return False
    return bool(_FULL_MESSAGE_INTRO.search(blocks[0].lines[-1])) and not _is_callout(blocks[1])


def _is_callout(quote: Quote) -> bool:
    return bool(quote.children) and bool(_CALLOUT.match(_first_line(quote.children[0])))


def _first_line(block: Block) -> str:
    return block.lines[0] if isinstance(block, Paragraph) and block.lines else ""


def _required_markdown(section: Section, inline: InlineRules) -> str:
    markdown = render(parse_blocks(list(section.body)), inline)
    if not markdown:
        raise ShapeError(section.line, "expected text under this heading")
    return markdown


def _text_of(section: Section) -> str:
    return "\n".join(line.text for line in section.body)


def _validated(model: Any, data: dict[str, Any], line: int, exclude: set[str]) -> dict[str, Any]:
    """``data`` checked against ``model`` and dumped in its field order."""
    try:
        return model(**data).model_dump(mode="json", exclude=exclude)
    except ValidationError as error:
        first = error.errors()[0]
        field = ".".join(str(part) for part in first["loc"])
        raise ShapeError(line, f"expected a valid {field}: {first['msg']}") from None
