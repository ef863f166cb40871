"""Swapping a built folder in (activation_kb.site.publish): atomic exchange, the two-rename
fallback, and the repair of what a killed build left behind."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from activation_kb.site import publish
from activation_kb.site.publish import publishing, replace_dir, set_mtimes, staging_dir


def folder(path: Path, marker: str) -> Path:
    path.mkdir()
    (path / "index.html").write_text(marker, encoding="utf-8")
    return path


def names(parent: Path) -> list[str]:
    return sorted(path.name for path in parent.iterdir())


def test_this_system_exchanges_folders_atomically() -> None:
    # The build machines are Linux with glibc ≥ 2.28; elsewhere the fallback runs.
    assert publish._renameat2 is not None


@pytest.mark.parametrize("exchange", [True, False], ids=["exchange", "two-renames"])
def test_replace_dir_swaps_in_the_new_folder_and_drops_the_old(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, exchange: bool
) -> None:
    if not exchange:
        monkeypatch.setattr(publish, "_renameat2", None)
    out = folder(tmp_path / "site", "old")
    with publishing(out):
        staging = staging_dir(out)
        (staging / "index.html").write_text("new", encoding="utf-8")
        replace_dir(staging, out)
    assert (out / "index.html").read_text(encoding="utf-8") == "new"
    assert names(tmp_path) == ["site"]
    assert oct(out.stat().st_mode & 0o777) == "0o755"


def test_replace_dir_without_a_previous_folder(tmp_path: Path) -> None:
    out = tmp_path / "site"
    with publishing(out):
        replace_dir(folder(tmp_path / "new", "new"), out)
    assert names(tmp_path) == ["site"]


def test_leftovers_of_a_killed_build_are_removed(tmp_path: Path) -> None:
    out = folder(tmp_path / "site", "served")
    folder(tmp_path / "site.tmp-abc", "half-built")
    folder(tmp_path / "sitemap", "not ours")
    with publishing(out):
        assert names(tmp_path) == ["site", "sitemap"]
    assert (out / "index.html").read_text(encoding="utf-8") == "served"


def test_a_build_killed_between_the_two_renames_gets_the_old_site_back(tmp_path: Path) -> None:
    older = folder(tmp_path / "site.old-1", "older")
    os.utime(older, (1, 1))
    folder(tmp_path / "site.old-2", "served")
    folder(tmp_path / "site.tmp-3", "new, complete but never swapped in")
    out = tmp_path / "site"
    with publishing(out):
        assert names(tmp_path) == ["site"]
    assert (out / "index.html").read_text(encoding="utf-8") == "served"


def test_set_mtimes_dates_every_file_and_folder(tmp_path: Path) -> None:
    out = folder(tmp_path / "site", "x")
    folder(out / "it", "y")
    set_mtimes(out, 1_568_764_800)
    assert {path.stat().st_mtime for path in [out, *out.rglob("*")]} == {1_568_764_800}
