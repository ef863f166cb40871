"""The source article's summary table, read on its own and compared with ``article.codes``.

Deliberately independent of the importer: if the importer misreads the table, this small
parser still sees what the Markdown says. It finds the heading that carries the summary
anchor (``<a name="summary-of-error-codes">``), takes the pipe table after it, and from the
first cell of each row the code and its ``#anchor`` link, e.g.
``|[0x8007007b](#0x8007007b-dns-name-does-not-exist) |…|``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from activation_kb.content.yaml import YamlDoc
from activation_kb.domain.codes import canonical, parse_code
from activation_kb.domain.errors import CodeFormatError, Problem
from activation_kb.domain.textfile import split_lines

__all__ = ["TableRow", "compare_codes", "parse_summary_table"]

_CODE_CELL = re.compile(r"^\[(?P<code>0x[0-9A-Fa-f]{8})\]\(#(?P<anchor>[^)\s]+)\)$")
_SEPARATOR = re.compile(r"^\|?\s*:?-{3,}")


@dataclass(frozen=True)
class TableRow:
    """One row of the summary table."""

    code: str
    """The code as the source writes it."""
    anchor: str
    """The anchor the row links to."""
    line: int
    """The row's line in the source file (1-based)."""


def parse_summary_table(text: str, anchor: str, file: str) -> tuple[list[TableRow], list[Problem]]:
    """The rows of the first pipe table after the heading with ``<a name="{anchor}">``."""
    lines = split_lines(text)
    marker = f'<a name="{anchor}"></a>'
    start = next(
        (i for i, line in enumerate(lines) if line.startswith("#") and marker in line), None
    )
    if start is None:
        return [], [Problem(file, None, "", f"no heading with the anchor '{anchor}'")]
    rows: list[TableRow] = []
    problems: list[Problem] = []
    in_table = False
    for number, line in enumerate(lines[start + 1 :], start=start + 2):
        stripped = line.strip()
        if not stripped.startswith("|"):
            if in_table or stripped.startswith("#"):
                break
            continue
        if not in_table:
            in_table = True  # the header row
            continue
        if _SEPARATOR.match(stripped):
            continue
        first_cell = stripped.split("|")[1].strip()
        if match := _CODE_CELL.match(first_cell):
            rows.append(TableRow(match["code"], match["anchor"], number))
        else:
            problems.append(
                Problem(file, number, "", f"summary table row without a code link: '{first_cell}'")
            )
    if not in_table:
        problems.append(Problem(file, None, "", f"no table after the '{anchor}' heading"))
    return rows, problems


def compare_codes(
    article_doc: YamlDoc, codes: list[str], rows: list[TableRow], source: str
) -> list[Problem]:
    """``article.codes`` against the table: the same codes, spelled alike, in the same order."""
    problems: list[Problem] = []
    table = {canonical(parse_code(row.code)): row for row in rows}
    listed: dict[str, int] = {}
    for index, code in enumerate(codes):
        try:
            value = canonical(parse_code(code))
        except CodeFormatError:
            continue  # reported with the article's code list
        listed.setdefault(value, index)
        row = table.get(value)
        if row is None:
            message = f"{code} is not in the source's summary table ({source})"
            problems.append(article_doc.problem(("codes", index), message))
        elif row.code != code:
            message = (
                f"'{code}' is written '{row.code}' in the source's summary table "
                f"({source}:{row.line})"
            )
            problems.append(article_doc.problem(("codes", index), message))
    for value, row in table.items():
        if value not in listed:
            message = f"{row.code} of the source's summary table ({source}:{row.line}) is missing"
            problems.append(article_doc.problem(("codes",), message))
    found = [value for value in listed if value in table]
    expected = [value for value in table if value in listed]
    for have, want in zip(found, expected, strict=True):
        if have != want:
            message = (
                f"{codes[listed[have]]} is out of order: the source's summary table lists "
                f"{table[want].code} first ({source}:{table[want].line})"
            )
            problems.append(article_doc.problem(("codes", listed[have]), message))
            break  # one shift misplaces every later code; the first is the one to fix
    return problems
