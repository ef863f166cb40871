"""Hand-made file trees for the tests of what reads a built site."""

from __future__ import annotations

from pathlib import Path


def write_files(root: Path, files: dict[str, str]) -> Path:
    """Write ``files`` (relative path → text) under ``root``; return ``root``."""
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def write_search_index(site: Path, lang: str) -> Path:
    """The search index of the project's content in ``lang``, as a built site holds it,
    under ``site``: enough for ``kb search --site``; return ``site``."""
    from activation_kb.check.rules import checked_content
    from activation_kb.render.search_index import index_files

    content = checked_content(Path(__file__).resolve().parent.parent / "content")
    return write_files(site / lang, index_files(content, lang)) and site
