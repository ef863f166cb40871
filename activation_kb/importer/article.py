"""Read the Microsoft Docs article into the dicts of ``content/`` (the source language only).

The importer works on the article's shape, not on its codes: front matter, an H1 with its
``<a name>`` anchor, the home-users note, the introduction, then three ``##`` sections
(diagnostic tool, summary table, causes and resolutions) and one ``###`` section per code
with its ``####`` "possible cause" and "resolution". Anything else is an
:class:`ImportSourceError` naming the line and what was expected there.

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
    Quote,
    ShapeError,
    parse_blocks,
    plain_text,
    render,
)
from activation_kb.importer.source_shape import (
    Row,
    Section,
    SectionCursor,
    front_matter,
    split_sections,
    summary_table,
)

__all__ = ["LOCALES", "Imported", "import_article"]

LOCALES: dict[str, str] = {"it": "it-it"}
"""The learn.microsoft.com locale of each source language."""

_NOTE_LABEL: dict[str, str] = {"it": "Nota"}
# The summary table's activation types as each language writes them (matched ignoring case).
_ACTIVATION_NAMES: dict[str, dict[ActivationType, str]] = {
    "it": {
        ActivationType.MAK: "MAK",
        ActivationType.KMS_CLIENT: "Client del Servizio di gestione delle chiavi",
        ActivationType.KMS_HOST: "Host del Servizio di gestione delle chiavi",
        ActivationType.KMS: "Servizio di gestione delle chiavi",
    },
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
    path on learn.microsoft.com without the locale. Records carry no ``en`` block, and
    neither ``related`` nor ``notes``: those are not derived from the source.
    """
    try:
        return _import(text, lang, source_file, url_path)
    except ShapeError as error:
        raise ImportSourceError(file, error.line, error.expected) from None


def _import(text: str, lang: str, source_file: str, url_path: str) -> Imported:
    lines = split_lines(text.removeprefix("\ufeff"))
    metadata, first_body_line = front_matter(lines)
    body = [Line(number, line) for number, line in enumerate(lines, start=1)][first_body_line:]
    anchors = Anchors()
    cursor = SectionCursor(split_sections(body), end_line=len(lines) + 1)
    title = cursor.take(1, anchors.title)
    diagnostic = cursor.take(2, anchors.diagnostic_tool)
    summary = cursor.take(2, anchors.summary)
    causes = cursor.take(2, anchors.causes)
    if first := next((line for line in causes.body if line.text.strip()), None):
        raise ShapeError(first.number, "expected the first '### <a name=\"…\"></a>0x… title' here")
    code_sections = []
    while not cursor.done:
        heading = cursor.take(3, None)
        code_sections.append(
            (heading, cursor.take(4, anchors.possible_cause), cursor.take(4, anchors.resolution))
        )
    if not code_sections:
        raise ShapeError(causes.line, "expected code sections ('### …') under this heading")

    inline = InlineRules(LOCALES[lang], posixpath.dirname(url_path))
    columns, rows = summary_table(summary, _ACTIVATION_NAMES[lang])
    listed = {parse_code(code) for code in _CODE_MENTION.findall(_text_of(diagnostic))}
    texts, labels = _code_texts(code_sections, rows, inline)
    records = tuple(
        {
            "code": row.code,
            "canonical": canonical(row.value),
            "anchor": row.anchor,
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
    article_text = _front_text(title, inline) | {
        "description": _required(metadata, "description"),
        "diagnostic_tool_title": plain_text(diagnostic.title),
        "diagnostic_tool": _required_markdown(diagnostic, inline),
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


def _front_text(title: Section, inline: InlineRules) -> dict[str, Any]:
    """Title, home-users note, introduction and "more information" paragraphs."""
    blocks = parse_blocks(list(title.body))
    note = blocks[0] if blocks else None
    heading = _first_line(note.children[0]) if isinstance(note, Quote) and note.children else ""
    if not isinstance(note, Quote) or not (bold := _BOLD_TITLE.match(heading)):
        where = note.line if note else title.line
        raise ShapeError(where, "expected the '> **title**' note for home users after the title")
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
        "home_users_title": plain_text(bold.group(1)),
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


def _code_texts(
    sections: list[tuple[Section, Section, Section]], rows: list[Row], inline: InlineRules
) -> tuple[dict[int, dict[str, Any]], dict[str, Any]]:
    """Each code's text keyed by code value, and the labels the sections repeat."""
    row_of = {row.value: row for row in rows}
    labels = _RepeatedLabels()
    texts: dict[int, dict[str, Any]] = {}
    first_line: dict[int, int] = {}
    for heading, cause, resolution in sections:
        named = _CODE_TITLE.match(plain_text(heading.title))
        if not named:
            raise ShapeError(heading.line, "expected the code, then the title, after the anchor")
        value = parse_code(named.group(1))
        if value in first_line:
            raise ShapeError(
                heading.line, f"expected one section per code (also at line {first_line[value]})"
            )
        first_line[value] = heading.line
        row = row_of.get(value)
        if row is None:
            raise ShapeError(heading.line, "expected a row for this code in the summary table")
        if heading.anchor != row.anchor:
            raise ShapeError(
                heading.line,
                f'expected the anchor "{row.anchor}" that the summary '
                f"table links to (line {row.line})",
            )
        labels.see("possible_cause", plain_text(cause.title), cause.line)
        labels.see("resolution", plain_text(resolution.title), resolution.line)
        full_message, explanation = _message_and_explanation(heading, labels, inline)
        text = {
            "title": named.group(2),
            "summary_message": row.message,
            "full_message": full_message,
            "explanation": explanation,
            "possible_cause": _required_markdown(cause, inline),
            "resolution": _required_markdown(resolution, inline),
        }
        texts[value] = _validated(CodeText, text, heading.line, exclude={"notes"})
    for row in rows:
        if row.value not in texts:
            raise ShapeError(
                row.line,
                f'expected a section "### <a name="{row.anchor}"></a>'
                f'{row.code} …" for this row of the summary table',
            )
    return texts, {"full_message_intro": "", **labels.values}


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
