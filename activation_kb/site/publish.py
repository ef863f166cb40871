"""Put a freshly built folder or file where readers find it, in one step.

``site/`` and the offline zip are served while a new build runs, so a build writes its
output beside them and swaps it in only when it is complete and checked:

* a file is moved over the old one with ``os.replace`` (one atomic rename);
* a folder is exchanged with the old one by Linux's ``renameat2(RENAME_EXCHANGE)``, one
  atomic step, and the old one is deleted afterwards. Where that call is missing (another
  system, a file system without it) two renames do the job, with a moment in between in
  which the folder is missing; a build killed in that moment leaves the old folder as
  ``site.old-…``, and the next build puts it back before anything else.

A build killed at any other point leaves a ``site.tmp-…`` folder beside the site and the
site itself untouched; the next build removes the leftover. Builds into the same parent
folder take a lock on it (released by the kernel even on SIGKILL), so that one build never
removes another's work in progress.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import fcntl
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

__all__ = [
    "publishing",
    "remove_leftovers",
    "replace_dir",
    "set_mtimes",
    "staging_dir",
]

_AT_FDCWD = -100
_RENAME_EXCHANGE = 2
_UNSUPPORTED = {errno.ENOSYS, errno.EINVAL, errno.EOPNOTSUPP}

try:
    _renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
except (AttributeError, OSError):  # not glibc ≥ 2.28 on Linux
    _renameat2 = None


@contextlib.contextmanager
def publishing(out: Path) -> Iterator[None]:
    """Hold the lock of ``out``'s parent folder; first repair what a killed build left."""
    out.parent.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(out.parent, os.O_RDONLY)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX)
        _recover(out)
        yield
    finally:
        os.close(descriptor)  # closing releases the lock


def staging_dir(out: Path) -> Path:
    """A new, empty folder beside ``out`` to build into."""
    staging = Path(tempfile.mkdtemp(prefix=f"{out.name}.tmp-", dir=out.parent))
    # mkdtemp makes a private folder; the web server must be able to read the site.
    staging.chmod(0o755)
    return staging


def replace_dir(staging: Path, out: Path) -> None:
    """Make ``staging`` the folder ``out``, atomically where the system allows it."""
    if not out.exists():
        os.rename(staging, out)
        return
    if _renameat2 is not None:
        result = _renameat2(
            _AT_FDCWD, os.fsencode(staging), _AT_FDCWD, os.fsencode(out), _RENAME_EXCHANGE
        )
        if result == 0:
            shutil.rmtree(staging)  # it now holds the old site
            return
        code = ctypes.get_errno()
        if code not in _UNSUPPORTED:
            raise OSError(code, os.strerror(code), str(out))
    retired = Path(tempfile.mkdtemp(prefix=f"{out.name}.old-", dir=out.parent))
    retired.rmdir()
    os.rename(out, retired)
    try:
        os.rename(staging, out)
    except OSError:
        os.rename(retired, out)
        raise
    shutil.rmtree(retired)


def set_mtimes(root: Path, epoch: int) -> None:
    """Date ``root`` and, for a folder, everything under it at ``epoch``: a rebuild of the
    same content then changes neither bytes nor dates, so web caches stay valid."""
    for path in [*root.rglob("*"), root]:
        os.utime(path, (epoch, epoch), follow_symlinks=False)


def remove_leftovers(folder: Path, pattern: str) -> None:
    """Delete what a killed build left in ``folder`` (files or folders matching
    ``pattern``); call it only while :func:`publishing` holds the lock."""
    for leftover in folder.glob(pattern) if folder.is_dir() else []:
        if leftover.is_dir():
            shutil.rmtree(leftover, ignore_errors=True)
        else:
            leftover.unlink(missing_ok=True)


def _recover(out: Path) -> None:
    retired = sorted(out.parent.glob(f"{out.name}.old-*"), key=lambda p: p.stat().st_mtime)
    if retired and not out.exists():
        # Killed between the two renames of the fallback: the newest retired site is the
        # one that was being served.
        os.rename(retired.pop(), out)
    for leftover in [*retired, *out.parent.glob(f"{out.name}.tmp-*")]:
        shutil.rmtree(leftover, ignore_errors=True)
