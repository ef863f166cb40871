"""``article.codes`` against the source article's summary table, as ``kb import`` reads it
(:func:`activation_kb.importer.article.summary_rows`): the same codes, spelled alike, in the
same order.
"""

from __future__ import annotations

from collections.abc import Sequence

from activation_kb.content.yaml import YamlDoc
from activation_kb.domain.codes import canonical, parse_code
from activation_kb.domain.errors import CodeFormatError, Problem
from activation_kb.importer.source_shape import Row

__all__ = ["compare_codes"]



def compare_codes(
    article_doc: YamlDoc, codes: list[str], rows: Sequence[Row], source: str
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
