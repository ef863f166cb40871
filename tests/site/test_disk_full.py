"""A disk that fills up during a build (issue 13, item 6): one ``error: cannot write …:
No space left on device`` line, exit 2, the previous site and zip untouched and nothing
of the build left on the full disk but its scratch pages. Each folder in turn lives on a
tiny tmpfs (tests/mounts.py)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from tests.mounts import Mounts
from tests.project_copy import ROOT, kb, listing

pytestmark = pytest.mark.slow


def snapshot(*roots: Path) -> dict[str, bytes]:
    found = {}
    for root in roots:
        for path in sorted([root, *root.rglob("*")]):
            if path.is_file():
                found[str(path)] = path.read_bytes()
    return found


# Sizes that take the first writes but not all: the site (7 MB) on 1 MB; the zip (460 KB)
# beside the previous one on 700 KB; the work folder's pages (540 KB) on 200 KB.
@pytest.mark.parametrize(("full", "size"), [("out", "1m"), ("dist", "700k"), ("work", "200k")])
def test_a_full_disk_is_one_line_and_exit_2(
    tmp_path: Path, mounts: Mounts, built_site: Path, offline_zip: Path, full: str, size: str
) -> None:
    disk = mounts(tmp_path / "full", size=size)
    where = {"out": tmp_path / "site", "work": tmp_path / "work", "dist": tmp_path / "dist"}
    where[full] = disk / ("site" if full == "out" else full)
    # What readers had: a site and a zip from an earlier build (no site fits on the disk).
    if full != "out":
        shutil.copytree(built_site, where["out"])
    where["dist"].mkdir()
    shutil.copy(offline_zip, where["dist"])
    published = [where["dist"], *([where["out"]] if full != "out" else [])]
    before = snapshot(*published)
    done = kb(
        ROOT,
        *("build", "--content", ROOT / "content", "--jobs", "1"),
        *(part for name, path in where.items() for part in (f"--{name}", path)),
        SOURCE_DATE_EPOCH="1568764800",
    )
    assert (done.returncode, done.stdout) == (2, ""), done.stderr
    pattern = rf"error: cannot write {re.escape(str(disk))}/\S+: No space left on device\n"
    assert re.fullmatch(pattern, done.stderr), done.stderr
    assert snapshot(*published) == before
    left = [name for name, _ in listing(disk)]
    expected = {"out": [], "dist": ["dist", f"dist/{offline_zip.name}"]}
    if full in expected:
        assert left == expected[full]
    assert not list(tmp_path.glob("site.tmp-*"))
