"""The importer: the real article, one golden record per source quirk, malformed sources."""

from __future__ import annotations

import difflib
import re
from pathlib import Path

import pytest

from activation_kb.content.yaml import dump
from activation_kb.domain.errors import ImportSourceError
from activation_kb.importer.article import Imported, import_article

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "content" / "sources" / "activation-error-codes.it-it.md"
GOLDEN = Path(__file__).resolve().parent / "importer" / "golden"
SKELETON = GOLDEN.parent / "skeleton.md"
URL_PATH = "windows-server/get-started/activation-error-codes"


def run_import(text: str, file: str = "source.md") -> Imported:
    return import_article(
        text, file=file, lang="it", source_file="sources/source.md", url_path=URL_PATH
    )


# --- golden records: one source fragment per quirk --------------------------------------


def article_from_fragment(fragment: str) -> str:
    """A minimal article around ``fragment``: its table rows, then its code section."""
    lines = fragment.splitlines()
    rows = "\n".join(line for line in lines if line.startswith("|"))
    sections = "\n".join(line for line in lines if not line.startswith("|")).strip("\n")
    return SKELETON.read_text(encoding="utf-8").format(rows=rows, sections=sections)


@pytest.mark.parametrize("name", sorted(path.stem for path in GOLDEN.glob("*.md")))
def test_golden_record(name: str, update_golden: bool) -> None:
    imported = run_import(article_from_fragment((GOLDEN / f"{name}.md").read_text("utf-8")))
    assert len(imported.records) == 1
    actual = dump(imported.records[0])
    expected_file = GOLDEN / f"{name}.yaml"
    if update_golden:
        expected_file.write_text(actual, encoding="utf-8")
        return
    if not expected_file.exists():
        pytest.fail(f"{expected_file.name} is missing: run pytest --update-golden and review it")
    expected = expected_file.read_text(encoding="utf-8")
    if actual != expected:
        diff = difflib.unified_diff(
            expected.splitlines(keepends=True),
            actual.splitlines(keepends=True),
            f"{name}.yaml (expected)",
            f"{name}.yaml (imported)",
        )
        pytest.fail("".join(diff), pytrace=False)


def test_every_golden_fragment_has_its_expected_record() -> None:
    assert {p.stem for p in GOLDEN.glob("*.md")} == {p.stem for p in GOLDEN.glob("*.yaml")}


# --- the real article -------------------------------------------------------------------


@pytest.fixture(scope="module")
def real() -> Imported:
    return run_import(SOURCE.read_text(encoding="utf-8"))


def summary_table_of_source() -> list[tuple[str, str]]:
    """(code, anchor) of each summary-table row, read independently of the importer."""
    text = SOURCE.read_text(encoding="utf-8")
    return re.findall(r"^\|\[(0x[0-9A-Fa-f]{8})\]\(#([a-z0-9-]+)\)", text, flags=re.M)


def test_real_source_gives_the_codes_of_its_summary_table_in_order(real: Imported) -> None:
    rows = summary_table_of_source()
    assert len(rows) == 30
    assert [(r["code"], r["anchor"]) for r in real.records] == rows
    assert real.article["codes"] == [code for code, _ in rows]
    assert "0x8007007b" in real.article["codes"]  # the table's lower-case spelling is kept


def test_every_anchor_of_the_source_is_a_record_anchor(real: Imported) -> None:
    text = SOURCE.read_text(encoding="utf-8")
    section_anchors = re.findall(r'^### <a name="([^"]+)"></a>', text, flags=re.M)
    assert sorted(section_anchors) == sorted(r["anchor"] for r in real.records)


def test_diagnostic_tool_flags_follow_the_listed_codes(real: Imported) -> None:
    flagged = {r["canonical"] for r in real.records if r["diagnostic_tool"]}
    assert flagged == {"0xC004F038", "0xC004F039", "0xC004F041", "0xC004F074", "0xC004C008"}


def test_article_fields(real: Imported) -> None:
    article = real.article
    assert article["source"]["file"] == "sources/source.md"
    assert article["source"]["metadata"]["ms.date"] == "9/18/2019"
    assert article["source"]["metadata"]["ms.locfileid"] == "80826354"
    assert len(article["source"]["metadata"]) == 14
    text = article["it"]
    assert text["home_users_title"] == "Utenti domestici"
    assert text["summary_columns"] == [
        "Codice di errore",
        "Messaggio di errore",
        "Tipo di attivazione",
    ]
    assert len(text["more_info"]) == 3
    assert all(p.startswith("Per altre informazioni") for p in text["more_info"])
    assert "Knowledge Base [Informazioni" in text["more_info"][2]  # no-break space → space
    assert text["labels"] == {
        "possible_cause": "Possibile causa",
        "resolution": "Risoluzione",
        "full_message_intro": (
            "Il testo completo di questo messaggio di errore è simile al seguente:"
        ),
        "note": "Nota",
        "activation_types": {
            "mak": "MAK",
            "kms-client": "Client del Servizio di gestione delle chiavi",
            "kms-host": "Host del Servizio di gestione delle chiavi",
            "kms": "Servizio di gestione delle chiavi",
        },
    }


def test_no_raw_html_or_entities_left_in_any_text(real: Imported) -> None:
    texts = [v for r in real.records for v in r["it"].values() if isinstance(v, str)]
    texts += [v for v in real.article["it"].values() if isinstance(v, str)]
    for text in texts:
        assert not re.search(r"</?(li|br|a)\b|&[a-z]+;|\u00a0| +$", text, flags=re.M), text


# --- malformed sources -------------------------------------------------------------------


def line_of(text: str, needle: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), 1) if needle in line)


def drop_lines(text: str, predicate) -> str:  # type: ignore[no-untyped-def]
    return "".join(line for line in text.splitlines(keepends=True) if not predicate(line))


def without_section(text: str, anchor: str) -> str:
    """``text`` without the ``###`` section whose anchor is ``anchor``."""
    start = text.index(f'### <a name="{anchor}"')
    end = text.index("\n### ", start) + 1
    return text[:start] + text[end:]


def assert_import_error(text: str, line: int, expected_fragment: str) -> None:
    with pytest.raises(ImportSourceError) as caught:
        run_import(text, file="broken.md")
    assert (caught.value.file, caught.value.line) == ("broken.md", line), str(caught.value)
    assert expected_fragment in caught.value.expected
    assert str(caught.value).startswith(f"broken.md:{line}: expected")


def test_missing_summary_table() -> None:
    broken = drop_lines(SOURCE.read_text("utf-8"), lambda line: line.startswith("|"))
    assert_import_error(broken, line_of(broken, "summary-of-error-codes"), "summary table")


def test_section_without_possible_cause() -> None:
    source = SOURCE.read_text("utf-8")
    start = source.index('### <a name="0x80070005-access-denied"')
    cause = source.index('#### <a name="possible-cause"', start)
    resolution = source.index('#### <a name="resolution"', cause)
    broken = source[:cause] + source[resolution:]
    expected_line = broken[: broken.index('#### <a name="resolution"', start)].count("\n") + 1
    assert_import_error(broken, expected_line, "expected the cause heading before the solutions")


def test_table_row_whose_code_has_no_section() -> None:
    broken = without_section(SOURCE.read_text("utf-8"), "0x8007232a-dns-server-failure")
    assert_import_error(broken, line_of(broken, "|[0x8007232A]"), "0x8007232a-dns-server-failure")


def test_section_whose_code_has_no_row() -> None:
    broken = drop_lines(SOURCE.read_text("utf-8"), lambda line: line.startswith("|[0x8007232A]"))
    assert_import_error(broken, line_of(broken, '### <a name="0x8007232a'), "summary table")


def test_anchor_differs_from_the_table_link() -> None:
    broken = SOURCE.read_text("utf-8").replace(
        '### <a name="0x80070005-access-denied">', '### <a name="0x80070005-denied">'
    )
    assert_import_error(broken, line_of(broken, "0x80070005-denied"), "0x80070005-access-denied")


def test_unknown_activation_type() -> None:
    broken = SOURCE.read_text("utf-8").replace("|MAK |\n", "|Retail |\n", 1)
    assert_import_error(broken, line_of(broken, "|Retail |"), '"Retail"')


def test_missing_front_matter() -> None:
    broken = SOURCE.read_text("utf-8").split("---\n", 2)[2]
    assert_import_error(broken, 1, "front matter")


def test_a_front_matter_value_that_is_neither_text_nor_list_and_other_problems() -> None:
    source = SOURCE.read_text("utf-8")
    broken = source.replace("ms.topic: article\n", "ms.topic:\n  kind: article\n", 1)
    broken = broken.replace("|MAK |\n", "|Retail |\n", 1)
    with pytest.raises(ImportSourceError) as caught:
        run_import(broken, file="broken.md")
    assert caught.value.problems == [
        (5, "expected a text or a list of texts for 'ms.topic' in the front matter"),
        (
            line_of(broken, "|Retail |"),
            'expected activation types among "MAK", "Client del Servizio di gestione delle '
            'chiavi", "Host del Servizio di gestione delle chiavi", "Servizio di gestione '
            'delle chiavi", not "Retail"',
        ),
    ]


def test_unexpected_text_between_sections() -> None:
    source = SOURCE.read_text("utf-8")
    broken = source.replace(
        '## <a name="causes-and-resolutions"></a>Cause e soluzioni\n',
        '## <a name="causes-and-resolutions"></a>Cause e soluzioni\n\nTesto.\n',
    )
    assert_import_error(broken, line_of(broken, "Testo."), "###")


def test_an_unknown_heading_is_refused() -> None:
    source = SOURCE.read_text("utf-8")
    position = source.rindex('#### <a name="resolution"></a>Risoluzione')
    broken = source[:position] + source[position:].replace("Risoluzione", "Rimedio", 1)
    assert_import_error(
        broken,
        broken[:position].count("\n") + 1,
        'expected a cause heading ("Possibile causa", "Causa", "Cause") or a solution heading '
        '("Risoluzione", "Soluzione"), maybe after the code, not "Rimedio"',
    )


def test_other_words_for_cause_and_resolution_are_read_as_such() -> None:
    """Revisions since 2023 title these per code ("0x… Causa", "Soluzione 1: …"); the first
    code's words name the sections of every page."""
    source = SOURCE.read_text("utf-8")
    position = source.rindex('#### <a name="resolution"></a>Risoluzione')
    changed = source[:position] + source[position:].replace("Risoluzione", "Soluzione", 1)
    imported = run_import(changed)
    assert imported.article["it"]["labels"]["resolution"] == "Risoluzione"
    assert [r["it"]["resolution"] for r in imported.records] == [
        r["it"]["resolution"] for r in run_import(source).records
    ]


# --- a future version: the importer works on the shape, not on known codes ---------------


def test_a_new_code_with_its_own_shape_is_imported() -> None:
    source = SOURCE.read_text("utf-8")
    row = (
        "|[0xC004F0AA](#0xc004f0aa-new-code) |Nuovo messaggio. "
        "|Servizio di gestione delle chiavi<br />MAK |\n"
    )
    section = (
        '### <a name="0xc004f0aa-new-code"></a>0xC004F0AA Nuovo codice\n\n'
        '#### <a name="possible-cause"></a>Possibile causa\n\nUna causa.\n\n'
        '#### <a name="resolution"></a>Risoluzione\n\n'
        "1. Primo passo con **Slmgr /xpr**.\n3. Secondo passo.\n"
    )
    changed = source.replace("|[0xC004F074]", row + "|[0xC004F074]") + "\n" + section
    imported = run_import(changed)
    new = imported.records[-2]
    assert (new["code"], new["activation_types"]) == ("0xC004F0AA", ["kms", "mak"])
    assert new["it"]["resolution"] == "1. Primo passo con `slmgr /xpr`.\n2. Secondo passo."
