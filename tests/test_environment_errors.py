"""Folders ``kb build`` cannot write in, and a folder where the zip goes (issue 13, item
6): one ``error: …`` line and exit 2, before any work, nothing written and the previous
site untouched. Read-only folders are real read-only mounts (tests/mounts.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.mounts import Mounts
from tests.project_copy import ROOT, kb, listing


def build(base: Path, **folders: Path) -> tuple[int, str, str]:
    where = {"out": base / "site", "work": base / "work", "dist": base / "dist"} | folders
    done = kb(
        ROOT,
        *("build", "--content", ROOT / "content", "--jobs", "1"),
        *(part for name, path in where.items() for part in (f"--{name}", path)),
    )
    return done.returncode, done.stdout, done.stderr


@pytest.mark.parametrize("option", ["out", "work", "dist"])
def test_a_read_only_folder_is_one_line_and_exit_2(
    tmp_path: Path, mounts: Mounts, option: str
) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "kept.txt").write_text("kept\n", encoding="utf-8")
    mounts(locked, read_only=True)
    target = locked / {"out": "site", "work": "work", "dist": "dist"}[option]
    before = listing(tmp_path)
    code, out, err = build(tmp_path, **{option: target})
    assert (code, out) == (2, "")
    assert err == f"error: cannot write in {locked}: Read-only file system\n"
    assert listing(tmp_path) == before


def test_a_folder_where_the_zip_goes_is_one_line_and_exit_2(tmp_path: Path) -> None:
    in_the_way = tmp_path / "dist" / "activation-kb-offline-0.1.0.zip"
    (in_the_way / "notes").mkdir(parents=True)
    before = listing(tmp_path)
    code, out, err = build(tmp_path)
    assert (code, out) == (2, "")
    assert err == (
        f"error: {in_the_way} is not a file: the build writes the offline zip there; "
        "move it away or give another --dist\n"
    )
    assert listing(tmp_path) == before


def test_a_file_where_a_folder_must_be_is_one_line_and_exit_2(tmp_path: Path) -> None:
    (tmp_path / "work").write_text("a file\n", encoding="utf-8")
    before = listing(tmp_path)
    code, out, err = build(tmp_path, work=tmp_path / "work" / "inner")
    assert (code, out) == (2, "")
    assert err == (
        f"error: cannot write in {tmp_path / 'work' / 'inner'}: "
        f"{tmp_path / 'work'} is a file, not a folder\n"
    )
    assert listing(tmp_path) == before
