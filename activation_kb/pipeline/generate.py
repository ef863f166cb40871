"""The generator stage: ``content/`` → the Markdown of each language, on disk.

The content is read and checked (every rule of ``kb check``) once, and nothing is written
unless it passes, so invalid content leaves the pages as they were (``kb serve`` keeps
showing them). Each language is then rendered (:mod:`activation_kb.render.files`) and
written (:mod:`activation_kb.site.writer`, which touches only files whose text changed).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from activation_kb.check.rules import checked_content
from activation_kb.domain.model import LANGUAGES, Content
from activation_kb.render.files import render_language
from activation_kb.render.search_index import index_files
from activation_kb.site.writer import WriteReport, write_tree

__all__ = ["generate", "write_language"]


def generate(
    content_root: Path,
    docs_root: Path,
    languages: Sequence[str] = LANGUAGES,
    *,
    search: bool = True,
) -> tuple[Content, dict[str, WriteReport]]:
    """Render ``content_root`` into ``docs_root/{lang}/``; :class:`ContentError` lists every
    problem ``kb check`` finds, so nothing it refuses (raw HTML, say) is ever published,
    and nothing is written for it. ``search``: with each language's search index (``kb
    build`` writes it into the built site instead, beside the engine's builds)."""
    content = checked_content(content_root)
    return content, {
        lang: write_language(content, lang, docs_root / lang, search=search) for lang in languages
    }


def write_language(
    content: Content, lang: str, folder: Path, *, search: bool = True
) -> WriteReport:
    """Render one language of ``content`` and make ``folder`` hold exactly its files: its
    pages and, with ``search``, its search index (:mod:`activation_kb.render.search_index`,
    script files under ``search/kb/``, which the engine copies as it does any static
    file)."""
    files = render_language(content, lang)
    return write_tree(files | index_files(content, lang) if search else files, folder)
