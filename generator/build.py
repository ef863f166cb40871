"""``content/`` → ``site/`` and the offline zip: generate the pages, run the engine,
check, then swap in.

One set of generated pages feeds a list of independent engine tasks: each language for the
web and, with ``dist``, each language again for ``file://`` (the offline bundle,
:mod:`generator.offline`, zipped by :mod:`generator.bundle`).

The reader-facing ``site/`` is replaced only by a complete, checked site: everything is
built in a sibling folder (``site.tmp-…``) and swapped into place at the end
(:mod:`generator.publish`); the zip is written under a temporary name and renamed after
it. Content that ``kb check`` refuses, or any failed check, stops the build with neither
touched; so does a build killed at any moment. Every build of the same content is
byte-identical: the engine, the zip and the files are dated by
:mod:`generator.build_date`, never by the clock.
"""

from __future__ import annotations

import shutil
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from generator import bundle, engine, offline
from generator.build_date import ENVIRONMENT_VARIABLE, source_date_epoch
from generator.check import checked_content
from generator.errors import KbError, UsageError
from generator.golinks import go_files, rescue_script
from generator.linkcheck import check_site
from generator.loader import Content
from generator.model import LANGUAGES
from generator.publish import publishing, remove_leftovers, replace_dir, set_mtimes, staging_dir
from generator.renderer import render_site, root_files
from generator.writer import WriteReport, write_tree

__all__ = ["BrokenSiteError", "BuildReport", "build_site", "generate"]


class BrokenSiteError(KbError):
    """The engine produced a site with dead links, missing anchors or duplicate ids."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("the built site has problems:\n" + "\n".join(problems))


@dataclass(frozen=True)
class BuildReport:
    """What one build made."""

    out: Path
    bundle: Path | None
    """The offline zip, when one was asked for."""
    pages: dict[str, int]
    """Markdown pages per language."""
    written: int
    """Markdown files that changed since the previous build."""
    seconds: float


def generate(content_root: Path, docs_root: Path) -> tuple[Content, dict[str, WriteReport]]:
    """Render ``content_root`` into ``docs_root/{lang}/``; :class:`ContentError` lists every
    problem ``kb check`` finds, so nothing it refuses (raw HTML, say) is ever published."""
    content = checked_content(content_root)
    rendered = render_site(content)
    reports = {lang: write_tree(files, docs_root / lang) for lang, files in rendered.items()}
    return content, reports


def build_site(
    content_root: Path, out: Path, work_dir: Path, *, dist: Path | None = None
) -> BuildReport:
    """Build the whole site into ``out``, using ``work_dir`` for the generated Markdown;
    with ``dist``, also the offline bundle ``dist/activation-kb-offline-<version>.zip``."""
    started = time.monotonic()
    docs_root = work_dir / "docs"
    out = out.resolve()
    target = dist.resolve() / f"{bundle.bundle_name()}.zip" if dist else None
    _refuse_to_replace_what_holds(out, content_root, work_dir)
    with publishing(out):
        remove_leftovers(work_dir, "offline-*")
        if target:
            remove_leftovers(target.parent, f".{target.name}.*.tmp")
        content, reports = generate(content_root, docs_root)
        epoch = source_date_epoch(content_root, content.article.source.metadata)
        _build(content, docs_root, out, work_dir, target, epoch)
    return BuildReport(
        out=out,
        bundle=target,
        pages={lang: len(report.written) + report.unchanged for lang, report in reports.items()},
        written=sum(len(report.written) for report in reports.values()),
        seconds=time.monotonic() - started,
    )


def _build(
    content: Content, docs_root: Path, out: Path, work_dir: Path, target: Path | None, epoch: int
) -> None:
    staging = staging_dir(out)
    offline_tree = Path(tempfile.mkdtemp(prefix="offline-", dir=work_dir)) if target else None
    pending = None
    try:
        tasks = [engine.EngineTask(lang, docs_root / lang, staging / lang) for lang in LANGUAGES]
        if offline_tree:
            tasks += [
                engine.EngineTask(lang, docs_root / lang, offline_tree / lang, offline=True)
                for lang in LANGUAGES
            ]
        engine.build(tasks, work_dir, environment={ENVIRONMENT_VARIABLE: str(epoch)})
        outside = root_files(content, not_found_head=rescue_script(content))
        outside |= go_files(content)
        for name, text in outside.items():
            (staging / name).parent.mkdir(parents=True, exist_ok=True)
            (staging / name).write_text(text, encoding="utf-8")
        problems = check_site(staging)
        if offline_tree:
            found = offline.assemble(offline_tree, content, LANGUAGES)
            problems += [f"offline bundle: {problem}" for problem in found]
        if problems:
            raise BrokenSiteError(problems)
        if offline_tree and target:
            pending = bundle.write_zip(offline_tree, target, epoch=epoch)
        set_mtimes(staging, epoch)
        replace_dir(staging, out)
        if pending and target:
            bundle.publish(pending, target)
            set_mtimes(target, epoch)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        if pending:
            pending.unlink(missing_ok=True)
        raise
    finally:
        if offline_tree:
            shutil.rmtree(offline_tree, ignore_errors=True)


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
