"""Put a freshly built site and its zip where readers find them, together, in one step each.

``site/`` and the offline zip are served while a new build runs, so a build writes its
output beside them and swaps it in only when it is complete and checked:

* the folder is exchanged with the old one by Linux's ``renameat2(RENAME_EXCHANGE)``, one
  atomic step. Where that call is missing (another system, a file system without it) two
  renames do the job, with a moment in between in which the folder is missing; a build
  killed in that moment leaves the old folder as ``site.old-…``, and the next build puts it
  back before anything else;
* then the zip is moved over the old one with ``os.replace`` (one atomic rename). If that
  fails, the folder is swapped back: readers get the new site and the new zip, or the old
  ones, never one of each (:func:`swap_in`);
* the old folder is deleted last (:func:`retire`); if it cannot be, the new site and zip
  are published all the same, and the next build deletes the leftover.

Files and folders are published world-readable whatever the umask (0644 and 0755,
:func:`make_publishable`): the web server runs as another user.

A build killed at any other point leaves a ``site.tmp-…`` folder beside the site and the
site itself untouched; the next build removes the leftover. A build holds a lock on every
folder it writes in (:func:`locked`, released by the kernel even on SIGKILL), so that one
build never removes or overwrites another's work in progress.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import fcntl
import os
import shutil
import sys
import tempfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

__all__ = [
    "FILE_MODE",
    "FOLDER_MODE",
    "locked",
    "make_folder",
    "make_publishable",
    "publishing",
    "remove_leftovers",
    "replace_dir",
    "retire",
    "set_mtimes",
    "staging_dir",
    "swap_in",
]

FILE_MODE = 0o644
FOLDER_MODE = 0o755

_AT_FDCWD = -100
_RENAME_EXCHANGE = 2
_UNSUPPORTED = {errno.ENOSYS, errno.EINVAL, errno.EOPNOTSUPP}

try:
    _renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
except (AttributeError, OSError):  # not glibc ≥ 2.28 on Linux
    _renameat2 = None


@contextlib.contextmanager
def locked(
    folders: Iterable[Path], on_wait: Callable[[Path], None] | None = None
) -> Iterator[None]:
    """Hold an exclusive lock on each of ``folders`` (created when missing), taken in one
    order so that two builds never wait for each other; ``on_wait(folder)`` is called
    before waiting for a lock another process holds."""
    with contextlib.ExitStack() as stack:
        for folder in sorted(set(folders)):
            make_folder(folder)
            descriptor = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
            stack.callback(os.close, descriptor)  # closing releases the lock
            try:
                fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                if on_wait is not None:
                    on_wait(folder)
                fcntl.flock(descriptor, fcntl.LOCK_EX)
        yield


@contextlib.contextmanager
def publishing(
    out: Path, *, also: Iterable[Path] = (), on_wait: Callable[[Path], None] | None = None
) -> Iterator[list[OSError]]:
    """Hold the lock of ``out``'s parent folder (and of the folders ``also`` names); first
    repair what a killed build left beside ``out``. Yields what of it could not be
    deleted."""
    with locked([out.parent, *also], on_wait):
        yield _recover(out)


def make_folder(folder: Path) -> None:
    """Create ``folder`` and its missing parents, each readable by all (0755)."""
    missing = [folder, *folder.parents]
    missing = [path for path in missing if not path.exists()]
    folder.mkdir(parents=True, exist_ok=True)
    for path in missing:
        path.chmod(FOLDER_MODE)


def staging_dir(out: Path, marker: tuple[str, str] | None = None) -> Path:
    """A new folder beside ``out`` to build into; ``marker``: ``(relative path, text)`` of
    a file written in it first."""
    staging = Path(tempfile.mkdtemp(prefix=f"{out.name}.tmp-", dir=out.parent))
    # mkdtemp makes a private folder; the web server must be able to read the site.
    staging.chmod(FOLDER_MODE)
    if marker is not None:
        path = staging / marker[0]
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(marker[1], encoding="utf-8")
    return staging


def swap_in(
    staging: Path, out: Path, pending: Path | None = None, target: Path | None = None
) -> Path | None:
    """Make ``staging`` the folder ``out`` and, with ``pending``, that file ``target``:
    both or neither. Returns where the previous ``out`` now is (for :func:`retire`), or
    ``None`` when there was none."""
    previous = _put_in_place(staging, out)
    if pending is None or target is None:
        return previous
    try:
        os.replace(pending, target)
    except OSError:
        _take_back(previous, staging, out)
        raise
    return previous


def retire(previous: Path | None) -> OSError | None:
    """Delete the previous site; the error when it cannot be (it is then left to the next
    build, which tries again)."""
    if previous is None:
        return None
    failures = _removed(previous)
    return failures[0] if failures else None


def replace_dir(staging: Path, out: Path) -> None:
    """Make ``staging`` the folder ``out``, atomically where the system allows it, and
    delete the previous one."""
    previous = _put_in_place(staging, out)
    if previous is not None:
        shutil.rmtree(previous)


def _put_in_place(staging: Path, out: Path) -> Path | None:
    """``staging`` becomes ``out``; returns where the previous ``out`` went."""
    if not out.exists():
        os.rename(staging, out)
        return None
    if _exchange(staging, out):
        return staging  # it now holds the old site
    retired = Path(tempfile.mkdtemp(prefix=f"{out.name}.old-", dir=out.parent))
    retired.rmdir()
    os.rename(out, retired)
    try:
        os.rename(staging, out)
    except OSError:
        os.rename(retired, out)
        raise
    return retired


def _take_back(previous: Path | None, staging: Path, out: Path) -> None:
    """Undo :func:`_put_in_place`: the previous folder at ``out`` again, the new one at
    ``staging``."""
    if previous is None:
        os.rename(out, staging)
    elif previous == staging:
        if not _exchange(staging, out):
            raise OSError(errno.ENOSYS, "the folders cannot be exchanged back", str(out))
    else:
        os.rename(out, staging)
        os.rename(previous, out)


def _exchange(first: Path, second: Path) -> bool:
    """Exchange two folders in one step; ``False`` where the system cannot."""
    if _renameat2 is None:
        return False
    result = _renameat2(
        _AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE
    )
    if result == 0:
        return True
    code = ctypes.get_errno()
    if code in _UNSUPPORTED:
        return False
    raise OSError(code, os.strerror(code), str(first), None, str(second))


def make_publishable(root: Path, epoch: int) -> None:
    """Make ``root`` (a file, or a folder and everything under it) readable by all (files
    0644, folders 0755, whatever the umask) and dated ``epoch``: a rebuild of the same
    content then changes neither bytes, modes nor dates, so web caches stay valid."""
    if not root.is_dir():
        root.chmod(FILE_MODE)
        os.utime(root, (epoch, epoch))
        return
    # Neither a mode nor a date changes the folder that holds the file.
    for folder, _, names in os.walk(root):
        for name in names:
            path = os.path.join(folder, name)
            if not os.path.islink(path):
                os.chmod(path, FILE_MODE)
                os.utime(path, (epoch, epoch))
        os.chmod(folder, FOLDER_MODE)
        os.utime(folder, (epoch, epoch))


def set_mtimes(root: Path, epoch: int) -> None:
    """Date ``root`` and, for a folder, everything under it at ``epoch``."""
    for path in [*root.rglob("*"), root]:
        os.utime(path, (epoch, epoch), follow_symlinks=False)


def remove_leftovers(folder: Path, pattern: str) -> list[OSError]:
    """Delete what a killed build left in ``folder`` (files or folders matching
    ``pattern``); call it only while :func:`locked` holds ``folder``'s lock. Returns what
    could not be deleted."""
    failures: list[OSError] = []
    for leftover in sorted(folder.glob(pattern)) if folder.is_dir() else []:
        try:
            if leftover.is_dir() and not leftover.is_symlink():
                failures += _removed(leftover)
            else:
                leftover.unlink(missing_ok=True)
        except OSError as error:
            failures.append(error)
    return failures


def _removed(folder: Path) -> list[OSError]:
    """Delete ``folder`` as far as possible; what could not be deleted."""
    failures: list[OSError] = []

    def failed(_function: object, _path: str, error: object) -> None:
        # onerror (Python 3.11) passes sys.exc_info(); onexc (3.12+) the exception.
        failures.append(error[1] if isinstance(error, tuple) else error)  # type: ignore[arg-type]

    if sys.version_info >= (3, 12):
        shutil.rmtree(folder, onexc=failed)
    else:
        shutil.rmtree(folder, onerror=failed)
    return failures


def _recover(out: Path) -> list[OSError]:
    retired = sorted(out.parent.glob(f"{out.name}.old-*"), key=lambda p: p.stat().st_mtime)
    if retired and not out.exists():
        # Killed between the two renames of the fallback: the newest retired site is the
        # one that was being served.
        os.rename(retired.pop(), out)
    failures = []
    for pattern in (f"{out.name}.old-*", f"{out.name}.tmp-*"):
        failures += remove_leftovers(out.parent, pattern)
    return failures
