"""The site and the zip are published together or not at all, and what a build could not
delete is deleted by the next one (issue 13, item 8). Files are made undeletable for real
with ``chattr +i`` (the tests need root and a file system with the attribute)."""

from __future__ import annotations

import shutil
import subprocess
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.project_copy import ROOT, kb

pytestmark = pytest.mark.slow

RECORD = "codes/0x80070005.yaml"
PAGE = "it/0x80070005/index.html"


@pytest.fixture
def immutable(tmp_path: Path) -> Iterator[Callable[[Path], None]]:
    """Make a file undeletable (``chattr +i``) until the test ends (wherever a build
    moved it by then)."""

    def make(path: Path) -> None:
        done = subprocess.run(["chattr", "+i", str(path)], capture_output=True, text=True)
        if done.returncode != 0:
            pytest.skip(f"chattr +i is not available here: {done.stderr.strip()}")

    yield make
    subprocess.run(["chattr", "-R", "-i", str(tmp_path)], capture_output=True, check=False)


def build(base: Path, content: Path) -> subprocess.CompletedProcess[str]:
    return kb(
        ROOT,
        *("build", "--content", content, "--out", base / "site", "--work", base / "work"),
        *("--dist", base / "dist", "--jobs", "1"),
        SOURCE_DATE_EPOCH="1568764800",
    )


def titled(base: Path, title: str) -> Path:
    content = base / "content"
    shutil.copytree(ROOT / "content", content, dirs_exist_ok=True)
    record = content / RECORD
    text = record.read_text("utf-8")
    old = next(line for line in text.splitlines() if line.startswith("  title: Acc"))
    record.write_text(text.replace(old, f"  title: {title}", 1), "utf-8")
    return content


def published_title(base: Path) -> tuple[str, str]:
    """The page's title in the site and in the zip."""
    (bundle,) = (base / "dist").glob("*.zip")
    with zipfile.ZipFile(bundle) as archive:
        (name,) = [n for n in archive.namelist() if n.endswith(f"/{PAGE}")]
        zipped = archive.read(name).decode("utf-8")
    served = (base / "site" / PAGE).read_text("utf-8")
    return _title(served), _title(zipped)


def _title(page: str) -> str:
    return page.split("<title>", 1)[1].split(" - ", 1)[0]


def snapshot(base: Path) -> dict[str, bytes]:
    files = [*(base / "site").rglob("*"), *(base / "dist").iterdir()]
    return {str(p.relative_to(base)): p.read_bytes() for p in sorted(files) if p.is_file()}


def test_an_old_site_that_cannot_be_deleted_does_not_stop_the_new_one(
    tmp_path: Path, immutable: Callable[[Path], None]
) -> None:
    first = build(tmp_path, titled(tmp_path, "Accesso negato"))
    assert first.returncode == 0, first.stderr
    immutable(tmp_path / "site" / "it" / "index.html")
    second = build(tmp_path, titled(tmp_path, "Accesso rifiutato"))
    assert second.returncode == 0, second.stderr
    assert published_title(tmp_path) == ("0x80070005 Accesso rifiutato",) * 2
    (warning,) = [line for line in second.stderr.splitlines() if line.startswith("warning:")]
    assert "could not delete" in warning and "the next build tries again" in warning
    (leftover,) = tmp_path.glob("site.tmp-*")
    subprocess.run(["chattr", "-i", str(leftover / "it" / "index.html")], check=True)
    third = build(tmp_path, titled(tmp_path, "Accesso rifiutato"))
    assert third.returncode == 0, third.stderr
    assert "warning" not in third.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["content", "dist", "site", "work"]


def test_a_zip_that_cannot_be_replaced_leaves_the_old_site_and_zip(
    tmp_path: Path, immutable: Callable[[Path], None]
) -> None:
    first = build(tmp_path, titled(tmp_path, "Accesso negato"))
    assert first.returncode == 0, first.stderr
    before = snapshot(tmp_path)
    (bundle,) = (tmp_path / "dist").glob("*.zip")
    immutable(bundle)
    second = build(tmp_path, titled(tmp_path, "Accesso rifiutato"))
    assert (second.returncode, second.stdout) == (2, "")
    assert second.stderr == f"error: cannot write {bundle}: Operation not permitted\n"
    assert snapshot(tmp_path) == before
    assert published_title(tmp_path) == ("0x80070005 Accesso negato",) * 2
    assert sorted(p.name for p in tmp_path.iterdir()) == ["content", "dist", "site", "work"]
    assert [p.name for p in (tmp_path / "dist").iterdir()] == [bundle.name]
