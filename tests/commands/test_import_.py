"""``kb import`` through click: exit codes 0, 1 and 2, messages without tracebacks."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from activation_kb.cli.main import main

ROOT = Path(__file__).resolve().parents[2]
NAME = "activation-error-codes.it-it.md"


@pytest.fixture
def content(tmp_path: Path) -> Path:
    copy = tmp_path / "content"
    shutil.copytree(ROOT / "content", copy)
    return copy


def kb(*args: str | Path) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, [str(arg) for arg in args])
    assert result.exception is None or isinstance(result.exception, SystemExit)
    return result.exit_code, result.stdout, result.stderr


def test_unchanged_source_exits_0(content: Path) -> None:
    code, out, err = kb("import", content / "sources" / NAME, "--lang", "it", "--content", content)
    assert (code, err) == (0, "")
    assert out.endswith("(30 codes): no changes.\n")


def test_malformed_source_exits_1_with_file_and_line(content: Path, tmp_path: Path) -> None:
    source = tmp_path / NAME
    text = (content / "sources" / NAME).read_text(encoding="utf-8")
    source.write_text(text.replace("</a>Possibile causa", "</a>Motivo", 1), "utf-8")
    before = {p: p.read_bytes() for p in content.rglob("*") if p.is_file()}
    code, out, err = kb("import", source, "--lang", "it", "--content", content)
    assert (code, out) == (1, "")
    assert err.startswith(f"kb import: {source}:77: expected a cause heading (")
    assert "Nothing was written." in err and "Traceback" not in err
    assert {p: p.read_bytes() for p in content.rglob("*") if p.is_file()} == before


def test_removed_code_exits_1_unless_pruned(content: Path, tmp_path: Path) -> None:
    source = tmp_path / NAME
    text = (content / "sources" / NAME).read_text(encoding="utf-8")
    text = text[: text.index('### <a name="0xc004f074')]  # the last section
    text = "".join(line for line in text.splitlines(True) if not line.startswith("|[0xC004F074]"))
    source.write_text(text, encoding="utf-8")
    code, _, err = kb("import", source, "--lang", "it", "--content", content)
    assert code == 1 and "0xC004F074 is no longer in" in err and "--prune" in err
    assert (content / "codes" / "0xc004f074.yaml").exists()
    code, out, _ = kb("import", source, "--lang", "it", "--content", content, "--prune")
    assert code == 0 and "  removed:   0xC004F074\n" in out
    assert not (content / "codes" / "0xc004f074.yaml").exists()


@pytest.mark.parametrize(
    "args",
    [
        ["--lang", "en"],  # only the source language can be imported
        [],  # --lang is required
        ["--lang", "it", "--bogus"],
    ],
)
def test_usage_errors_exit_2(content: Path, args: list[str]) -> None:
    code, _, err = kb("import", content / "sources" / NAME, *args, "--content", content)
    assert code == 2 and "Usage:" in err


def test_missing_source_exits_2(content: Path) -> None:
    code, _, err = kb("import", content / "nope.md", "--lang", "it", "--content", content)
    assert code == 2 and "does not exist" in err


def test_markup_that_content_may_not_hold_is_refused_and_nothing_written(
    content: Path, tmp_path: Path
) -> None:
    source = tmp_path / NAME
    text = (content / "sources" / NAME).read_text(encoding="utf-8")
    hostile = 'la porta TCP 1688 `slmgr`{: onfocus="alert(13)" autofocus }'
    assert text.count("la porta TCP 1688") == 1
    source.write_text(text.replace("la porta TCP 1688", hostile), "utf-8")
    line = text[: text.index("la porta TCP 1688")].count("\n") + 1
    before = {p: p.read_bytes() for p in content.rglob("*") if p.is_file()}
    code, out, err = kb("import", source, "--lang", "it", "--content", content)
    assert (code, out) == (1, "")
    assert err.startswith(
        f"kb import: {source}:{line}: 0xC004F039 it.resolution: attribute list not allowed: "
        "'{: onfocus=\"alert(13)\" autofocus }' (content sets no HTML attribute)"
    )
    assert "Nothing was written." in err
    assert {p: p.read_bytes() for p in content.rglob("*") if p.is_file()} == before
