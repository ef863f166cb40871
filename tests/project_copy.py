"""A throwaway copy of the project, and ``kb`` run from it.

Tests that hand ``kb build`` a dangerous folder (the code, ``.git``, the project's parent)
run it on a copy, so that a regression destroys the copy and not the checkout: ``kb``
imported from the copy (``PYTHONPATH``) takes the copy for its project folder.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from tests import cli

ROOT = Path(__file__).resolve().parent.parent
KB = Path(sys.executable).with_name("kb")

_NOT_COPIED = shutil.ignore_patterns(
    ".venv",
    "site",
    "dist",
    "build",
    ".git",
    "__pycache__",
    "*.egg-info",
    ".*_cache",
    ".hypothesis",
    "site.*",
    "bench",
)


def copy_project(into: Path) -> Path:
    """The project's files under ``into/project`` (no virtualenv, no built output), with
    a repository of its own (``.git``), committed so that builds have a date."""
    project = into / "project"
    shutil.copytree(ROOT, project, ignore=_NOT_COPIED)
    git = ["git", "-C", str(project), "-c", "user.name=t", "-c", "user.email=t@t"]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "-A"], check=True)
    subprocess.run([*git, "commit", "-q", "-m", "copy"], check=True)
    return project


def kb(
    project: Path, *args: str | Path, cwd: Path | None = None, **environment: str
) -> subprocess.CompletedProcess[str]:
    """``kb args`` with the code of ``project`` (started in ``cwd``, default the project); in
    this process when ``project`` is the checkout itself (:mod:`tests.cli`)."""
    if project == ROOT:
        return cli.kb(*args, cwd=cwd, **environment)  # type: ignore[return-value]
    done = subprocess.run(
        [str(KB), *map(str, args)],
        capture_output=True,
        text=True,
        cwd=cwd or project,
        timeout=600,
        env={**os.environ, "PYTHONPATH": str(project), **environment},
    )
    assert "Traceback" not in done.stderr, done.stderr
    return done


def listing(folder: Path) -> list[tuple[str, int]]:
    """Every path under ``folder`` with its modification time (ns)."""
    found = []
    for path in sorted(folder.rglob("*")):
        if not path.is_symlink() and path.exists():
            found.append((str(path.relative_to(folder)), path.stat().st_mtime_ns))
    return found
