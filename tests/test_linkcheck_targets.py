"""``kb linkcheck`` of something that is no built site says what it is not, exit 2 (issue
13, item 13): an empty folder or an unrelated zip once passed with "0 problems"."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from tests.files import write_files
from tests.project_copy import ROOT, kb

NO_LANGUAGE = "no it/index.html or en/index.html"


def unrelated_zip(folder: Path) -> Path:
    path = folder / "photos.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("holidays/readme.txt", "not a site\n")
    return path


@pytest.mark.parametrize(
    ("make", "missing"),
    [
        (lambda folder: folder, f"no index.html, {NO_LANGUAGE}"),
        (unrelated_zip, f"no index.html, {NO_LANGUAGE}"),
        (lambda folder: write_files(folder, {"index.html": "<p>hi</p>"}), NO_LANGUAGE),
        (lambda folder: write_files(folder, {"it/index.html": "<p>ciao</p>"}), "no index.html"),
    ],
    ids=["empty folder", "unrelated zip", "no language", "no redirect"],
)
def test_what_is_no_built_site_is_said_and_exits_2(tmp_path: Path, make, missing: str) -> None:
    target = make(tmp_path)
    done = kb(ROOT, "linkcheck", target)
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == f"error: {target} is not a built site: {missing}\n"


def test_a_site_of_one_language_is_a_site(tmp_path: Path) -> None:
    write_files(tmp_path, {"index.html": '<a href="it/">it</a>', "it/index.html": "<p>x</p>"})
    done = kb(ROOT, "linkcheck", tmp_path)
    assert done.returncode == 0, done.stderr
