"""A copy of the valid fixture content tree that a test can break in one place."""

from __future__ import annotations

import shutil
from pathlib import Path

VALID = Path(__file__).parent / "fixtures" / "valid"


def valid_copy(tmp_path: Path) -> Path:
    """A fresh copy of the valid content tree under ``tmp_path``."""
    root = tmp_path / "content"
    shutil.copytree(VALID, root)
    return root


def edit(root: Path, file: str, old: str, new: str) -> None:
    """Replace the one occurrence of ``old`` in ``file``; fails loudly if it is not unique,
    so that a fixture change cannot silently turn a test into a no-op."""
    path = root / file
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times in {file}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def line_of(root: Path, file: str, needle: str) -> int:
    """The line number (1-based) of the one line of ``file`` that contains ``needle``."""
    lines = (root / file).read_text(encoding="utf-8").splitlines()
    found = [number for number, line in enumerate(lines, start=1) if needle in line]
    assert len(found) == 1, f"{needle!r} is on lines {found} of {file}"
    return found[0]


def lines_equal(root: Path, file: str, text: str) -> list[int]:
    """The line numbers (1-based) of every line of ``file`` that is exactly ``text``."""
    lines = (root / file).read_text(encoding="utf-8").splitlines()
    return [number for number, line in enumerate(lines, start=1) if line == text]
