"""The module that runs the site engine: MkDocs with the Material theme.

The engine runs as a subprocess (``python -m mkdocs …``) on a small configuration file
that INHERITs the committed ``config/{lang}.yml`` and only points it at our folders; no
MkDocs module is imported, so changing engine (Zensical reads the same ``mkdocs.yml``)
means changing this file and :mod:`activation_kb.engine.offline` (which turns the engine's
web build into the offline bundle's pages) and nothing else.

A build is a list of independent :class:`EngineTask` s, one language into one folder each,
run side by side, as many at once as there are cores. An offline task builds the same
pages for ``file://`` with Material's ``offline`` plugin and our copy of the
``iframe-worker`` shim instead of unpkg.com's. The build does not run it (the bundle is
derived from the web build, which is a minute quicker per language at 10,000 codes); the
tests do, to compare it with what :mod:`activation_kb.engine.offline` derives.
"""

from __future__ import annotations

import errno
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml

from activation_kb.domain.errors import KbError, UsageError
from activation_kb.parallel import default_jobs, each_in_threads

__all__ = [
    "MATERIAL_INDEX",
    "PROJECT_ROOT",
    "THEME_ICON",
    "THEME_SCRIPTS",
    "EngineError",
    "EngineRun",
    "EngineTask",
    "EngineWriteError",
    "build",
    "serve",
    "system_refusal",
    "theme_scripts",
    "write_config",
]

PROJECT_ROOT = Path(__file__).resolve().parents[2]
CONFIG_DIR = PROJECT_ROOT / "config"
OVERRIDES = PROJECT_ROOT / "overrides"
REGENERATE_HOOK = PROJECT_ROOT / "hooks" / "regenerate.py"
IFRAME_WORKER = PROJECT_ROOT / "vendor" / "iframe-worker"

# Pages the engine writes that cannot work on our site. MkDocs links the assets of its
# 404 page from "/" when site_url is unset, but each language lives in its own folder;
# the site's root 404.html replaces them.
_UNUSABLE = ("404.html",)
MATERIAL_INDEX = "search/search_index.json"
"""The index Material's search plugin writes, which our search worker does not read
(overrides/assets/javascripts/kb-material.js): :func:`build` leaves it without documents,
so that no page fetches it whole, and keeps its ``config`` (the theme's bundle reads it)."""
THEME_ICON = "assets/images/favicon.png"
"""The theme's icon in each language the engine builds (Material's ``theme.favicon``, left
as it is): the site's root ``favicon.ico`` holds it."""
THEME_SCRIPTS = "assets/javascripts"
"""Where the engine copies the theme's scripts (``overrides/assets/javascripts/``) in each
language: pages written outside the engine may load them from there."""
SHIM = "assets/javascripts/iframe-worker/shim.js"
"""Where our copy of the shim goes in each language built for ``file://``; Material's
offline plugin adds no unpkg.com script when a polyfill's URL already names iframe-worker."""


class EngineError(KbError):
    """The engine failed (a warning under ``--strict`` counts); carries its output."""


class EngineWriteError(UsageError):
    """The engine could not write (a full disk, a read-only folder): one line."""


# The last line of a Python traceback for an OSError: "OSError: [Errno 28] No space left
# on device: '/a' -> '/b'" (the paths are optional).
_OS_ERROR = re.compile(
    r"^(?:\w+\.)*\w*Error: \[Errno (?P<errno>\d+)\] (?P<reason>.+?)"
    r"(?:: '(?P<first>[^']*)'(?: -> '(?P<second>[^']*)')?)?$"
)
# What the system refuses, as opposed to a bug or a problem of the pages: only a write
# meets the first three.
_WRITE_REFUSALS = {errno.ENOSPC, errno.EDQUOT, errno.EROFS}
_REFUSALS = _WRITE_REFUSALS | {errno.EACCES, errno.EPERM, errno.EIO}


def system_refusal(output: str) -> str | None:
    """One line (``cannot write PATH: REASON``) when the engine's ``output`` ends in an
    ``OSError`` the system raised (a full disk, a read-only folder); ``None`` otherwise."""
    lines = output.rstrip().splitlines()
    found = _OS_ERROR.match(lines[-1].strip()) if lines else None
    if found is None or int(found["errno"]) not in _REFUSALS:
        return None
    where = found["second"] or found["first"] or "the site"
    if int(found["errno"]) in _WRITE_REFUSALS:
        return f"cannot write {where}: {found['reason']}"
    return f"{where}: {found['reason']}"


@dataclass(frozen=True)
class EngineTask:
    """One run of the engine: the Markdown of ``docs_dir`` in ``lang`` → the site in ``out``."""

    lang: str
    docs_dir: Path
    out: Path
    offline: bool = False
    """Built to be opened from ``file://`` (the offline bundle) rather than served."""

    @property
    def name(self) -> str:
        return f"{self.lang}.offline" if self.offline else self.lang


def theme_scripts(names: Sequence[str]) -> str:
    """The text of the theme's scripts ``names`` (``overrides/assets/javascripts/``), joined
    by newlines: pages written outside the engine inline them."""
    folder = OVERRIDES / "assets" / "javascripts"
    return "\n".join((folder / name).read_text(encoding="utf-8") for name in names)


def _environment(extra: dict[str, str] | None = None) -> dict[str, str]:
    # Silence the end-of-life banners of MkDocs and Material by their documented variables.
    return {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(extra or {})}


def write_config(
    lang: str,
    docs_dir: Path,
    work_dir: Path,
    *,
    offline: bool = False,
    watch: Path | None = None,
) -> Path:
    """Write ``work_dir/mkdocs.{lang}[.offline].yml``: ``config/{lang}.yml`` reading ``docs_dir``.

    Paths in a MkDocs config are relative to the file given with ``-f``, so every path the
    committed config sets is repeated here, absolute. ``offline`` adds Material's offline
    plugin (``plugins`` is a mapping in ``mkdocs.yml``, so INHERIT merges it with the
    search plugin's settings) and our shim. With ``watch``, the live preview also watches
    that folder and regenerates the pages before each rebuild.
    """
    settings: dict[str, object] = {
        "INHERIT": str(CONFIG_DIR / f"{lang}.yml"),
        "docs_dir": str(docs_dir.resolve()),
        "theme": {"custom_dir": str(OVERRIDES)},
    }
    if offline:
        settings["plugins"] = {"offline": {}}
        settings["extra"] = {"polyfills": [SHIM]}
    if watch is not None:
        settings["watch"] = [str(watch.resolve())]
        settings["hooks"] = [str(REGENERATE_HOOK)]
    work_dir.mkdir(parents=True, exist_ok=True)
    path = work_dir / f"mkdocs.{lang}{'.offline' if offline else ''}.yml"
    path.write_text(yaml.safe_dump(settings, sort_keys=False), encoding="utf-8")
    return path


@dataclass(frozen=True)
class EngineRun:
    """One task as it ran: when it started and ended (``time.monotonic()``), and the CPU
    seconds its process used (user and system)."""

    task: EngineTask
    started: float
    ended: float
    cpu: float | None = None


def build(
    tasks: list[EngineTask],
    work_dir: Path,
    *,
    environment: dict[str, str] | None = None,
    jobs: int | None = None,
) -> list[EngineRun]:
    """Run every task, at most ``jobs`` at once, in the order given; raise
    :class:`EngineError` with the engine's output if any fails. ``environment`` is added to
    the engine's (``SOURCE_DATE_EPOCH``)."""
    commands = []
    for task in tasks:
        config = write_config(task.lang, task.docs_dir, work_dir, offline=task.offline)
        command = [sys.executable, "-m", "mkdocs", "build", "--strict"]
        commands.append((task, [*command, "-f", str(config), "-d", str(task.out.resolve())]))
    results = each_in_threads(
        lambda pair: _run(*pair, environment), commands, jobs or default_jobs()
    )
    failures = [failure for _, failure in results if failure]
    for failure in failures:
        refused = system_refusal(failure)
        if refused:
            raise EngineWriteError(refused)
    if failures:
        raise EngineError("\n\n".join(failures))
    for task in tasks:
        for name in _UNUSABLE:
            (task.out / name).unlink(missing_ok=True)
        _empty_material_index(task.out / MATERIAL_INDEX)
    return [run for run, _ in results]


def _empty_material_index(path: Path) -> None:
    """Material's search index without its documents (see :data:`MATERIAL_INDEX`)."""
    if path.is_file():
        config = json.loads(path.read_text(encoding="utf-8"))["config"]
        path.write_text(json.dumps({"config": config, "docs": []}), encoding="utf-8")


def _run(
    task: EngineTask, command: list[str], environment: dict[str, str] | None
) -> tuple[EngineRun, str | None]:
    """Run one engine build; its output is shown only when it fails."""
    with tempfile.TemporaryFile(mode="w+", encoding="utf-8") as log:
        started = time.monotonic()
        process = subprocess.Popen(
            command,
            stdout=log,
            stderr=subprocess.STDOUT,
            env=_environment(environment),
            cwd=PROJECT_ROOT,
        )
        # wait4, not wait: it also tells what this one process cost, which the build
        # report needs beside its wall time (two builds share the cores).
        try:
            _, status, usage = os.wait4(process.pid, 0)
        except BaseException:
            process.kill()
            process.wait()
            raise
        process.returncode = os.waitstatus_to_exitcode(status)
        run = EngineRun(task, started, time.monotonic(), usage.ru_utime + usage.ru_stime)
        if process.returncode == 0:
            return run, None
        log.seek(0)
        return run, f"mkdocs build ({task.name}) failed:\n{log.read().rstrip()}"


def serve(lang: str, docs_root: Path, content_root: Path, work_dir: Path, address: str) -> int:
    """Run the engine's live preview of ``lang`` until interrupted; return its exit status.

    The hook ``hooks/regenerate.py`` regenerates ``docs_root`` from ``content_root``
    before each rebuild, and ``content_root`` is watched, so editing content reloads the
    page in the browser.
    """
    config = write_config(lang, docs_root / lang, work_dir, watch=content_root)
    environment = _environment(
        {"KB_CONTENT": str(content_root.resolve()), "KB_DOCS": str(docs_root.resolve())}
    )
    command = [sys.executable, "-m", "mkdocs", "serve", "--watch-theme", "-f", str(config)]
    command += ["-a", address]
    try:
        return subprocess.call(command, env=environment, cwd=PROJECT_ROOT)
    except KeyboardInterrupt:
        return 0
