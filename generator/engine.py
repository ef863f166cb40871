"""The one module that knows the site engine: MkDocs with the Material theme.

The engine runs as a subprocess (``python -m mkdocs …``) on a small configuration file
that INHERITs the committed ``config/{lang}.yml`` and only points it at our folders; no
MkDocs module is imported, so changing engine (Zensical reads the same ``mkdocs.yml``)
means changing this file and nothing else.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

from generator.errors import KbError

__all__ = ["PROJECT_ROOT", "EngineError", "build", "serve", "write_config"]

PROJECT_ROOT = Path(__file__).resolve().parent.parent
CONFIG_DIR = PROJECT_ROOT / "config"
OVERRIDES = PROJECT_ROOT / "overrides"
REGENERATE_HOOK = PROJECT_ROOT / "hooks" / "regenerate.py"

# Pages the engine writes that cannot work on our site. MkDocs links the assets of its
# 404 page from "/" when site_url is unset, but each language lives in its own folder;
# the site's root 404.html replaces them.
_UNUSABLE = ("404.html",)


class EngineError(KbError):
    """The engine failed (a warning under ``--strict`` counts); carries its output."""


def _environment(extra: dict[str, str] | None = None) -> dict[str, str]:
    # Silence the end-of-life banners of MkDocs and Material by their documented variables.
    return {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(extra or {})}


def write_config(lang: str, docs_dir: Path, work_dir: Path, *, watch: Path | None = None) -> Path:
    """Write ``work_dir/mkdocs.{lang}.yml``: ``config/{lang}.yml`` reading ``docs_dir``.

    Paths in a MkDocs config are relative to the file given with ``-f``, so every path the
    committed config sets is repeated here, absolute. With ``watch``, the live preview also
    watches that folder and regenerates the pages before each rebuild.
    """
    settings: dict[str, object] = {
        "INHERIT": str(CONFIG_DIR / f"{lang}.yml"),
        "docs_dir": str(docs_dir.resolve()),
        "theme": {"custom_dir": str(OVERRIDES)},
    }
    if watch is not None:
        settings["watch"] = [str(watch.resolve())]
        settings["hooks"] = [str(REGENERATE_HOOK)]
    work_dir.mkdir(parents=True, exist_ok=True)
    path = work_dir / f"mkdocs.{lang}.yml"
    path.write_text(yaml.safe_dump(settings, sort_keys=False), encoding="utf-8")
    return path


def build(
    docs_dirs: dict[str, Path],
    out: Path,
    work_dir: Path,
    *,
    environment: dict[str, str] | None = None,
) -> None:
    """Build each language's ``docs_dirs[lang]`` into ``out/{lang}``, the languages in
    parallel; raise :class:`EngineError` with the engine's output if any build fails.
    ``environment`` is added to the engine's (``SOURCE_DATE_EPOCH``)."""
    failures = []
    with contextlib.ExitStack() as logs:
        running = []
        for lang, docs_dir in docs_dirs.items():
            config = write_config(lang, docs_dir, work_dir)
            log = logs.enter_context(tempfile.TemporaryFile(mode="w+", encoding="utf-8"))
            command = [sys.executable, "-m", "mkdocs", "build", "--strict"]
            command += ["-f", str(config), "-d", str((out / lang).resolve())]
            process = subprocess.Popen(
                command,
                stdout=log,
                stderr=subprocess.STDOUT,
                env=_environment(environment),
                cwd=PROJECT_ROOT,
            )
            running.append((lang, process, log))
        for lang, process, log in running:
            if process.wait() != 0:
                log.seek(0)
                failures.append(f"mkdocs build ({lang}) failed:\n{log.read().rstrip()}")
    if failures:
        raise EngineError("\n\n".join(failures))
    for lang in docs_dirs:
        for name in _UNUSABLE:
            (out / lang / name).unlink(missing_ok=True)


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
