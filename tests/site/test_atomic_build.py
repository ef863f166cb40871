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
    command = [str(KB), "build", "--content", str(content)]
    command += ["--out", str(base / "site"), "--work", str(base / "work")]
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
# written, the other's maybe not); everything written, the link check running.
KILL_POINTS = {
    "staging created": lambda base: staging(base) is not None,
    "engine writing pages": staging_has("it", "0x80070005", "index.html"),
    "site checked, about to swap": staging_has("404.html"),
}


@pytest.fixture
def previous_site(tmp_path: Path, built_site: Path) -> Path:
    """A complete site from an earlier build, being served."""
    shutil.copytree(built_site, tmp_path / "site")
    return tmp_path / "site"


@pytest.mark.parametrize("moment", list(KILL_POINTS))
def test_sigkill_midway_leaves_the_previous_site_complete(
    tmp_path: Path, previous_site: Path, moment: str
) -> None:
    before = snapshot(previous_site)
    build = kb_build(CONTENT, tmp_path)
    deadline = time.monotonic() + 120
    while not KILL_POINTS[moment](tmp_path):
        assert build.poll() is None, "the build ended before the moment to kill it"
        assert time.monotonic() < deadline
        time.sleep(0.002)
    os.killpg(build.pid, signal.SIGKILL)
    build.communicate()
    assert build.returncode == -signal.SIGKILL
    assert snapshot(previous_site) == before
    # The next build repairs what the killed one left and swaps in a new site.
    rebuilt = kb_build(CONTENT, tmp_path)
    _, err = rebuilt.communicate(timeout=300)
    assert rebuilt.returncode == 0, err.decode()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site", "work"]
    assert snapshot(previous_site).keys() == before.keys()


def test_invalid_content_leaves_the_previous_site_complete(
    tmp_path: Path, previous_site: Path
) -> None:
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    record = content / "codes" / "0x80070005.yaml"
    record.write_text(record.read_text("utf-8").replace("  - kms-client", "  - kms-server"))
    before = snapshot(previous_site)
    build = kb_build(content, tmp_path)
    out, err = build.communicate(timeout=300)
    assert build.returncode == 1 and out == b""
    assert err.decode().splitlines() == [
        "codes/0x80070005.yaml:6: activation_types[1]: unknown activation type 'kms-server' "
        "(expected one of: mak, kms-client, kms-host, kms)",
        "error: 1 problem in the content",
    ]
    assert snapshot(previous_site) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["content", "site"]


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


def test_two_builds_are_byte_identical_and_dated_by_the_content(tmp_path: Path) -> None:
    environment = {key: value for key, value in os.environ.items() if key != "SOURCE_DATE_EPOCH"}
    sites = []
    for name in ("first", "second"):
        base = tmp_path / name
        done = subprocess.run(
            [str(KB), "build", "--content", str(CONTENT), "--out", str(base / "site")]
            + ["--work", str(base / "work")],
            capture_output=True,
            env=environment,
            timeout=300,
        )
        assert done.returncode == 0, done.stderr.decode()
        sites.append(base / "site")
    first, second = (snapshot(site) for site in sites)
    assert first.keys() == second.keys()
    assert [name for name in first if first[name] != second[name]] == []
    epoch = content_epoch()
    for lang in ("it", "en"):
        with gzip.open(sites[0] / lang / "sitemap.xml.gz") as sitemap:
            sitemap.read()
            # MkDocs dates the sitemap by the day of SOURCE_DATE_EPOCH: midnight, UTC.
            assert sitemap.mtime == epoch - epoch % 86400
    assert {p.stat().st_mtime for p in [sites[0], *sites[0].rglob("*")]} == {epoch}


def test_source_date_epoch_from_the_environment_wins(tmp_path: Path) -> None:
    done = subprocess.run(
        [str(KB), "build", "--content", str(CONTENT), "--out", str(tmp_path / "site")]
        + ["--work", str(tmp_path / "work")],
        capture_output=True,
        env={**os.environ, "SOURCE_DATE_EPOCH": "1568764800"},
        timeout=300,
    )
    assert done.returncode == 0, done.stderr.decode()
    with gzip.open(tmp_path / "site" / "it" / "sitemap.xml.gz") as sitemap:
        sitemap.read()
        assert sitemap.mtime == 1568764800  # a midnight already
    assert (tmp_path / "site" / "it" / "index.html").stat().st_mtime == 1568764800
