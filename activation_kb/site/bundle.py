"""The offline bundle as a reproducible zip: ``dist/activation-kb-offline-<version>.zip``.

The same folder always gives the same bytes: entries sorted by path, every timestamp
``SOURCE_DATE_EPOCH`` (1980-01-01, the earliest a zip can hold, when it is unset),
permissions 0644, Deflate at level 9, no extra fields. Everything sits in one top folder
named like the zip, so unzipping never scatters files; the reader opens its ``index.html``.

:func:`write_zip` writes to a temporary name beside the target; the build renames it into
place (:func:`publish`) only once everything else succeeded.
"""

from __future__ import annotations

import os
import tempfile
import time
import zipfile
from importlib.metadata import version
from pathlib import Path

from activation_kb.domain.errors import UsageError

__all__ = ["PACKAGE", "bundle_name", "publish", "timestamp", "write_zip"]

PACKAGE = "activation-kb"
_EARLIEST = 315532800  # 1980-01-01T00:00:00Z: a zip's clock starts there
_LATEST = 4354819198  # 2107-12-31T23:59:58Z: and ends there
_LEVEL = 9
_FILE_MODE = 0o100644  # a regular file, rw-r--r--
_UNIX = 3  # "made by" Unix, so that unzip applies the mode


def bundle_name(release: str | None = None) -> str:
    """``activation-kb-offline-0.1.0``: the package's version unless ``release`` is given."""
    return f"{PACKAGE}-offline-{release or version(PACKAGE)}"


def timestamp(epoch: int | None = None) -> tuple[int, int, int, int, int, int]:
    """Every entry's date: ``epoch`` when given (the build's,
    :mod:`activation_kb.pipeline.build_date`),
    else ``SOURCE_DATE_EPOCH`` (UTC) if set, else 1980-01-01 00:00."""
    raw = str(epoch) if epoch is not None else os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not raw:
        seconds = _EARLIEST
    elif raw.isdigit():
        seconds = min(max(int(raw), _EARLIEST), _LATEST)
    else:
        raise UsageError(f"SOURCE_DATE_EPOCH must be a whole number of seconds, not {raw!r}")
    # A zip stores seconds in steps of two: the even second before, said as it is stored.
    year, month, day, hour, minute, second = time.gmtime(seconds - seconds % 2)[:6]
    return (year, month, day, hour, minute, second)


def write_zip(tree: Path, target: Path, *, epoch: int | None = None) -> Path:
    """Zip every file under ``tree`` into ``<target.stem>/…`` in a temporary file beside
    ``target``; return that file's path (the caller publishes or deletes it)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    pending = Path(name)
    date = timestamp(epoch)
    files = sorted(
        (path.relative_to(tree).as_posix(), path) for path in tree.rglob("*") if path.is_file()
    )
    try:
        with os.fdopen(handle, "wb") as stream, zipfile.ZipFile(stream, "w") as archive:
            for relative, path in files:
                entry = zipfile.ZipInfo(f"{target.stem}/{relative}", date_time=date)
                entry.external_attr = _FILE_MODE << 16
                entry.create_system = _UNIX
                data = path.read_bytes()
                archive.writestr(entry, data, zipfile.ZIP_DEFLATED, _LEVEL)
        pending.chmod(0o644)
    except BaseException:
        pending.unlink(missing_ok=True)
        raise
    return pending


def publish(pending: Path, target: Path) -> None:
    """Put the finished zip in place in one step: readers see the old one or the new one."""
    os.replace(pending, target)
