"""Synthetic content of N codes in both languages, valid for ``kb check``.

Each synthetic record is one of the real records of ``content/`` with its code replaced,
so pages have the real size and shape (commands, notes, links, ~1.5 KB of text) and the
English stays a faithful translation of the Italian. Codes are spread over several
facilities and listed in ascending order, as the source's table is; ``related`` links each
group of three codes made one after the other, both ways. The source article is a minimal
Markdown file whose summary table lists the codes in the article's order, so that
``kb check`` passes.

``python -m bench.synthetic N DIR`` writes such a content folder.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

from activation_kb.check.rules import anchor_slug, checked_content
from activation_kb.content.loader import ARTICLE_FILE, CODES_DIR, record_file
from activation_kb.content.yaml import dump, in_field_order
from activation_kb.domain.codes import canonical
from activation_kb.domain.model import Article, CodeRecord, Content

__all__ = ["FACILITY_PREFIXES", "SOURCE_FILE", "synthetic_codes", "write_content"]

PROJECT_ROOT = Path(__file__).resolve().parent.parent
REAL_CONTENT = PROJECT_ROOT / "content"
SOURCE_FILE = "sources/synthetic.it-it.md"

FACILITY_PREFIXES = (0x8004, 0x8007, 0x8009, 0x800B, 0x8019, 0x8024, 0xC004, 0xC00D)
"""Severity and facility halves of the synthetic codes: ITF, WIN32, SECURITY, CERT, HTTP,
Windows Update, and the activation (0xC004) and media (0xC00D) ranges."""

_RELATED_GROUP = 3


def synthetic_codes(count: int) -> list[int]:
    """``count`` distinct codes, round-robin over the facilities, in the order they are made.

    The first ``n`` codes are the same whatever ``count`` is, and so are their records, so
    a page can be compared between content of different sizes.
    """
    per_prefix: dict[int, int] = {}
    values = []
    for index in range(count):
        prefix = FACILITY_PREFIXES[index % len(FACILITY_PREFIXES)]
        number = per_prefix.get(prefix, 0)
        per_prefix[prefix] = number + 1
        # Spread the low halves so that codes do not look consecutive.
        values.append(prefix << 16 | (0x1000 + number * 7) & 0xFFFF)
    if len(set(values)) != count:
        raise ValueError(f"{count} codes is more than the synthetic ranges hold")
    return values


def _replace_code(value: Any, old: str, new: str) -> Any:
    """``value`` with every spelling of ``old`` (any case) turned into ``new``."""
    if isinstance(value, str):
        return re.sub(re.escape(old), new, value, flags=re.IGNORECASE)
    if isinstance(value, list):
        return [_replace_code(item, old, new) for item in value]
    if isinstance(value, dict):
        return {key: _replace_code(item, old, new) for key, item in value.items()}
    return value


def _record(template: CodeRecord, code: str, related: list[str]) -> dict[str, Any]:
    data = template.model_dump(mode="json")
    texts = {lang: _replace_code(data[lang], template.code, code) for lang in ("it", "en")}
    return {
        "code": code,
        "canonical": code,
        "anchor": anchor_slug(code, texts["en"]["title"]),
        "activation_types": data["activation_types"],
        "diagnostic_tool": data["diagnostic_tool"],
        "related": related,
        **texts,
    }


def _related(codes: list[str], index: int) -> list[str]:
    start = index - index % _RELATED_GROUP
    group = codes[start : start + _RELATED_GROUP]
    return [code for code in group if code != codes[index]]


def _source(content: Content, records: list[dict[str, Any]]) -> str:
    article = content.article.it
    anchors = content.article.anchors
    lines = [
        "---",
        f"title: {article.title}",
        "---",
        f'# <a name="{anchors.title}"></a>{article.title}',
        "",
        f'## <a name="{anchors.summary}"></a>{article.summary_title}',
        "",
        "|" + "|".join(article.summary_columns) + "|",
        "|---|---|---|",
    ]
    labels = article.labels.activation_types
    for record in records:
        kinds = "<br />".join(labels[kind] for kind in record["activation_types"])
        message = record["it"]["summary_message"]
        lines.append(f"|[{record['code']}](#{record['anchor']}) |{message} |{kinds}|")
    return "\n".join(lines) + "\n"


def write_content(count: int, root: Path, templates: Path = REAL_CONTENT) -> list[str]:
    """Write a content folder of ``count`` codes into ``root``; return the codes in order."""
    content = checked_content(templates)
    made = [canonical(value) for value in synthetic_codes(count)]
    records = [
        _record(content.records[index % len(content.records)], code, _related(made, index))
        for index, code in enumerate(made)
    ]
    records.sort(key=lambda record: int(record["code"], 16))
    codes = [record["code"] for record in records]
    (root / CODES_DIR).mkdir(parents=True, exist_ok=True)
    for record in records:
        text = dump(in_field_order(record, CodeRecord))
        (root / record_file(record["code"])).write_text(text, encoding="utf-8")
    article = content.article.model_dump(mode="json")
    article["codes"] = codes
    article["source"]["file"] = SOURCE_FILE
    (root / ARTICLE_FILE).write_text(dump(in_field_order(article, Article)), encoding="utf-8")
    source = root / SOURCE_FILE
    source.parent.mkdir(parents=True, exist_ok=True)
    source.write_text(_source(content, records), encoding="utf-8")
    return codes


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: python -m bench.synthetic N CONTENT_DIR")
    written = write_content(int(sys.argv[1]), Path(sys.argv[2]))
    print(f"{len(written)} codes written to {sys.argv[2]}")
