"""The outline of the source article: front matter, headed sections, the summary table.

Helpers of :mod:`activation_kb.importer.article`; they raise :class:`ShapeError` with the source
line and what was expected there.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import yaml

from activation_kb.domain.codes import parse_code
from activation_kb.domain.model import ActivationType
from activation_kb.importer.markdown_source import Line, ShapeError, plain_text

__all__ = ["Row", "Section", "SectionCursor", "front_matter", "split_sections", "summary_table"]

_HEADING = re.compile(r"^ {0,3}(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$")
_ANCHORED = re.compile(r'^<a name="([^"]+)"\s*>\s*</a>\s*(.*)$')
_FENCE = re.compile(r"^ {0,3}(```|~~~)")
_ROW_CODE = re.compile(r"^\[(0x[0-9A-Fa-f]{8})\]\(#([^()\s]+)\)$")
_DELIMITER_ROW = re.compile(r"^\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?$")
_CELL_SEPARATOR = re.compile(r"(?<!\\)\|")
_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)


def front_matter(lines: list[str]) -> tuple[dict[str, str], int]:
    """The front matter, every value verbatim as text, and the index of the next line."""
    if not lines or lines[0].strip() != "---":
        raise ShapeError(1, "expected YAML front matter opening with '---'")
    end = next((index for index in range(1, len(lines)) if lines[index].strip() == "---"), None)
    if end is None:
        raise ShapeError(1, "expected a '---' line closing the front matter")
    try:
        # BaseLoader keeps every value as the text it is: "9/18/2019", "80826354".
        data = yaml.load("\n".join(lines[1:end]), Loader=yaml.BaseLoader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        raise ShapeError(
            2 + (mark.line if mark else 0), "expected valid YAML front matter"
        ) from None
    if not isinstance(data, dict) or not all(isinstance(v, str) for v in data.values()):
        raise ShapeError(2, "expected front matter of 'key: value' lines")
    return data, end + 1


@dataclass(frozen=True)
class Section:
    """A heading (its level, line, ``<a name>`` anchor and text) and the lines under it."""

    level: int
    line: int
    anchor: str | None
    title: str
    body: tuple[Line, ...]


def split_sections(lines: list[Line]) -> list[Section]:
    """The sections of ``lines``; text before the first heading must be blank."""
    sections: list[Section] = []
    heading: tuple[int, int, str | None, str] | None = None
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
        anchor, title = (
            (anchored.group(1), anchored.group(2)) if anchored else (None, found.group(2))
        )
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

    def take(self, level: int, anchor: str | None) -> Section:
        """The next section, which must be a level-``level`` heading with ``anchor``
        (with any anchor when ``anchor`` is None)."""
        hashes = "#" * level
        name = anchor or "…"
        expected = f"expected a '{hashes} <a name=\"{name}\"></a>…' heading"
        if level == 3:
            expected = "expected a '### <a name=\"…\"></a>0x… title' code section"
        if self.done:
            raise ShapeError(self._end_line, f"{expected} before the end of the file")
        section = self._sections[self._index]
        if section.level != level or section.anchor is None or anchor not in (None, section.anchor):
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
    section: Section, names: dict[ActivationType, str]
) -> tuple[list[str], list[Row]]:
    """The column headers and rows of the table that is the whole of ``section``.

    ``names`` are the activation types' names in the source's language.
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
    seen: dict[int, int] = {}
    for line in table[2:]:
        row = _row(line, names)
        if row.value in seen:
            raise ShapeError(
                line.number, f"expected each code once (also at line {seen[row.value]})"
            )
        seen[row.value] = line.number
        rows.append(row)
    return columns, rows


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
