"""A build started from any folder builds exactly the content it was given (issue 13,
item 3): relative paths are read against the folder ``kb`` was started in, once, and
nothing depends on it afterwards (the engine once read the project's own ``build/``)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.project_copy import copy_project, kb

pytestmark = pytest.mark.slow

RECORD = "codes/0x80070005.yaml"


def test_a_build_from_another_folder_publishes_the_content_it_was_given(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    # An earlier build from the project's folder leaves the project's build/ behind.
    first = kb(project, "build", "--lang", "it", "--jobs", "1")
    assert first.returncode == 0, first.stderr
    elsewhere = tmp_path / "elsewhere"
    shutil.copytree(project / "content", elsewhere / "content")
    record = elsewhere / "content" / RECORD
    text = record.read_text("utf-8")
    assert text.count("  title: Accesso negato\n") == 1
    record.write_text(text.replace("  title: Accesso negato\n", "  title: Accesso rifiutato\n"))
    done = kb(
        project,
        *("build", "--content", "content", "--out", "site", "--lang", "it", "--jobs", "1"),
        cwd=elsewhere,
    )
    assert done.returncode == 0, done.stderr
    page = (elsewhere / "site" / "it" / "0x80070005" / "index.html").read_text("utf-8")
    assert "<title>0x80070005 Accesso rifiutato -" in page
    # Its work folder is the one named (build/, relative to where kb was started).
    assert (elsewhere / "build" / "docs" / "it" / "0x80070005").is_dir()
    old = (project / "site" / "it" / "0x80070005" / "index.html").read_text("utf-8")
    assert "<title>0x80070005 Accesso negato -" in old
