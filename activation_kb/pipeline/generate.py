"""The generator stage: ``content/`` → the Markdown of each language, on disk.

The content is read and checked (every rule of ``kb check``) once; each language is then
rendered (:mod:`activation_kb.render.files`) and written (:mod:`activation_kb.site.writer`, which
touches
only files whose text changed). The languages do not depend on each other: on a large site with
several cores, they are rendered side by side in forked processes, which share the loaded
content without copying it, while this process checks it; they write only once the check
found nothing, so invalid content leaves the pages as they were (``kb serve`` keeps
showing them).
"""

from __future__ import annotations

import gc
import multiprocessing
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

from activation_kb.check.rules import check, read_for_check
from activation_kb.content.loader import assemble, collector_paused
from activation_kb.domain.errors import ContentError, Problem
from activation_kb.domain.model import LANGUAGES, Content
from activation_kb.parallel import can_fork
from activation_kb.render.files import render_language
from activation_kb.site.writer import WriteReport, stage_new_tree, write_tree

__all__ = ["PARALLEL_FROM", "generate", "write_language"]

PARALLEL_FROM = 100
"""From this many codes, the languages are rendered in processes of their own; below it,
starting them costs more than it saves."""

_shared: Content | None = None
"""The content the forked processes render, inherited rather than sent to them."""
_verdict: Any = None
"""Set by the parent once the content passed its check: 1 write, 0 leave the files alone."""
_decided: Any = None
"""Set by the parent once the verdict is known."""


def generate(
    content_root: Path,
    docs_root: Path,
    languages: Sequence[str] = LANGUAGES,
    *,
    jobs: int = 1,
) -> tuple[Content, dict[str, WriteReport]]:
    """Render ``content_root`` into ``docs_root/{lang}/``; :class:`ContentError` lists every
    problem ``kb check`` finds, so nothing it refuses (raw HTML, say) is ever published,
    and nothing is written for it.

    ``jobs`` processes may render the languages at once (see :data:`PARALLEL_FROM`), while
    this one checks the content.
    """
    # Everything loaded stays alive until the end, and a collection soon after loading
    # would walk all of it (two took a quarter of a second before the forks of 10,000
    # codes).
    with collector_paused():
        loaded, source_text = read_for_check(content_root, jobs=jobs)
        content, _ = assemble(loaded)
        if content is not None and _side_by_side(jobs, languages, content):
            reports = _in_processes(
                content, docs_root, languages, jobs, lambda: check(loaded, source_text)
            )
            return content, reports
        problems = check(loaded, source_text)
        if problems or content is None:
            raise ContentError(problems)
        return content, {
            lang: write_language(content, lang, docs_root / lang) for lang in languages
        }


def write_language(content: Content, lang: str, folder: Path) -> WriteReport:
    """Render one language of ``content`` and make ``folder`` hold exactly its files."""
    return write_tree(render_language(content, lang), folder)


def _side_by_side(jobs: int, languages: Sequence[str], content: Content) -> bool:
    # The children must be forked, to share the loaded content (kb build runs no other
    # thread at this point).
    return jobs > 1 and len(languages) > 1 and len(content.records) >= PARALLEL_FROM and can_fork()


def _in_processes(
    content: Content,
    docs_root: Path,
    languages: Sequence[str],
    jobs: int,
    problems: Callable[[], list[Problem]],
) -> dict[str, WriteReport]:
    """Render each language in a forked process while this one runs ``problems`` (the
    check); the processes write their files only if it finds none."""
    global _shared, _verdict, _decided
    context = multiprocessing.get_context("fork")
    _shared, _verdict, _decided = content, context.Value("b", 0), context.Event()
    # A child's garbage collection would walk, and so copy, every page of memory it shares
    # with this process: keep what exists now out of the collector's sight (gc.freeze's
    # documented use before fork).
    gc.freeze()
    try:
        workers = min(jobs, len(languages))
        with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
            futures = {
                lang: pool.submit(_write_when_checked, lang, docs_root / lang) for lang in languages
            }
            try:
                found = problems()
                _verdict.value = 0 if found else 1
            finally:
                _decided.set()
            reports = {lang: future.result() for lang, future in futures.items()}
        if found:
            raise ContentError(found)
        return {lang: report for lang, report in reports.items() if report is not None}
    finally:
        gc.unfreeze()
        _shared = _verdict = _decided = None


def _write_when_checked(lang: str, folder: Path) -> WriteReport | None:
    assert _shared is not None, "runs only in a process forked by _in_processes"
    files = render_language(_shared, lang)
    if folder.exists():
        _decided.wait()
        return write_tree(files, folder) if _verdict.value else None
    # A first build: the files are written beside the folder while the check runs, and
    # renamed into place only if it passes.
    staged = stage_new_tree(files, folder)
    _decided.wait()
    if not _verdict.value:
        staged.discard()
        return None
    return staged.publish()
