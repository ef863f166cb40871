"""``content/`` → ``site/``: generate the pages, run the engine, check, then swap in.

The reader-facing ``site/`` is replaced only by a complete, checked site: everything is
built in a sibling folder (``site.tmp-…``) and renamed into place at the end. Invalid
content stops the build before anything is written.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Sequence
from pathlib import Path

from generator import engine
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
    languages: Sequence[str] = LANGUAGES,
    jobs: int | None = None,
) -> BuildReport:
    """Build the site into ``out``, using ``work_dir`` for the generated Markdown.

    ``languages`` builds only some languages (a quicker site for tests; links into the
    others are then not checked); ``jobs`` bounds the processes running at once (engine
    builds, languages rendered, pages checked).
    """
    unknown = [lang for lang in languages if lang not in LANGUAGES]
    if unknown or not languages:
        raise UsageError(f"languages must be among {', '.join(LANGUAGES)}: got {unknown}")
    watch = Stopwatch()
    jobs = jobs or engine.default_jobs()
    docs_root = work_dir / "docs"
    with watch.stage("generate"):
        content, reports = generate(content_root, docs_root, languages, jobs=jobs)
    out = out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f"{out.name}.tmp-", dir=out.parent))
    try:
        # mkdtemp makes a private folder; the web server must be able to read the site.
        staging.chmod(0o755)
        docs_dirs = {lang: docs_root / lang for lang in languages}
        for run in engine.build(docs_dirs, staging, work_dir, jobs=jobs):
            watch.add(f"engine:{run.name}", run.started, run.ended)
        with watch.stage("root-files"):
            outside = root_files(content, not_found_head=rescue_script(content))
            outside |= go_files(content)
            for name, text in outside.items():
                (staging / name).parent.mkdir(parents=True, exist_ok=True)
                (staging / name).write_text(text, encoding="utf-8")
        with watch.stage("check"):
            absent = [lang for lang in LANGUAGES if lang not in languages]
            problems = check_site(staging, absent=absent, jobs=jobs)
        if problems:
            raise BrokenSiteError(problems)
        with watch.stage("swap"):
            _swap_in(staging, out)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return BuildReport(
        out=out,
        pages={lang: len(report.written) + report.unchanged for lang, report in reports.items()},
        written=sum(len(report.written) for report in reports.values()),
        seconds=watch.elapsed(),
        stages=tuple(sorted(watch.stages, key=lambda stage: stage.started)),
        jobs=jobs,
    )


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
