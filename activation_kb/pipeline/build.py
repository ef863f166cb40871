"""``content/`` → ``site/`` and the offline zip: generate the pages, run the engine,
check, then swap in.

One set of generated pages feeds independent engine tasks, one per language, run side by
side, as many at once as there are cores (``jobs``). With ``dist``, the offline bundle is
derived from their output (:mod:`activation_kb.site.offline`, zipped by
:mod:`activation_kb.site.bundle`). Every stage is timed into the
:class:`~activation_kb.pipeline.report.BuildReport` (``kb build --report``).

The reader-facing ``site/`` is replaced only by a complete, checked site: everything is
built in a sibling folder (``site.tmp-…``) and swapped into place at the end together with
the zip, written under a temporary name (:mod:`activation_kb.site.publish`: both or
neither). Content that ``kb check`` refuses, or any failed check, stops the build with
neither touched; so does a build killed at any moment. Every build of the same content is
byte-identical: the engine, the zip and the files are dated by
:mod:`activation_kb.pipeline.build_date`, never by the clock.

Before anything is written, the folders are checked (:mod:`activation_kb.pipeline.paths`:
never the content, the code or ``.git``; never a folder the build did not make) and
tried for writing; the build then holds the lock of each folder it writes in, so builds
that share one (the work folder, say) run one after the other. The published site holds
its marker and the Content-Security-Policy hashes of its inline scripts
(:mod:`activation_kb.site.csp`).
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from activation_kb.domain.errors import KbError, UsageError
from activation_kb.domain.model import LANGUAGES, Content
from activation_kb.engine import mkdocs as engine
from activation_kb.parallel import ForkedCall, can_fork, default_jobs
from activation_kb.pipeline.build_date import ENVIRONMENT_VARIABLE, given_epoch, source_date_epoch
from activation_kb.pipeline.generate import generate
from activation_kb.pipeline.paths import (
    SITE_MARKER,
    SITE_MARKER_TEXT,
    WORK_MARKER,
    WORK_MARKER_TEXT,
    BuildPaths,
    check_build_paths,
    check_work_folder,
)
from activation_kb.pipeline.report import BuildReport, Stopwatch
from activation_kb.render.favicon import ico
from activation_kb.render.files import root_files
from activation_kb.render.go import FAVICON, SCRIPTS, go_files
from activation_kb.render.search_index import index_files
from activation_kb.site import bundle, csp, offline
from activation_kb.site.linkcheck import SiteCheck, inspect_site
from activation_kb.site.publish import (
    make_publishable,
    publishing,
    remove_leftovers,
    retire,
    staging_dir,
    swap_in,
)
from activation_kb.site.writer import write_files

__all__ = ["BrokenSiteError", "BuildReport", "build_site", "generate", "mark_work_folder"]


class BrokenSiteError(KbError):
    """The engine produced a site with dead links, missing anchors or duplicate ids."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("the built site has problems:\n" + "\n".join(problems))


def build_site(
    content_root: Path,
    out: Path,
    work_dir: Path,
    *,
    dist: Path | None = None,
    languages: Sequence[str] = LANGUAGES,
    jobs: int | None = None,
    on_wait: Callable[[Path], None] | None = None,
) -> BuildReport:
    """Build the whole site into ``out``, using ``work_dir`` for the generated Markdown;
    with ``dist``, also the offline bundle ``dist/activation-kb-offline-<version>.zip``.
    Every path is absolute (the command line resolves them).

    ``languages`` builds only some languages (a quicker site for tests; links into the
    others are then not checked; no bundle); ``jobs`` bounds the processes running at once
    (engine builds, languages rendered, pages checked), one per core by default. The build
    holds the lock of every folder it writes in; ``on_wait(folder)`` is called before it
    waits for another build to release one.
    """
    _check_languages(languages, dist)
    given_epoch()  # an unusable SOURCE_DATE_EPOCH stops the build before it writes
    check_build_paths(BuildPaths(content_root, out, work_dir, dist))
    target = dist / f"{bundle.bundle_name()}.zip" if dist else None
    _refuse_a_folder_in_the_zips_place(target)
    outputs = [out.parent, work_dir, *([dist] if dist else [])]
    for folder in outputs:
        _check_writable(folder)
    watch = Stopwatch()
    jobs = jobs or default_jobs()
    docs_root = work_dir / "docs"
    with publishing(out, also=outputs[1:], on_wait=on_wait) as stuck:
        check_work_folder(work_dir)  # again: another build may have used it meanwhile
        mark_work_folder(work_dir)
        stuck += remove_leftovers(work_dir, "offline-*")
        if target:
            stuck += remove_leftovers(target.parent, f".{target.name}.*.tmp")
        with watch.stage("generate"):
            content, reports = _generating(
                work_dir, lambda: generate(content_root, docs_root, languages, search=False)
            )
        epoch = source_date_epoch(content_root, content.article.source.metadata)
        scripts = engine.theme_scripts(SCRIPTS)
        plan = _Plan(docs_root, out, work_dir, target, epoch, languages, jobs, scripts)
        stuck += _build(content, plan, watch)
    return BuildReport(
        out=out,
        bundle=target,
        pages={lang: report.pages() for lang, report in reports.items()},
        written=sum(path.endswith(".md") for r in reports.values() for path in r.written),
        seconds=watch.elapsed(),
        stages=tuple(sorted(watch.stages, key=lambda stage: stage.started)),
        jobs=jobs,
        warnings=tuple(_not_deleted(error) for error in stuck),
    )


@dataclass(frozen=True)
class _Plan:
    """Where one build reads and writes, and how."""

    docs_root: Path
    out: Path
    work_dir: Path
    target: Path | None
    """The offline zip, or ``None`` for no bundle."""
    epoch: int
    languages: Sequence[str]
    jobs: int
    scripts: str
    """The text of the theme's scripts that the 404 page inlines."""


def _build(content: Content, plan: _Plan, watch: Stopwatch) -> list[OSError]:
    """Build, check and publish; returns what of the previous site could not be deleted."""
    staging = _writing(plan.out.parent, lambda: staging_dir(plan.out, _SITE_MARKER))
    offline_tree = (
        Path(tempfile.mkdtemp(prefix="offline-", dir=plan.work_dir)) if plan.target else None
    )
    pending = None
    try:
        tasks = [
            engine.EngineTask(lang, plan.docs_root / lang, staging / lang)
            for lang in plan.languages
        ]
        environment = {ENVIRONMENT_VARIABLE: str(plan.epoch)}
        # The search index is written into the built languages after the engine, which
        # would clean it away and has no use for it. (Made beside the engine builds, it
        # saved 6 % of a 10,000-code build: docs/performance.md.)
        for run in engine.build(tasks, plan.work_dir, environment=environment, jobs=plan.jobs):
            watch.add(f"engine:{run.task.name}", run.started, run.ended, run.cpu)
        indexes = _search_indexes(content, plan.languages, watch)
        _writing(staging, lambda: write_files(indexes, staging))
        with watch.stage("root-files"):
            _writing(staging, lambda: _write_root_files(content, staging, plan))
        absent = [lang for lang in LANGUAGES if lang not in plan.languages]
        problems, pending = _check_and_zip(content, staging, offline_tree, absent, plan, watch)
        if problems:
            raise BrokenSiteError(problems)
        with watch.stage("swap"):
            make_publishable(staging, plan.epoch)
            if pending:
                make_publishable(pending, plan.epoch)
            previous = _writing(
                plan.target or plan.out, lambda: swap_in(staging, plan.out, pending, plan.target)
            )
        with watch.stage("cleanup"):
            failure = retire(previous)
        return [failure] if failure else []
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        if pending:
            pending.unlink(missing_ok=True)
        raise
    finally:
        if offline_tree:
            shutil.rmtree(offline_tree, ignore_errors=True)


_SITE_MARKER = (SITE_MARKER, SITE_MARKER_TEXT)


def _write_root_files(content: Content, staging: Path, plan: _Plan) -> None:
    outside: dict[str, str | bytes] = {**root_files(content, plan.scripts)}
    # go/ loads the theme's scripts from the first language's copy.
    scripts = f"../{plan.languages[0]}/{engine.THEME_SCRIPTS}/"
    outside |= go_files(content, scripts)
    outside[FAVICON] = _favicon(staging, plan)
    write_files(outside, staging)


def _favicon(staging: Path, plan: _Plan) -> bytes:
    """The root's ``favicon.ico``: the icon the engine wrote into the first language."""
    return ico((staging / plan.languages[0] / engine.THEME_ICON).read_bytes())


def _write_policy(staging: Path, found: SiteCheck) -> None:
    """The hashes of the site's inline scripts and styles, for nginx (:mod:`.csp`)."""
    path = staging / csp.NGINX_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(csp.nginx_snippet(found.scripts, found.styles), encoding="utf-8")


def _search_indexes(
    content: Content, languages: Sequence[str], watch: Stopwatch
) -> dict[str, str]:
    """Each language's search index files (:func:`index_files`) by their path in the site,
    timed as a stage."""
    with watch.stage("search-index"):
        return {
            f"{lang}/{name}": text
            for lang in languages
            for name, text in index_files(content, lang).items()
        }


def _check_and_zip(
    content: Content,
    staging: Path,
    offline_tree: Path | None,
    absent: list[str],
    plan: _Plan,
    watch: Stopwatch,
) -> tuple[list[str], Path | None]:
    """Check the site, assemble and check the offline tree, and zip it when all is well.
    Returns the problems and the zip under its temporary name (``None`` when there are
    problems or no bundle).

    The offline tree comes first, so that its zip is written by a forked process while
    the site is checked (the check shares its pages out among the cores too); in a
    thread instead, both waited for the interpreter's lock. Where this process may not
    fork, the zip follows the check."""
    found: list[str] = []
    if offline_tree:
        with watch.stage("offline"):
            # The bundle keeps one copy of the theme's assets, at its root (offline.SHARED):
            # the root's pages load their scripts and icon from there (from file://, no
            # browser asks for a favicon.ico).
            icon = engine.THEME_ICON
            root = root_files(content, offline=True, icon=icon)
            scripts = f"../{engine.THEME_SCRIPTS}/"
            root |= go_files(content, scripts, offline=True, icon=icon)
            assembled = offline.assemble(staging, offline_tree, root, LANGUAGES)
        found = [f"offline bundle: {problem}" for problem in assembled]
    zip_beside = offline_tree is not None and plan.target is not None and not found
    zipping = _start_zip(offline_tree, plan) if zip_beside and can_fork() else None
    try:
        with watch.stage("check"):
            checked = inspect_site(staging, absent=absent)
            problems = checked.problems + found
            if not problems:
                _writing(staging, lambda: _write_policy(staging, checked))
    except BaseException:
        if zipping:
            _cancel_zip(zipping, plan)
        raise
    if problems or not zip_beside:
        if zipping:
            _cancel_zip(zipping, plan)
        return problems, None
    if zipping is None:
        with watch.stage("zip"):
            return problems, _writing(plan.target, lambda: _write_zip(offline_tree, plan))
    run = _writing(plan.target, zipping.result)
    watch.add("zip", run.started, run.ended, run.cpu)
    return problems, run.value


def _write_zip(tree: Path | None, plan: _Plan) -> Path:
    assert tree is not None and plan.target is not None
    return bundle.write_zip(tree, plan.target, epoch=plan.epoch)


def _start_zip(tree: Path | None, plan: _Plan) -> ForkedCall[Path]:
    return ForkedCall(_write_zip, tree, plan)


def _cancel_zip(zipping: ForkedCall[Path], plan: _Plan) -> None:
    zipping.cancel()
    if plan.target:  # the zip it was writing under its temporary name
        remove_leftovers(plan.target.parent, f".{plan.target.name}.*.tmp")


def _check_languages(languages: Sequence[str], dist: Path | None) -> None:
    unknown = [lang for lang in languages if lang not in LANGUAGES]
    if unknown or not languages:
        raise UsageError(f"languages must be among {', '.join(LANGUAGES)}: got {unknown}")
    if dist is not None and sorted(languages) != sorted(LANGUAGES):
        raise UsageError("the offline bundle holds every language: build them all, or no bundle")


def _refuse_a_folder_in_the_zips_place(target: Path | None) -> None:
    if target is not None and (target.is_dir() or (target.exists() and not target.is_file())):
        raise UsageError(
            f"{target} is not a file: the build writes the offline zip there; "
            "move it away or give another --dist"
        )


def _check_writable(folder: Path) -> None:
    """Refuse, before any work, a folder the build could not write in: the folder, or the
    nearest one above it that exists, must take a new file (tried, then deleted)."""
    existing = next(path for path in (folder, *folder.parents) if path.exists())
    if not existing.is_dir():
        raise UsageError(f"cannot write in {folder}: {existing} is a file, not a folder")
    try:
        descriptor, name = tempfile.mkstemp(prefix=".kb-probe-", dir=existing)
        os.close(descriptor)
        os.unlink(name)
    except OSError as error:
        raise UsageError(f"cannot write in {existing}: {error.strerror}") from None


def mark_work_folder(work_dir: Path) -> None:
    """Mark ``work_dir`` as a build's work folder (:mod:`activation_kb.pipeline.paths`)."""
    marker = work_dir / WORK_MARKER
    if not marker.is_file():
        _writing(work_dir, lambda: marker.write_text(WORK_MARKER_TEXT, encoding="utf-8"))


Value = TypeVar("Value")


def _writing(where: Path | None, write: Callable[[], Value]) -> Value:
    """``write()``; an ``OSError`` it raises (a full disk, a folder made read-only
    meanwhile) becomes one line naming what could not be written."""
    try:
        return write()
    except OSError as error:
        named = error.filename2 if error.filename2 is not None else error.filename
        place = os.fsdecode(named) if named is not None else str(where)
        raise UsageError(f"cannot write {place}: {error.strerror or error}") from None


def _generating(work_dir: Path, write: Callable[[], Value]) -> Value:
    """``write()``, the generator stage, which reads the content and writes the work
    folder: an ``OSError`` about the work folder (or about no file: a write that found the
    disk full) becomes one line naming it; one about the content is left to the command
    line, which names the file."""
    try:
        return write()
    except OSError as error:
        named = Path(os.fsdecode(error.filename)) if error.filename is not None else None
        if named is not None and named != work_dir and work_dir not in named.parents:
            raise
        raise UsageError(f"cannot write {named or work_dir}: {error.strerror or error}") from None


def _not_deleted(error: OSError) -> str:
    where = os.fsdecode(error.filename) if error.filename is not None else "a leftover"
    return (
        f"could not delete {where} ({error.strerror or error}), left by this or an earlier "
        "build; the next build tries again"
    )
