"""Put rendered files on disk, touching only what changed.

The engine's live preview watches the folder we write to: rewriting every file on each
run would rebuild the site for nothing, and a run that changes nothing must write nothing.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

__all__ = ["WriteReport", "write_files", "write_tree"]


@dataclass
class WriteReport:
    """What :func:`write_tree` did, as paths relative to the folder."""

    written: list[str] = field(default_factory=list)
    deleted: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)
    """The files already as wanted, not written again."""

    @property
    def unchanged(self) -> int:
        return len(self.kept)

    def pages(self) -> int:
        """How many Markdown pages the folder holds (its other files are the search index)."""
        return sum(path.endswith(".md") for path in (*self.written, *self.kept))

    @property
    def changed(self) -> bool:
        """Whether any file was written or deleted."""
        return bool(self.written or self.deleted)


def write_tree(files: dict[str, str], root: Path) -> WriteReport:
    """Make ``root`` hold exactly ``files`` (relative POSIX paths → UTF-8 text)."""
    if not root.exists():
        return _write_new_tree(files, root)
    report = WriteReport()
    # Paths as strings: thousands of pages, and pathlib's parsing cost more than the I/O.
    base = os.path.join(root, "")
    for relative, text in sorted(files.items()):
        target = base + _checked(relative)
        data = text.encode("utf-8")
        if os.path.isfile(target) and _read(target) == data:
            report.kept.append(relative)
            continue
        os.makedirs(os.path.dirname(target), exist_ok=True)
        _replace(Path(target), data)
        report.written.append(relative)
    wanted = {_checked(path) for path in files}
    # Bottom-up, so that a folder is looked at after its files are gone.
    for folder, _, names in os.walk(root, topdown=False):
        inside = folder != os.fspath(root)
        prefix = folder[len(base) :] + "/" if inside else ""
        for name in names:
            relative = prefix + name
            if relative not in wanted:
                os.unlink(os.path.join(folder, name))
                report.deleted.append(relative)
        if inside and not os.listdir(folder):
            os.rmdir(folder)
    report.deleted.sort()
    return report


def write_files(files: Mapping[str, str | bytes], root: Path) -> None:
    """Write ``files`` (relative path → UTF-8 text or bytes) under ``root``, beside what it
    already holds: the files a build adds to a folder the engine wrote."""
    for relative, data in files.items():
        target = root / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, bytes):
            target.write_bytes(data)
        else:
            target.write_text(data, encoding="utf-8")


def _write_new_tree(files: dict[str, str], root: Path) -> WriteReport:
    """Write a folder that does not exist yet beside it, then rename it into place: a
    watcher sees it appear whole."""
    root.parent.mkdir(parents=True, exist_ok=True)
    building = Path(tempfile.mkdtemp(prefix=f".{root.name}.", dir=root.parent))
    try:
        building.chmod(0o755)
        for relative, text in sorted(files.items()):
            path = building / _checked(relative)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(text.encode("utf-8"))
        os.rename(building, root)
    except BaseException:
        shutil.rmtree(building, ignore_errors=True)
        raise
    return WriteReport(written=sorted(files))


def _checked(relative: str) -> str:
    """``relative`` as a normalised relative path; ``ValueError`` if it leads outside."""
    parts = relative.split("/")
    if relative and "" not in parts and "." not in parts and ".." not in parts:
        return relative  # already what PurePosixPath would make of it (the usual case)
    path = PurePosixPath(relative)
    if path.is_absolute() or ".." in path.parts or not path.parts:
        raise ValueError(f"{relative!r} is not a path inside the output folder")
    return str(path)


def _read(path: str) -> bytes:
    with open(path, "rb") as stream:
        return stream.read()


def _replace(target: Path, data: bytes) -> None:
    # Write beside the target and rename, so a watcher never reads half a file.
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.chmod(temporary, 0o644)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
