"""``content/`` → ``site/``: generate the pages, run the engine, check, then swap in.

The reader-facing ``site/`` is replaced only by a complete, checked site: everything is
built in a sibling folder (``site.tmp-…``) and renamed into place at the end. Invalid
content stops the build before anything is written.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from generator import engine
from generator.errors import KbError
from generator.linkcheck import check_site
from generator.loader import Content, load_content
from generator.model import LANGUAGES
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
    pages: dict[str, int]
    """Markdown pages per language."""
    written: int
    """Markdown files that changed since the previous build."""
    seconds: float


def generate(content_root: Path, docs_root: Path) -> tuple[Content, dict[str, WriteReport]]:
    """Render ``content_root`` into ``docs_root/{lang}/``; raise ``ContentError`` if invalid."""
    content = load_content(content_root)
    rendered = render_site(content)
    reports = {lang: write_tree(files, docs_root / lang) for lang, files in rendered.items()}
    return content, reports


def build_site(content_root: Path, out: Path, work_dir: Path) -> BuildReport:
    """Build the whole site into ``out``, using ``work_dir`` for the generated Markdown."""
    started = time.monotonic()
    docs_root = work_dir / "docs"
    content, reports = generate(content_root, docs_root)
    out = out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f"{out.name}.tmp-", dir=out.parent))
    try:
        # mkdtemp makes a private folder; the web server must be able to read the site.
        staging.chmod(0o755)
        engine.build({lang: docs_root / lang for lang in LANGUAGES}, staging, work_dir)
        for name, text in root_files(content).items():
            (staging / name).write_text(text, encoding="utf-8")
        problems = check_site(staging)
        if problems:
            raise BrokenSiteError(problems)
        _swap_in(staging, out)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return BuildReport(
        out=out,
        pages={lang: len(report.written) + report.unchanged for lang, report in reports.items()},
        written=sum(len(report.written) for report in reports.values()),
        seconds=time.monotonic() - started,
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
