"""The generator stage (activation_kb.pipeline.generate): content the check refuses writes
nothing, neither over earlier pages nor as a first build."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from activation_kb.domain.errors import ContentError
from activation_kb.pipeline.generate import generate
from tests.conftest import PROJECT_CONTENT


def _tree(root: Path) -> dict[str, bytes]:
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def _refused_copy(tmp_path: Path) -> Path:
    """A copy of content/ with valid YAML and schema, whose pages would render, but which
    the check refuses (raw HTML)."""
    content = tmp_path / "content"
    shutil.copytree(PROJECT_CONTENT, content)
    record = content / "codes" / "0xc004f074.yaml"
    text = record.read_text("utf-8")
    record.write_text(text.replace("  resolution: ", "  resolution: <b>x</b> ", 1), "utf-8")
    return content


def test_content_the_check_refuses_leaves_the_pages_alone(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    generate(PROJECT_CONTENT, docs)
    before = _tree(docs)
    with pytest.raises(ContentError) as refused:
        generate(_refused_copy(tmp_path), docs)
    assert [problem.file for problem in refused.value.problems] == ["codes/0xc004f074.yaml"]
    assert _tree(docs) == before


def test_a_refused_first_build_leaves_nothing_behind(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    with pytest.raises(ContentError):
        generate(_refused_copy(tmp_path), docs)
    assert not docs.exists()
