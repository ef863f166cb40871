"""The independent summary-table parser, on the real source article."""

from __future__ import annotations

from pathlib import Path

from activation_kb.check.sourcetable import parse_summary_table
from activation_kb.domain.errors import Problem

SOURCE = Path(__file__).parent.parent / "content" / "sources" / "activation-error-codes.it-it.md"


def test_the_real_source_table_has_thirty_linked_codes() -> None:
    text = SOURCE.read_text(encoding="utf-8")
    rows, problems = parse_summary_table(text, "summary-of-error-codes", "source.md")
    assert problems == []
    assert len(rows) == 30
    assert (rows[0].code, rows[2].code, rows[-1].code) == ("0x8004FE21", "0x8007007b", "0xC004F074")
    assert rows[0].anchor == "0x8004fe21-this-computer-is-not-running-genuine-windows"
    assert all(row.anchor.startswith(row.code.lower() + "-") for row in rows)
    lines = text.splitlines()
    assert all(lines[row.line - 1].startswith(f"|[{row.code}](#{row.anchor})") for row in rows)


def test_a_missing_heading_or_table_is_a_problem() -> None:
    assert parse_summary_table("# Title\n", "summary-of-error-codes", "s.md") == (
        [],
        [Problem("s.md", None, "", "no heading with the anchor 'summary-of-error-codes'")],
    )
    text = '## <a name="summary-of-error-codes"></a>Riepilogo\n\nNessuna tabella.\n\n## Altro\n'
    assert parse_summary_table(text, "summary-of-error-codes", "s.md") == (
        [],
        [Problem("s.md", None, "", "no table after the 'summary-of-error-codes' heading")],
    )
    text = (
        '## <a name="s"></a>R\n\n|Codice|M|T|\n|---|---|---|\n|0x80070005 |Accesso negato |MAK |\n'
    )
    assert parse_summary_table(text, "s", "s.md") == (
        [],
        [Problem("s.md", 5, "", "summary table row without a code link: '0x80070005'")],
    )
