"""Real file-system conditions for the tests: a read-only folder (a read-only bind mount)
and a full disk (a tiny tmpfs). They need root; where mounting is not allowed, the test
that asks for one is skipped, saying why (the ``mounts`` fixture of tests/conftest.py)."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

__all__ = ["Mounts"]


def _run(*command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, capture_output=True, text=True, check=False)


class Mounts:
    """``mounts(folder, read_only=True)`` makes ``folder`` read-only; ``mounts(folder,
    size="64k")`` makes it an empty file system of that size; :meth:`undo` unmounts."""

    def __init__(self) -> None:
        self.mounted: list[Path] = []

    def __call__(self, folder: Path, *, read_only: bool = False, size: str | None = None) -> Path:
        folder.mkdir(parents=True, exist_ok=True)
        if size is not None:
            self._mount(folder, "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder))
        else:
            assert read_only
            self._mount(folder, "--bind", str(folder), str(folder))
            self._mount(None, "-o", "remount,bind,ro", str(folder))
        return folder

    def _mount(self, folder: Path | None, *arguments: str) -> None:
        done = _run("mount", *arguments)
        if done.returncode != 0:
            self.undo()
            pytest.skip(f"cannot mount here (mount {' '.join(arguments)}): {done.stderr.strip()}")
        if folder is not None:
            self.mounted.append(folder)

    def undo(self) -> None:
        while self.mounted:
            _run("umount", str(self.mounted.pop()))
