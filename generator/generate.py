"""The generator stage: ``content/`` → the Markdown of each language, on disk.

The content is read and checked (every rule of ``kb check``) once; each language is then rendered
(:mod:`generator.renderer`) and written (:mod:`generator.writer`, which touches only files
whose text changed). The languages do not depend on each other: on a large site with
several cores, they are rendered side by side in forked processes, which share the loaded
content without copying it.
"""

from __future__ import annotations

import multiprocessing
import threading
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from generator.check import checked_content
from generator.loader import Content
from generator.model import LANGUAGES
from generator.renderer import render_language
from generator.writer import WriteReport, write_tree

__all__ = ["PARALLEL_FROM", "generate", "write_language"]

PARALLEL_FROM = 500
"""From this many codes, the languages are rendered in processes of their own; below it,
starting them costs more than it saves."""

_shared: Content | None = None
"""The content the forked processes render, inherited rather than sent to them."""


def generate(
    content_root: Path,
    docs_root: Path,
    languages: Sequence[str] = LANGUAGES,
    *,
    jobs: int = 1,
) -> tuple[Content, dict[str, WriteReport]]:
    """Render ``content_root`` into ``docs_root/{lang}/``; :class:`ContentError` lists every
    problem ``kb check`` finds, so nothing it refuses (raw HTML, say) is ever published.

    ``jobs`` processes may render the languages at once (see :data:`PARALLEL_FROM`).
    """
    content = checked_content(content_root)
    if _side_by_side(jobs, languages, content):
        reports = _in_processes(content, docs_root, languages, jobs)
    else:
        reports = {lang: write_language(content, lang, docs_root / lang) for lang in languages}
    return content, reports


def write_language(content: Content, lang: str, folder: Path) -> WriteReport:
    """Render one language of ``content`` and make ``folder`` hold exactly its files."""
    return write_tree(render_language(content, lang), folder)


def _side_by_side(jobs: int, languages: Sequence[str], content: Content) -> bool:
    # fork copies only the calling thread: with other threads running, a lock one of them
    # holds would stay locked in the child for ever. kb build has none at this point.
    return (
        jobs > 1
        and len(languages) > 1
        and len(content.records) >= PARALLEL_FROM
        and "fork" in multiprocessing.get_all_start_methods()
        and threading.active_count() == 1
    )


def _in_processes(
    content: Content, docs_root: Path, languages: Sequence[str], jobs: int
) -> dict[str, WriteReport]:
    global _shared
    _shared = content
    try:
        context = multiprocessing.get_context("fork")
        workers = min(jobs, len(languages))
        with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
            futures = {
                lang: pool.submit(_write_shared, lang, docs_root / lang) for lang in languages
            }
            return {lang: future.result() for lang, future in futures.items()}
    finally:
        _shared = None


def _write_shared(lang: str, folder: Path) -> WriteReport:
    assert _shared is not None, "runs only in a process forked by _in_processes"
    return write_language(_shared, lang, folder)
