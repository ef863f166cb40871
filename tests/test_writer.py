"""Writing rendered files (activation_kb.site.writer): only what changed, nothing stale left."""

from __future__ import annotations

from pathlib import Path

import pytest

from activation_kb.site.writer import write_tree


def test_first_write_creates_every_file(tmp_path: Path) -> None:
    report = write_tree({"index.md": "home\n", "0xc004f074/index.md": "code\n"}, tmp_path)
    assert sorted(report.written) == ["0xc004f074/index.md", "index.md"]
    assert (tmp_path / "0xc004f074" / "index.md").read_text("utf-8") == "code\n"


def test_a_rerun_without_changes_writes_nothing(tmp_path: Path) -> None:
    files = {"index.md": "home\n", "a/index.md": "à\n"}
    write_tree(files, tmp_path)
    before = {p: p.stat().st_mtime_ns for p in tmp_path.rglob("*") if p.is_file()}
    report = write_tree(files, tmp_path)
    assert not report.changed and report.unchanged == 2
    assert {p: p.stat().st_mtime_ns for p in tmp_path.rglob("*") if p.is_file()} == before


def test_only_the_changed_file_is_rewritten(tmp_path: Path) -> None:
    write_tree({"index.md": "home\n", "a/index.md": "a\n"}, tmp_path)
    report = write_tree({"index.md": "home\n", "a/index.md": "a, edited\n"}, tmp_path)
    assert report.written == ["a/index.md"] and report.unchanged == 1


def test_stale_files_and_their_empty_folders_are_deleted(tmp_path: Path) -> None:
    write_tree({"index.md": "home\n", "old/index.md": "gone soon\n"}, tmp_path)
    report = write_tree({"index.md": "home\n"}, tmp_path)
    assert report.deleted == ["old/index.md"]
    assert not (tmp_path / "old").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["index.md"]


@pytest.mark.parametrize("bad", ["../escape.md", "/abs.md", ""])
def test_paths_outside_the_folder_are_refused(tmp_path: Path, bad: str) -> None:
    with pytest.raises(ValueError):
        write_tree({bad: "x"}, tmp_path / "out")


def test_a_new_folder_appears_whole_and_leaves_no_temporary_folder(tmp_path: Path) -> None:
    files = {"index.md": "home\n", "0xc004f074/index.md": "code\n", "a/b/c.md": "deep\n"}
    report = write_tree(files, tmp_path / "docs" / "it")
    assert report.written == sorted(files) and report.unchanged == 0
    assert [p.name for p in (tmp_path / "docs").iterdir()] == ["it"]
    assert {
        p.relative_to(tmp_path / "docs" / "it").as_posix(): p.read_text("utf-8")
        for p in (tmp_path / "docs" / "it").rglob("*")
        if p.is_file()
    } == files


def test_a_failed_new_folder_leaves_nothing(tmp_path: Path) -> None:
    with pytest.raises(ValueError):
        write_tree({"index.md": "home\n", "../escape.md": "x"}, tmp_path / "out")
    assert list(tmp_path.iterdir()) == []
