"""Read ``content/`` into validated models.

This is the I/O edge between the YAML files and the rest of the generator: everything
after it works on :class:`Content` and never touches the files.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from generator.model import Article, CodeRecord

__all__ = ["Content", "load_content"]

ARTICLE_FILE = "article.yaml"
CODES_DIR = "codes"


@dataclass(frozen=True)
class Content:
    """The whole knowledge base: the article and its records in summary-table order."""

    root: Path
    article: Article
    records: tuple[CodeRecord, ...]


def load_content(root: Path) -> Content:
    """Load and validate ``root`` (normally ``content/``)."""
    article = Article.model_validate(_read(root / ARTICLE_FILE))
    by_code = {}
    for path in sorted((root / CODES_DIR).glob("*.yaml")):
        record = CodeRecord.model_validate(_read(path))
        by_code[record.code] = record
    records = tuple(by_code[code] for code in article.codes)
    return Content(root=root, article=article, records=records)


def _read(path: Path) -> object:
    with path.open(encoding="utf-8") as stream:
        return yaml.safe_load(stream)
