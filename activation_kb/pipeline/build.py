"""``content/`` → ``site/`` and the offline zip: generate the pages, run the engine,
check, then swap in.

One set of generated pages feeds independent engine tasks, one per language, run side by
side, as many at once as there are cores (``jobs``). With ``dist``, the offline bundle is
derived from their output (:mod:`activation_kb.site.offline`, zipped by
:mod:`activation_kb.site.bundle`). Every stage is timed into the
:class:`~activation_kb.pipeline.report.BuildReport` (``kb build --report``).

The reader-facing ``site/`` is replaced only by a complete, checked site: everything is
built in a sibling folder (``site.tmp-…``) and swapped into place at the end
(:mod:`activation_kb.site.publish`); the zip is written under a temporary name and renamed after
it. Content that ``kb check`` refuses, or any failed check, stops the build with neither
touched; so does a build killed at any moment. Every build of the same content is
byte-identical: the engine, the zip and the files are dated by
:mod:`activation_kb.pipeline.build_date`, never by the clock.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from activation_kb.domain.errors import KbError, UsageError
from activation_kb.domain.model import LANGUAGES, Content
from activation_kb.engine import mkdocs as engine
from activation_kb.parallel import ForkedCall, can_fork, default_jobs
from activation_kb.pipeline.build_date import ENVIRONMENT_VARIABLE, source_date_epoch
from activation_kb.pipeline.generate import generate
from activation_kb.pipeline.report import BuildReport, Stopwatch
from activation_kb.render.files import root_files
from activation_kb.render.go import SCRIPTS, go_files, rescue_script
from activation_kb.render.search_index import index_files
from activation_kb.site import bundle, offline
from activation_kb.site.linkcheck import check_site
from activation_kb.site.publish import (
    publishing,
    remove_leftovers,
    replace_dir,
    set_mtimes,
    staging_dir,
)

__all__ = ["BrokenSiteError", "BuildReport", "build_site", "generate"]


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
) -> BuildReport:
    """Build the whole site into ``out``, using ``work_dir`` for the generated Markdown;
    with ``dist``, also the offline bundle ``dist/activation-kb-offline-<version>.zip``.

    ``languages`` builds only some languages (a quicker site for tests; links into the
    others are then not checked; no bundle); ``jobs`` bounds the processes running at once
    (engine builds, languages rendered, pages checked), one per core by default.
    """
    _check_languages(languages, dist)
    watch = Stopwatch()
    jobs = jobs or default_jobs()
    docs_root = work_dir / "docs"
    out = out.resolve()
    target = dist.resolve() / f"{bundle.bundle_name()}.zip" if dist else None
    _refuse_to_replace_what_holds(out, content_root, work_dir)
    with publishing(out):
        remove_leftovers(work_dir, "offline-*")
        if target:
            remove_leftovers(target.parent, f".{target.name}.*.tmp")
        with watch.stage("generate"):
            content, reports = generate(content_root, docs_root, languages, search=False)
        epoch = source_date_epoch(content_root, content.article.source.metadata)
        scripts = engine.theme_scripts(SCRIPTS)
        plan = _Plan(docs_root, out, work_dir, target, epoch, languages, jobs, scripts)
        _build(content, plan, watch)
    return BuildReport(
        out=out,
        bundle=target,
        pages={lang: report.pages() for lang, report in reports.items()},
        written=sum(path.endswith(".md") for r in reports.values() for path in r.written),
        seconds=watch.elapsed(),
        stages=tuple(sorted(watch.stages, key=lambda stage: stage.started)),
        jobs=jobs,
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
    """The text of the theme's scripts that ``go/`` and the 404 page inline."""


def _build(content: Content, plan: _Plan, watch: Stopwatch) -> None:
    staging = staging_dir(plan.out)
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
        # The search index is made while the engine builds (its processes, not this one,
        # keep the cores busy) and written into the built languages after them: the
        # engine would clean it away, and has no use for it.
        with ThreadPoolExecutor(1) as pool:
            indexes = pool.submit(_search_indexes, content, plan.languages, watch)
            for run in engine.build(tasks, plan.work_dir, environment=environment, jobs=plan.jobs):
                watch.add(f"engine:{run.task.name}", run.started, run.ended, run.cpu)
            for lang, files in indexes.result().items():
                for name, text in files.items():
                    (staging / lang / name).parent.mkdir(parents=True, exist_ok=True)
                    (staging / lang / name).write_text(text, encoding="utf-8")
        with watch.stage("root-files"):
            outside = root_files(content, not_found_head=rescue_script(plan.scripts))
            outside |= go_files(content, plan.scripts)
            for name, text in outside.items():
                (staging / name).parent.mkdir(parents=True, exist_ok=True)
                (staging / name).write_text(text, encoding="utf-8")
        absent = [lang for lang in LANGUAGES if lang not in plan.languages]
        problems, pending = _check_and_zip(content, staging, offline_tree, absent, plan, watch)
        if problems:
            raise BrokenSiteError(problems)
        with watch.stage("swap"):
            set_mtimes(staging, plan.epoch)
            replace_dir(staging, plan.out)
            if pending and plan.target:
                bundle.publish(pending, plan.target)
                set_mtimes(plan.target, plan.epoch)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        if pending:
            pending.unlink(missing_ok=True)
        raise
    finally:
        if offline_tree:
            with watch.stage("cleanup"):
                shutil.rmtree(offline_tree, ignore_errors=True)


def _search_indexes(
    content: Content, languages: Sequence[str], watch: Stopwatch
) -> dict[str, dict[str, str]]:
    """Each language's search index files (:func:`index_files`), timed as a stage."""
    with watch.stage("search-index", own_thread=True):
        return {lang: index_files(content, lang) for lang in languages}


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
            root = root_files(content, offline=True) | go_files(content, plan.scripts, offline=True)
            assembled = offline.assemble(staging, offline_tree, root, LANGUAGES, jobs=plan.jobs)
        found = [f"offline bundle: {problem}" for problem in assembled]
    zip_beside = offline_tree is not None and plan.target is not None and not found
    zipping = _start_zip(offline_tree, plan) if zip_beside and can_fork() else None
    try:
        with watch.stage("check"):
            problems = check_site(staging, absent=absent, jobs=plan.jobs) + found
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
            return problems, _write_zip(offline_tree, plan)
    run = zipping.result()
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


def _refuse_to_replace_what_holds(out: Path, *inputs: Path) -> None:
    """``--out`` is replaced as a whole: it must not hold the content, the work folder, the
    project or the current folder (``kb build --out .`` would swap the project away)."""
    for inside in (*inputs, engine.PROJECT_ROOT, Path.cwd()):
        inside = inside.resolve()
        if inside == out or out in inside.parents:
            raise UsageError(
                f"--out {out} holds {inside}; the build replaces --out as a whole, "
                "so give it a folder of its own (default: site)"
            )
