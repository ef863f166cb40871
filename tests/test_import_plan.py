"""Re-importing: unchanged files stay untouched, hand-made fields survive, changes are told."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from activation_kb.content.yaml import dump
from activation_kb.domain.errors import ContentError, UsageError
from activation_kb.importer.plan import ImportPlan, describe, plan_import

ROOT = Path(__file__).resolve().parent.parent
NAME = "activation-error-codes.it-it.md"


@pytest.fixture
def content(tmp_path: Path) -> Path:
    """A copy of the committed ``content/``."""
    copy = tmp_path / "content"
    shutil.copytree(ROOT / "content", copy)
    return copy


def snapshot(root: Path) -> dict[str, tuple[bytes, int]]:
    """Every file's bytes and modification time, by relative path."""
    return {
        str(path.relative_to(root)): (path.read_bytes(), path.stat().st_mtime_ns)
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def run(source: Path, content: Path, prune: bool = False) -> str:
    plan = plan_import(source, content, "it", prune=prune)
    plan.apply()
    return describe(plan)


def changed_source(tmp_path: Path, content: Path) -> Path:
    """The article with 0x8004FE21 removed, 0x80070005 retitled and 0xC004F0AA added."""
    text = (content / "sources" / NAME).read_text(encoding="utf-8")
    start = text.index('### <a name="0x8004fe21')
    text = text[:start] + text[text.index("\n### ", start) + 1 :]
    text = "".join(
        line for line in text.splitlines(keepends=True) if not line.startswith("|[0x8004FE21]")
    )
    text = text.replace("0x80070005 Accesso negato\n", "0x80070005 Accesso negato al servizio\n")
    text = text.replace(
        "Per altre informazioni vedere il registro eventi applicazioni.  |Client del Servizio di "
        "gestione delle chiavi |\n",
        "Per altre informazioni vedere il registro eventi applicazioni.  |Client del Servizio di "
        "gestione delle chiavi |\n|[0xC004F0AA](#0xc004f0aa-new-code) |Nuovo messaggio. |MAK |\n",
    )
    text += (
        '\n### <a name="0xc004f0aa-new-code"></a>0xC004F0AA Nuovo codice\n\n'
        '#### <a name="possible-cause"></a>Possibile causa\n\nUna causa.\n\n'
        '#### <a name="resolution"></a>Risoluzione\n\nUna soluzione.\n'
    )
    path = tmp_path / "new" / NAME
    path.parent.mkdir()
    path.write_text(text, encoding="utf-8")
    return path


def test_reimporting_the_committed_source_changes_no_byte(content: Path) -> None:
    before = snapshot(content)
    summary = run(content / "sources" / NAME, content)
    assert (
        summary == f"Imported {content / 'sources' / NAME} into {content}/ (30 codes): no changes."
    )
    assert snapshot(content) == before


def test_a_second_import_into_a_fresh_directory_is_byte_identical(tmp_path: Path) -> None:
    fresh = tmp_path / "fresh"
    first_summary = run(ROOT / "content" / "sources" / NAME, fresh)
    assert "  article:   created" in first_summary
    assert len(list((fresh / "codes").glob("*.yaml"))) == 30
    first = snapshot(fresh)
    assert run(fresh / "sources" / NAME, fresh).endswith("no changes.")
    assert snapshot(fresh) == first
    assert (fresh / "sources" / NAME).read_bytes() == (
        ROOT / "content" / "sources" / NAME
    ).read_bytes()


def add_hand_made_fields(content: Path) -> tuple[dict, dict]:  # type: ignore[type-arg]
    record_path = content / "codes" / "0x80070005.yaml"
    record = yaml.safe_load(record_path.read_text(encoding="utf-8"))
    record["related"] = ["0x8007232B"]
    record["it"]["notes"] = ["Una nota nostra."]
    record["en"] = {
        "title": "Access denied",
        "summary_message": "Access denied.",
        "possible_cause": "UAC.",
        "resolution": "Run it elevated.",
        "notes": [],
    }
    record_path.write_text(dump(record), encoding="utf-8")
    article_path = content / "article.yaml"
    article = yaml.safe_load(article_path.read_text(encoding="utf-8"))
    article["en"] = {"title": "Resolve Windows activation error codes"}
    article_path.write_text(dump(article), encoding="utf-8")
    return record, article


def test_en_related_and_notes_survive_a_reimport(content: Path, tmp_path: Path) -> None:
    record, article = add_hand_made_fields(content)
    before = snapshot(content)
    assert run(content / "sources" / NAME, content).endswith("no changes.")
    assert snapshot(content) == before

    run(changed_source(tmp_path, content), content, prune=True)
    after = yaml.safe_load((content / "codes" / "0x80070005.yaml").read_text(encoding="utf-8"))
    assert after["it"]["title"] == "Accesso negato al servizio"
    assert after["en"] == record["en"]
    assert after["related"] == ["0x8007232B"]
    assert after["it"]["notes"] == ["Una nota nostra."]
    assert list(after) == [
        "code",
        "canonical",
        "anchor",
        "activation_types",
        "diagnostic_tool",
        "related",
        "it",
        "en",
    ]
    new_article = yaml.safe_load((content / "article.yaml").read_text(encoding="utf-8"))
    assert new_article["en"] == article["en"]


def test_a_changed_source_is_summarised(content: Path, tmp_path: Path) -> None:
    source = changed_source(tmp_path, content)
    summary = run(source, content, prune=True)
    assert summary == (
        f"Imported {source} into {content}/ (30 codes):\n"
        "  added:     0xC004F0AA\n"
        "  removed:   0x8004FE21\n"
        "  changed:   0x80070005 (it.title)\n"
        "  article:   codes\n"
        f"  source:    copied to {content}/sources/{NAME}\n"
        "  unchanged: 28 of 30 codes"
    )
    codes = {path.stem for path in (content / "codes").glob("*.yaml")}
    assert "0xc004f0aa" in codes and "0x8004fe21" not in codes
    assert (content / "sources" / NAME).read_bytes() == source.read_bytes()


def test_removed_codes_need_prune_and_nothing_is_written(content: Path, tmp_path: Path) -> None:
    before = snapshot(content)
    with pytest.raises(ContentError) as caught:
        run(changed_source(tmp_path, content), content)
    message = str(caught.value)
    assert "0x8004fe21.yaml: code: 0x8004FE21 is no longer in" in message
    assert "--prune" in message
    assert snapshot(content) == before


def test_several_field_changes_of_one_code_are_listed(content: Path, tmp_path: Path) -> None:
    text = (content / "sources" / NAME).read_text(encoding="utf-8")
    text = text.replace(
        "|Nome DNS inesistente. |Client del Servizio di gestione delle chiavi |\n|[0x80070490]",
        "|Nome DNS non trovato. |MAK |\n|[0x80070490]",
    )
    text = text.replace(
        "Sono supportati i codici di errore seguenti: 0xC004F038,",
        "Sono supportati i codici di errore seguenti: 0x8007007B, 0xC004F038,",
    )
    source = tmp_path / NAME
    source.write_text(text, encoding="utf-8")
    summary = run(source, content)
    assert (
        "  changed:   0x8007007b (activation_types, diagnostic_tool, it.summary_message)\n"
        in summary
    )
    assert "  article:   it.diagnostic_tool\n" in summary


def test_a_write_that_fails_midway_changes_nothing(tmp_path: Path) -> None:
    content = tmp_path / "content"
    content.mkdir()
    article = content / "article.yaml"
    article.write_text("old\n", encoding="utf-8")
    (content / "sources").write_text("a file where a folder should be\n", encoding="utf-8")
    plan = ImportPlan(
        source=tmp_path / "source.md",
        content_dir=content,
        writes={article: "new\n", content / "sources" / "source.md": "text\n"},
    )
    with pytest.raises(UsageError) as raised:
        plan.apply()
    assert str(raised.value).startswith(f"cannot write {content / 'sources'}")
    assert article.read_text(encoding="utf-8") == "old\n"
    assert sorted(p.name for p in content.iterdir()) == ["article.yaml", "sources"]
