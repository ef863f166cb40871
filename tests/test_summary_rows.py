"""The source article's summary table, read once (activation_kb.importer.article.summary_rows)
for kb import and kb check alike."""

from __future__ import annotations

from activation_kb.importer.article import summary_rows
from tests.conftest import PROJECT_CONTENT

SOURCE = PROJECT_CONTENT / "sources" / "activation-error-codes.it-it.md"
HEAD = '---\ntitle: x\n---\n# <a name="t"></a>T\n\n## <a name="summary-of-error-codes"></a>R\n\n'


def test_the_real_source_table_has_thirty_linked_codes() -> None:
    text = SOURCE.read_text(encoding="utf-8")
    rows, problems = summary_rows(text, "it")
    assert problems == []
    assert len(rows) == 30
    assert (rows[0].code, rows[2].code, rows[-1].code) == ("0x8004FE21", "0x8007007b", "0xC004F074")
    assert rows[0].anchor == "0x8004fe21-this-computer-is-not-running-genuine-windows"
    lines = text.splitlines()
    assert all(lines[row.line - 1].startswith(f"|[{row.code}](#{row.anchor})") for row in rows)


def test_what_cannot_be_read_is_located() -> None:
    assert summary_rows("# Title\n", "it") == (
        [],
        [(1, "expected YAML front matter opening with '---'")],
    )
    assert summary_rows(HEAD + "Nessuna tabella.\n\n## Altro\n", "it") == (
        [],
        [(8, "expected the summary table under this heading")],
    )
    table = "|Codice|M|T|\n|---|---|---|\n|0x80070005 |Accesso negato |MAK |\n"
    assert summary_rows(HEAD + table, "it") == (
        [],
        [(10, "expected a row '|[0x…](#anchor) |message |activation types |'")],
    )
