"""``kb build`` replaces ``site/`` only with a complete site: a build that fails, or that is
killed with SIGKILL at any moment, leaves the previous site as it was, byte for byte; two
builds of the same content are byte-identical (issue 6, items 2 and 3)."""

from __future__ import annotations

import gzip
import os
import shutil
import signal
import subprocess
import sys
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.site.conftest import CONTENT

pytestmark = pytest.mark.slow

KB = Path(sys.executable).with_name("kb")


def snapshot(root: Path) -> dict[str, bytes]:
    """Every file under ``root`` and its bytes."""
    return {
        str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()
    }


def kb_build(content: Path, base: Path, **environment: str) -> subprocess.Popen[bytes]:
    command = [str(KB), "build", "--content", str(content), "--out", str(base / "site")]
    command += ["--work", str(base / "work"), "--dist", str(base / "dist")]
    return subprocess.Popen(
        command,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, **environment},
        # Its own process group: the kill takes the engine's processes down with it.
        start_new_session=True,
    )


def staging(base: Path) -> Path | None:
    return next(base.glob("site.tmp-*"), None)


def staging_has(*parts: str) -> Callable[[Path], bool]:
    def ready(base: Path) -> bool:
        folder = staging(base)
        return folder is not None and folder.joinpath(*parts).exists()

    return ready


# Moments to kill at: the empty staging folder; the engine halfway (one language's pages
# written, the others' maybe not); everything written, the checks running; the zip being
# written (after it: two renames, each atomic).
KILL_POINTS = {
    "staging created": lambda base: staging(base) is not None,
    "engine writing pages": staging_has("it", "0x80070005", "index.html"),
    "site written, checks running": staging_has("404.html"),
    "zip being written": lambda base: any((base / "dist").glob(".*.zip.*.tmp")),
}


@pytest.fixture
def previous(tmp_path: Path, built_site: Path, offline_zip: Path) -> dict[str, bytes]:
    """A complete site and zip from an earlier build, being served: their bytes."""
    shutil.copytree(built_site, tmp_path / "site")
    (tmp_path / "dist").mkdir()
    shutil.copy(offline_zip, tmp_path / "dist" / offline_zip.name)
    return published(tmp_path)


def published(base: Path) -> dict[str, bytes]:
    """What readers get: every file of ``site/`` and the zip."""
    files = {f"site/{name}": data for name, data in snapshot(base / "site").items()}
    return files | {f"dist/{p.name}": p.read_bytes() for p in (base / "dist").glob("*.zip")}


@pytest.mark.parametrize("moment", list(KILL_POINTS))
def test_sigkill_midway_leaves_the_previous_site_and_zip_complete(
    tmp_path: Path, previous: dict[str, bytes], moment: str
) -> None:
    build = kb_build(CONTENT, tmp_path)
    deadline = time.monotonic() + 300
    while not KILL_POINTS[moment](tmp_path):
        assert build.poll() is None, "the build ended before the moment to kill it"
        assert time.monotonic() < deadline
        time.sleep(0.002)
    os.killpg(build.pid, signal.SIGKILL)
    build.communicate()
    assert build.returncode == -signal.SIGKILL
    assert published(tmp_path) == previous
    if moment != "zip being written":
        return
    # The next build removes every leftover of the killed one and publishes a new site.
    rebuilt = kb_build(CONTENT, tmp_path)
    _, err = rebuilt.communicate(timeout=600)
    assert rebuilt.returncode == 0, err.decode()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["dist", "site", "work"]
    assert [p.name for p in (tmp_path / "dist").iterdir()] == [
        name.removeprefix("dist/") for name in previous if name.startswith("dist/")
    ]
    assert not list((tmp_path / "work").glob("offline-*"))
    assert published(tmp_path).keys() == previous.keys()


def test_invalid_content_leaves_the_previous_site_and_zip_complete(
    tmp_path: Path, previous: dict[str, bytes]
) -> None:
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    record = content / "codes" / "0x80070005.yaml"
    record.write_text(record.read_text("utf-8").replace("  - kms-client", "  - kms-server"))
    build = kb_build(content, tmp_path)
    out, err = build.communicate(timeout=300)
    assert build.returncode == 1 and out == b""
    assert err.decode().splitlines() == [
        "codes/0x80070005.yaml:6: activation_types[1]: unknown activation type 'kms-server' "
        "(expected one of: mak, kms-client, kms-host, kms)",
        "error: 1 problem in the content",
    ]
    assert published(tmp_path) == previous
    # The work folder the build locked and marked before it read the content, empty.
    assert sorted(p.name for p in tmp_path.iterdir()) == ["content", "dist", "site", "work"]
    assert [p.name for p in (tmp_path / "work").iterdir()] == [".kb-work"]


def content_epoch() -> int:
    """The time of the last commit that touched ``content/``, read here without the code
    under test."""
    done = subprocess.run(
        ["git", "log", "-1", "--format=%ct", "--", "."],
        cwd=CONTENT,
        capture_output=True,
        text=True,
        check=True,
    )
    return int(done.stdout)


def build_into(base: Path, environment: dict[str, str]) -> None:
    done = subprocess.run(
        [
            *(str(KB), "build", "--content", str(CONTENT), "--out", str(base / "site")),
            *("--work", str(base / "work"), "--dist", str(base / "dist")),
        ],
        capture_output=True,
        env=environment,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr.decode()


def zip_dates(base: Path) -> set[tuple[int, ...]]:
    (bundle,) = (base / "dist").glob("*.zip")
    with zipfile.ZipFile(bundle) as archive:
        return {entry.date_time for entry in archive.infolist()}


def test_two_builds_are_byte_identical_and_dated_by_the_content(tmp_path: Path) -> None:
    environment = {key: value for key, value in os.environ.items() if key != "SOURCE_DATE_EPOCH"}
    for name in ("first", "second"):
        build_into(tmp_path / name, environment)
    first, second = (published(tmp_path / name) for name in ("first", "second"))
    assert first.keys() == second.keys()
    assert [name for name in first if first[name] != second[name]] == []
    epoch = content_epoch()
    for lang in ("it", "en"):
        with gzip.open(tmp_path / "first" / "site" / lang / "sitemap.xml.gz") as sitemap:
            sitemap.read()
            # MkDocs dates the sitemap by the day of SOURCE_DATE_EPOCH: midnight, UTC.
            assert sitemap.mtime == epoch - epoch % 86400
    # A zip stores seconds in steps of two.
    assert zip_dates(tmp_path / "first") == {time.gmtime(epoch - epoch % 2)[:6]}
    published_paths = [tmp_path / "first" / "site", *(tmp_path / "first" / "dist").glob("*.zip")]
    for root in published_paths:
        assert {p.stat().st_mtime for p in [root, *root.rglob("*")]} == {epoch}


def test_source_date_epoch_from_the_environment_wins(tmp_path: Path) -> None:
    build_into(tmp_path, {**os.environ, "SOURCE_DATE_EPOCH": "1568764800"})
    with gzip.open(tmp_path / "site" / "it" / "sitemap.xml.gz") as sitemap:
        sitemap.read()
        assert sitemap.mtime == 1568764800  # a midnight already
    assert (tmp_path / "site" / "it" / "index.html").stat().st_mtime == 1568764800
    assert zip_dates(tmp_path) == {(2019, 9, 18, 0, 0, 0)}
