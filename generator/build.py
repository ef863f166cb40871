"""``content/`` → ``site/`` and the offline zip: generate the pages, run the engine,
check, then swap in.

One set of generated pages feeds a list of independent engine tasks: each language for the
web and, with ``dist``, each language again for ``file://`` (the offline bundle,
:mod:`generator.offline`, zipped by :mod:`generator.bundle`). The tasks run side by side,
as many at once as there are cores (``jobs``); every stage is timed into the
:class:`~generator.buildreport.BuildReport` (``kb build --report``).

The reader-facing ``site/`` is replaced only by a complete, checked site: everything is
built in a sibling folder (``site.tmp-…``) and renamed into place at the end; the zip is
written under a temporary name and renamed after it. Invalid content or any failed check
stops the build with neither touched.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Sequence
from pathlib import Path

from generator import bundle, engine, offline
from generator.buildreport import BuildReport, Stopwatch
from generator.errors import KbError, UsageError
from generator.generate import generate
from generator.golinks import go_files, rescue_script
from generator.linkcheck import check_site
from generator.model import LANGUAGES
from generator.renderer import root_files

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
    jobs = jobs or engine.default_jobs()
    docs_root = work_dir / "docs"
    with watch.stage("generate"):
        content, reports = generate(content_root, docs_root, languages, jobs=jobs)
    out = out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f"{out.name}.tmp-", dir=out.parent))
    offline_tree = Path(tempfile.mkdtemp(prefix="offline-", dir=work_dir)) if dist else None
    pending = target = None
    try:
        # mkdtemp makes a private folder; the web server must be able to read the site.
        staging.chmod(0o755)
        tasks = [engine.EngineTask(lang, docs_root / lang, staging / lang) for lang in languages]
        if offline_tree:
            tasks += [
                engine.EngineTask(lang, docs_root / lang, offline_tree / lang, offline=True)
                for lang in languages
            ]
        for run in engine.build(tasks, work_dir, jobs=jobs):
            watch.add(f"engine:{run.task.name}", run.started, run.ended)
        with watch.stage("root-files"):
            outside = root_files(content, not_found_head=rescue_script(content))
            outside |= go_files(content)
            for name, text in outside.items():
                (staging / name).parent.mkdir(parents=True, exist_ok=True)
                (staging / name).write_text(text, encoding="utf-8")
        with watch.stage("check"):
            absent = [lang for lang in LANGUAGES if lang not in languages]
            problems = check_site(staging, absent=absent, jobs=jobs)
        if offline_tree:
            with watch.stage("offline"):
                found = offline.assemble(offline_tree, content, LANGUAGES, jobs=jobs)
            problems += [f"offline bundle: {problem}" for problem in found]
        if problems:
            raise BrokenSiteError(problems)
        if dist and offline_tree:
            target = dist.resolve() / f"{bundle.bundle_name()}.zip"
            with watch.stage("zip"):
                pending = bundle.write_zip(offline_tree, target)
        with watch.stage("swap"):
            _swap_in(staging, out)
            if pending and target:
                bundle.publish(pending, target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        if pending:
            pending.unlink(missing_ok=True)
        raise
    finally:
        if offline_tree:
            with watch.stage("cleanup"):
                shutil.rmtree(offline_tree, ignore_errors=True)
    return BuildReport(
        out=out,
        bundle=target,
        pages={lang: len(report.written) + report.unchanged for lang, report in reports.items()},
        written=sum(len(report.written) for report in reports.values()),
        seconds=watch.elapsed(),
        stages=tuple(sorted(watch.stages, key=lambda stage: stage.started)),
        jobs=jobs,
    )


def _check_languages(languages: Sequence[str], dist: Path | None) -> None:
    unknown = [lang for lang in languages if lang not in LANGUAGES]
    if unknown or not languages:
        raise UsageError(f"languages must be among {', '.join(LANGUAGES)}: got {unknown}")
    if dist is not None and sorted(languages) != sorted(LANGUAGES):
        raise UsageError("the offline bundle holds every language: build them all, or no bundle")


def _swap_in(staging: Path, out: Path) -> None:
    """Replace ``out`` with ``staging``; ``out`` is missing only between two renames."""
    if not out.exists():
        os.rename(staging, out)
        return
    retired = Path(tempfile.mkdtemp(prefix=f"{out.name}.old-", dir=out.parent))
    retired.rmdir()
    os.rename(out, retired)
    try:
        os.rename(staging, out)
    except OSError:
        os.rename(retired, out)
        raise
    shutil.rmtree(retired, ignore_errors=True)
