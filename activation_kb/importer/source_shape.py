"""The outline of the source article: front matter, headed sections, the summary table.

Helpers of :mod:`activation_kb.importer.article`; they raise :class:`ShapeError` with the source
line and what was expected there, or, where the reading can go on (a front-matter value, a
row of the table), add it to the :class:`Problems` they are given.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import yaml

from activation_kb.domain.codes import parse_code
from activation_kb.domain.model import ActivationType
from activation_kb.importer.markdown_source import Line, Problems, ShapeError, plain_text

__all__ = [
    "Row",
    "Section",
    "SectionCursor",
    "front_matter",
    "heading_id",
    "split_sections",
    "summary_table",
]

_HEADING = re.compile(r"^ {0,3}(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$")
_ANCHORED = re.compile(r'^<a name="([^"]+)"\s*>\s*</a>\s*(.*)$')
_FENCE = re.compile(r"^ {0,3}(```|~~~)")
_ROW_CODE = re.compile(r"^\[(0x[0-9A-Fa-f]{8})\]\(#([^()\s]+)\)$")
_DELIMITER_ROW = re.compile(r"^\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?$")
_CELL_SEPARATOR = re.compile(r"(?<!\\)\|")
_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)
# Every character but letters, digits, spaces and hyphens (as kb check's anchor rule).
_NOT_IN_ID = re.compile(r"[^\w -]|_")


def front_matter(lines: list[str], problems: Problems) -> tuple[dict[str, str], int]:
    """The front matter, every value verbatim as text, and the index of the next line.

    A list value (``ms.custom:`` followed by ``- …`` items) is its items joined with ", ":
    the article's metadata stays one text per key. A value that is neither is added to
    ``problems`` (and left out); front matter that is not there or not YAML raises.
    """
    if not lines or lines[0].strip() != "---":
        raise ShapeError(1, "expected YAML front matter opening with '---'")
    end = next((index for index in range(1, len(lines)) if lines[index].strip() == "---"), None)
    if end is None:
        raise ShapeError(1, "expected a '---' line closing the front matter")
    try:
        # BaseLoader keeps every value as the text it is: "9/18/2019", "80826354".
        node = yaml.compose("\n".join(lines[1:end]), Loader=yaml.BaseLoader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        raise ShapeError(
            2 + (mark.line if mark else 0), "expected valid YAML front matter"
        ) from None
    if not isinstance(node, yaml.MappingNode):
        raise ShapeError(2, "expected front matter of 'key: value' lines")
    data: dict[str, str] = {}
    for key, value in node.value:
        if not isinstance(key, yaml.ScalarNode):
            expected = "expected front matter of 'key: value' lines"
            problems.add(ShapeError(2 + key.start_mark.line, expected))
        elif isinstance(value, yaml.ScalarNode):
            data[key.value] = value.value
        elif isinstance(value, yaml.SequenceNode) and all(
            isinstance(item, yaml.ScalarNode) for item in value.value
        ):
            data[key.value] = ", ".join(item.value for item in value.value)
        else:
            expected = f"expected a text or a list of texts for '{key.value}' in the front matter"
            problems.add(ShapeError(2 + value.start_mark.line, expected))
    return data, end + 1


def heading_id(text: str) -> str:
    """The id DocFX gives a heading without ``<a name>``: its text in lower case, without
    punctuation, spaces as hyphens (``0x80070490 The product key didn't work`` →
    ``0x80070490-the-product-key-didnt-work``). Also what a link means when it has
    characters no id has (the apostrophe of ``#…-couldn't-be-used``)."""
    return _NOT_IN_ID.sub("", text.lower()).replace(" ", "-")


@dataclass(frozen=True)
class Section:
    """A heading (its level, line, anchor and text) and the lines under it.

    The anchor is the heading's ``<a name>``, as localized articles give every heading, or
    else the id DocFX derives from its text (:func:`heading_id`), as in the English original.
    """

    level: int
    line: int
    anchor: str
    title: str
    body: tuple[Line, ...]


def split_sections(lines: list[Line]) -> list[Section]:
    """The sections of ``lines``; text before the first heading must be blank."""
    sections: list[Section] = []
    heading: tuple[int, int, str, str] | None = None
    body: list[Line] = []
    in_fence = False
    for line in lines:
        if _FENCE.match(line.text):
            in_fence = not in_fence
        found = None if in_fence else _HEADING.match(line.text)
        if found is None:
            if heading is None and line.text.strip():
                raise ShapeError(line.number, "expected the '# <a name=\"…\"></a>title' heading")
            body.append(line)
            continue
        if heading is not None:
            sections.append(Section(*heading, tuple(body)))
        anchored = _ANCHORED.match(found.group(2))
        title = anchored.group(2) if anchored else found.group(2)
        anchor = anchored.group(1) if anchored else heading_id(plain_text(title))
        heading, body = (len(found.group(1)), line.number, anchor, title), []
    if heading is not None:
        sections.append(Section(*heading, tuple(body)))
    return sections


class SectionCursor:
    """Walks the sections in order, each :meth:`take` expecting one heading."""

    def __init__(self, sections: list[Section], end_line: int) -> None:
        self._sections, self._index, self._end_line = sections, 0, end_line

    @property
    def done(self) -> bool:
        return self._index == len(self._sections)

    @property
    def rest(self) -> list[Section]:
        """The sections not taken yet."""
        return self._sections[self._index :]

    def take(self, level: int, anchor: str | None) -> Section:
        """The next section, which must be a level-``level`` heading with ``anchor``
        (with any anchor when ``anchor`` is None)."""
        hashes = "#" * level
        name = anchor or "…"
        expected = f"expected a '{hashes} <a name=\"{name}\"></a>…' heading"
        if self.done:
            raise ShapeError(self._end_line, f"{expected} before the end of the file")
        section = self._sections[self._index]
        if section.level != level or anchor not in (None, section.anchor):
            raise ShapeError(section.line, expected)
        self._index += 1
        return section


@dataclass(frozen=True)
class Row:
    """One row of the summary table."""

    line: int
    code: str
    value: int
    anchor: str
    message: str
    types: tuple[tuple[ActivationType, str], ...]
    """Each activation type with its name as the row writes it."""


def summary_table(
    section: Section, names: dict[ActivationType, str], problems: Problems
) -> tuple[list[str], list[Row], set[int]]:
    """The column headers and rows of the table that is the whole of ``section``, and the
    values of the codes whose row has a problem (each added to ``problems``).

    ``names`` are the activation types' names in the source's language. A table that is
    not there or has the wrong columns raises :class:`ShapeError`.
    """
    lines = [line for line in section.body if line.text.strip()]
    table = []
    for line in lines:
        if not line.text.lstrip().startswith("|"):
            what = "nothing but the summary table" if table else "the summary table"
            raise ShapeError(line.number, f"expected {what} under this heading")
        if table and line.number != table[-1].number + 1:
            raise ShapeError(line.number, "expected one summary table, without blank lines")
        table.append(line)
    if len(table) < 3:
        where = table[-1].number + 1 if table else section.line
        raise ShapeError(
            where, "expected the summary table: a header row, a '|---|' row and one row per code"
        )
    columns = [plain_text(cell) for cell in _cells(table[0])]
    if len(columns) != 3:
        raise ShapeError(table[0].number, "expected three columns: code, message, activation type")
    if not _DELIMITER_ROW.match(table[1].text.strip()):
        raise ShapeError(table[1].number, "expected the '|---|---|---|' row under the header")
    rows: list[Row] = []
    unread: set[int] = set()
    seen: dict[int, int] = {}
    for line in table[2:]:
        try:
            row = _row(line, names)
        except ShapeError as error:
            problems.add(error)
            cells = _cells(line)
            if cells and (linked := _ROW_CODE.match(cells[0])):
                unread.add(parse_code(linked.group(1)))
            continue
        if row.value in seen:
            problems.add(
                ShapeError(line.number, f"expected each code once (also at line {seen[row.value]})")
            )
            continue
        seen[row.value] = line.number
        rows.append(row)
    return columns, rows, unread


def _cells(line: Line) -> list[str]:
    inner = line.text.strip().removeprefix("|").removesuffix("|")
    return [cell.strip() for cell in _CELL_SEPARATOR.split(inner)]


def _row(line: Line, names: dict[ActivationType, str]) -> Row:
    by_name = {name.casefold(): kind for kind, name in names.items()}
    cells = _cells(line)
    linked = _ROW_CODE.match(cells[0]) if len(cells) == 3 else None
    if not linked:
        raise ShapeError(
            line.number, "expected a row '|[0x…](#anchor) |message |activation types |'"
        )
    types = []
    for name in (plain_text(part) for part in _BREAK.split(cells[2])):
        if not name:
            continue
        kind = by_name.get(name.casefold())
        if kind is None:
            known = ", ".join(f'"{known}"' for known in names.values())
            raise ShapeError(line.number, f'expected activation types among {known}, not "{name}"')
        types.append((kind, name))
    if not types:
        raise ShapeError(line.number, "expected at least one activation type in this row")
    message = plain_text(cells[1])
    if not message:
        raise ShapeError(line.number, "expected the error message in this row")
    code = linked.group(1)
    return Row(line.number, code, parse_code(code), linked.group(2), message, tuple(types))
