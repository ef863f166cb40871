"""Where a build may write, decided before it writes anything.

``kb build`` replaces ``--out`` as a whole, writes and deletes pages under ``--work`` and
puts the zip in ``--dist``. None of the three may be, hold or lie inside what the build
reads or what the project is made of: the content, the code, the configuration, the
repository's metadata (``.git``). None may be or hold the project's folder, and ``--out``
may not be or hold the current folder, ``--work`` or ``--dist``. Every path arrives
absolute (:mod:`activation_kb.cli.common` resolves them once, at the command line).

A folder the build did not make is never deleted: ``--out`` may be a new or empty folder,
or a site ``kb build`` made (its marker, :data:`SITE_MARKER`, or for a site built before
the marker existed, a ``codes.json`` of ours beside an ``index.html``); ``--work`` may be
new, empty, or one that ``kb build`` used (:data:`WORK_MARKER`, or its engine
configurations ``mkdocs.{lang}.yml``).
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

from activation_kb.domain.errors import UsageError
from activation_kb.domain.model import LANGUAGES
from activation_kb.engine.mkdocs import PROJECT_ROOT

__all__ = [
    "SITE_MARKER",
    "SITE_MARKER_TEXT",
    "WORK_MARKER",
    "BuildPaths",
    "check_build_paths",
    "check_serve_paths",
    "check_work_folder",
    "made_by_a_build",
]

SITE_MARKER = ".kb/built-by-kb"
"""Every site the build publishes holds this file: the next build may replace it."""
SITE_MARKER_TEXT = "activation-kb: `kb build` made this folder; the next build replaces it whole.\n"
WORK_MARKER = ".kb-work"
"""A work folder ``kb build`` or ``kb serve`` has used holds this file."""
WORK_MARKER_TEXT = "activation-kb: the work folder of `kb build` (generated pages, engine files).\n"

# What the project is made of, under its folder: the code, its configuration, the
# repository's metadata, and what the tests and the documentation are.
_PROJECT_PARTS = {
    "the code": ("activation_kb", "overrides", "hooks", "vendor", "schemas", "bench", "tests"),
    "the configuration": ("config", "mkdocs.yml", "pyproject.toml", "deploy", "Makefile"),
    "the documentation": ("docs", "README.md", "CHANGELOG.md"),
    "the repository's metadata": (".git",),
}
_WHAT_OUT_IS = "the build replaces --out as a whole, so give it a folder of its own (default: site)"
_WHAT_WORK_IS = "the build writes and deletes pages there (default: build)"
_WHAT_DIST_IS = "the build writes the offline zip there (default: dist)"


@dataclass(frozen=True)
class BuildPaths:
    """The folders of one build, absolute."""

    content: Path
    out: Path
    work: Path
    dist: Path | None
    """``None``: no offline zip."""


def check_build_paths(paths: BuildPaths, cwd: Path | None = None) -> None:
    """Raise :class:`UsageError` (one line) unless the build may write where ``paths`` say."""
    for path in (paths.content, paths.out, paths.work, paths.dist):
        if path is not None and not path.is_absolute():
            raise ValueError(f"{path} is not absolute: resolve paths at the command line")
    outputs = [("--out", paths.out, _WHAT_OUT_IS), ("--work", paths.work, _WHAT_WORK_IS)]
    if paths.dist is not None:
        outputs.append(("--dist", paths.dist, _WHAT_DIST_IS))
    _refuse_what_the_project_is(paths.content, outputs)
    _refuse_holding("--out", paths.out, "the current folder", cwd or Path.cwd(), _WHAT_OUT_IS)
    for option, path, _ in outputs[1:]:
        _refuse_overlap("--out", paths.out, option, path, _WHAT_OUT_IS)
    _refuse_foreign_site(paths.out)
    check_work_folder(paths.work)


def check_serve_paths(content: Path, work: Path) -> None:
    """``kb serve``'s share of :func:`check_build_paths`: its ``--work``."""
    _refuse_what_the_project_is(content, [("--work", work, _WHAT_WORK_IS)])
    check_work_folder(work)


def _refuse_what_the_project_is(content: Path, outputs: list[tuple[str, Path, str]]) -> None:
    protected = _protected(content)
    for option, path, what in outputs:
        for kind, other in protected:
            _refuse_overlap(option, path, kind, other, what)
        _refuse_holding(option, path, "the project", PROJECT_ROOT, what)


def check_work_folder(work: Path) -> None:
    """Refuse a ``--work`` that exists, holds files and was never a build's work folder."""
    if _listing(work) and not _marked(work / WORK_MARKER, WORK_MARKER_TEXT):
        engine_files = [work / f"mkdocs.{lang}.yml" for lang in LANGUAGES]
        if not any(path.is_file() for path in engine_files):
            raise UsageError(
                f"--work {work} holds files that no build wrote (no {WORK_MARKER}); "
                f"{_WHAT_WORK_IS}: give it a new or empty folder"
            )


def made_by_a_build(folder: Path) -> bool:
    """Whether ``folder`` is a site ``kb build`` published (so it may be replaced)."""
    if _marked(folder / SITE_MARKER, SITE_MARKER_TEXT):
        return True
    # Built before the marker existed: our codes.json beside the language redirect.
    try:
        data = json.loads((folder / "codes.json").read_text("utf-8"))
    except (OSError, ValueError):
        return False
    ours = isinstance(data, dict) and {"format_version", "codes", "source"} <= data.keys()
    return ours and (folder / "index.html").is_file()


def _refuse_foreign_site(out: Path) -> None:
    if _listing(out) and not made_by_a_build(out):
        raise UsageError(
            f"--out {out} is a folder that kb build did not make (no {SITE_MARKER}); {_WHAT_OUT_IS}"
        )


def _protected(content: Path) -> list[tuple[str, Path]]:
    """What no output may touch: the content, the project's parts, and the metadata of
    the repositories that hold the project and the content."""
    found = [("the content", content)]
    for kind, names in _PROJECT_PARTS.items():
        found += [(kind, PROJECT_ROOT / name) for name in names]
    for top in (PROJECT_ROOT, content):
        found += [("the repository's metadata", path) for path in _git_folders(top)]
    return found


def _git_folders(start: Path) -> list[Path]:
    """The ``.git`` of the repository that holds ``start`` and, when it is a file (a
    worktree, a submodule), the folders it points to."""
    for folder in (start, *start.parents):
        dot_git = folder / ".git"
        if dot_git.is_dir():
            return [dot_git.resolve()]
        if dot_git.is_file():
            return [dot_git, *_pointed_to(dot_git)]
    return []


def _pointed_to(dot_git: Path) -> list[Path]:
    try:
        line = dot_git.read_text("utf-8").strip()
    except (OSError, ValueError):
        return []
    if not line.startswith("gitdir:"):
        return []
    git_dir = (dot_git.parent / line.removeprefix("gitdir:").strip()).resolve()
    found = [git_dir]
    try:
        common = (git_dir / "commondir").read_text("utf-8").strip()
    except (OSError, ValueError):
        return found
    return [*found, (git_dir / common).resolve()]


def _refuse_overlap(option: str, path: Path, kind: str, other: Path, what: str) -> None:
    relation = _relation(path, other.resolve())
    if relation:
        raise UsageError(f"{option} {path} {relation} {kind} {other.resolve()}; {what}")


def _refuse_holding(option: str, path: Path, kind: str, other: Path, what: str) -> None:
    relation = _relation(path, other.resolve())
    if relation in ("is", "holds"):
        raise UsageError(f"{option} {path} {relation} {kind} {other.resolve()}; {what}")


def _relation(path: Path, other: Path) -> str | None:
    if path == other:
        return "is"
    if path in other.parents:
        return "holds"
    if other in path.parents:
        return "lies inside"
    return None


def _listing(folder: Path) -> list[str]:
    try:
        return os.listdir(folder)
    except (FileNotFoundError, NotADirectoryError):
        return []  # nothing to lose there; writing will say what is wrong


def _marked(marker: Path, text: str) -> bool:
    try:
        return marker.read_text("utf-8") == text
    except (OSError, ValueError):
        return False
