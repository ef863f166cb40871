"""The one date of a build, so that two builds of the same content are byte-identical.

The engine dates what it writes (the sitemap's gzip header, any ``lastmod``) with
``SOURCE_DATE_EPOCH`` when it is set and with the clock when it is not; the zip dates its
entries the same way. We always set it, from the content rather than the clock:

1. ``SOURCE_DATE_EPOCH`` from the environment, when the caller set it (the convention of
   https://reproducible-builds.org/specs/source-date-epoch/);
2. else the time of the last git commit that touched the content folder;
3. else (no git, or a copy outside a repository) the source article's ``ms.date``.

A date must fit everything it dates: the sitemap's gzip header holds it in 32 bits, so
``SOURCE_DATE_EPOCH`` is refused (:func:`given_epoch`, before the build starts) beyond
4294967295 (2106-02-07); the zip, whose dates end in 2107, clamps it there.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from datetime import UTC, datetime
from pathlib import Path

from activation_kb.domain.errors import UsageError

__all__ = ["ENVIRONMENT_VARIABLE", "LATEST", "given_epoch", "source_date_epoch"]

ENVIRONMENT_VARIABLE = "SOURCE_DATE_EPOCH"
LATEST = 2**32 - 1
"""The last second a gzip header can date (2106-02-07T06:28:15Z)."""


def source_date_epoch(content_root: Path, metadata: dict[str, str]) -> int:
    """Seconds since 1970 (UTC) for a build of ``content_root``; ``metadata`` is the source
    article's front matter."""
    given = given_epoch()
    if given is not None:
        return given
    committed = _last_commit(content_root)
    if committed is not None:
        return committed
    return _article_date(metadata)


def given_epoch() -> int | None:
    """``SOURCE_DATE_EPOCH`` from the environment, ``None`` when unset; a
    :class:`UsageError` when it is no whole number of seconds from 0 to :data:`LATEST`."""
    given = os.environ.get(ENVIRONMENT_VARIABLE, "").strip()
    if not given:
        return None
    if not (given.isascii() and given.isdigit()) or int(given) > LATEST:
        raise UsageError(
            f"{ENVIRONMENT_VARIABLE}={given!r} is not a date a build can carry: give a whole "
            f"number of seconds from 0 to {LATEST} (2106-02-07)"
        )
    return int(given)


def _last_commit(content_root: Path) -> int | None:
    git = shutil.which("git")
    if git is None or not content_root.is_dir():
        return None
    try:
        done = subprocess.run(
            [git, "log", "-1", "--format=%ct", "--", "."],
            cwd=content_root,
            capture_output=True,
            text=True,
            timeout=30,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    stamp = done.stdout.strip()
    # Outside a repository git fails; in one that never committed the folder it prints nothing.
    return int(stamp) if done.returncode == 0 and stamp.isdigit() else None


def _article_date(metadata: dict[str, str]) -> int:
    written = metadata.get("ms.date", "").strip()
    for pattern in ("%m/%d/%Y", "%Y-%m-%d"):
        try:
            day = datetime.strptime(written, pattern).replace(tzinfo=UTC)
        except ValueError:
            continue
        return int(day.timestamp())
    return 0
