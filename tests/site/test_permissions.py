"""What the build publishes is readable by the web server whatever the builder's umask
(issue 13, item 12): every file 0644, every folder 0755, the zip and its entries 0644. A
real build under ``umask 027`` (nginx, running as www-data, answered 403 everywhere)."""

from __future__ import annotations

import os
import stat
import subprocess
import zipfile
from pathlib import Path

import pytest

from tests.project_copy import KB, ROOT

pytestmark = pytest.mark.slow


def modes(root: Path) -> dict[str, str]:
    """Every path under ``root`` (and ``root``) → its permission bits, in octal."""
    paths = [root, *root.rglob("*")]
    return {str(p.relative_to(root.parent)): oct(stat.S_IMODE(p.lstat().st_mode)) for p in paths}


def test_a_build_under_umask_027_publishes_files_all_can_read(tmp_path: Path) -> None:
    command = [str(KB), "build", "--content", str(ROOT / "content")]
    command += ["--out", str(tmp_path / "site"), "--work", str(tmp_path / "work")]
    command += ["--dist", str(tmp_path / "dist"), "--jobs", "1"]
    done = subprocess.run(
        command,
        capture_output=True,
        text=True,
        timeout=600,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        preexec_fn=lambda: os.umask(0o027),
    )
    assert done.returncode == 0, done.stderr
    found = modes(tmp_path / "site") | modes(tmp_path / "dist")
    wrong = {
        path: mode
        for path, mode in found.items()
        if mode != ("0o755" if (tmp_path / path).is_dir() else "0o644")
    }
    assert wrong == {}
    (bundle,) = (tmp_path / "dist").glob("*.zip")
    with zipfile.ZipFile(bundle) as archive:
        entries = {oct(stat.S_IMODE(entry.external_attr >> 16)) for entry in archive.infolist()}
    assert entries == {"0o644"}
