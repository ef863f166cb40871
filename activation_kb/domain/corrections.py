"""Corrections of the Italian source's translation, applied on top of the imported text.

The Italian text is Microsoft's translation, imported byte-faithfully (a re-import changes
nothing). Where that translation says something the English original does not, a
:class:`~activation_kb.domain.model.Correction` in ``content/corrections.yaml`` names the
field, the source's wording and the corrected wording: the site shows the corrected text,
with a note that quotes the source's wording, while ``content/`` keeps the source's.
``kb check`` tells when a correction no longer applies (see
:mod:`activation_kb.check.rules`).
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TypeVar

from pydantic import BaseModel

from activation_kb.domain.codes import canonical, parse_code
from activation_kb.domain.model import ARTICLE, CodeRecord, Content, Correction

__all__ = ["apply", "field_path", "field_text", "of_article", "of_record"]

B = TypeVar("B", bound=BaseModel)

_FIELD = re.compile(r"([a-z_]+)((?:\[\d+\])*)")
_INDEX = re.compile(r"\[(\d+)\]")


def field_path(field: str) -> tuple[str | int, ...] | None:
    """``notes[0]`` → ``("notes", 0)``; ``None`` for text that is no field name."""
    match = _FIELD.fullmatch(field)
    if match is None:
        return None
    return (match.group(1), *(int(index) for index in _INDEX.findall(match.group(2))))


def field_text(block: BaseModel, field: str) -> str | None:
    """The text of ``field`` in ``block`` (an ``it`` block), ``None`` when there is none."""
    path = field_path(field)
    value: object = block.model_dump(mode="json")
    for part in path or (None,):
        if isinstance(part, str) and isinstance(value, dict):
            value = value.get(part)
        elif isinstance(part, int) and isinstance(value, list) and part < len(value):
            value = value[part]
        else:
            return None
    return value if isinstance(value, str) else None


def of_record(content: Content, record: CodeRecord) -> list[Correction]:
    """The corrections of one code's Italian text, in the file's order."""
    code = canonical(parse_code(record.code))
    return [correction for correction in content.corrections if correction.code == code]


def of_article(content: Content) -> list[Correction]:
    """The corrections of the article's Italian text (the landing page)."""
    return [correction for correction in content.corrections if correction.code == ARTICLE]


def apply(content: Content) -> Content:
    """``content`` as the site shows it: every correction's wording in place of the
    source's, in the Italian blocks. Each must apply (``kb check`` makes sure)."""
    if not content.corrections:
        return content
    records = tuple(
        record.model_copy(update={"it": _corrected(record.it, of_record(content, record))})
        for record in content.records
    )
    article = content.article.model_copy(
        update={"it": _corrected(content.article.it, of_article(content))}
    )
    return replace(content, article=article, records=records)


def _corrected(block: B, corrections: list[Correction]) -> B:
    if not corrections:
        return block
    data = block.model_dump(mode="json")
    for correction in corrections:
        *parents, last = field_path(correction.field) or ()
        holder = data
        for part in parents:
            holder = holder[part]
        holder[last] = holder[last].replace(correction.source, correction.corrected, 1)
    return type(block).model_validate(data)
