"""The summary table of a large catalogue, cut into pages of at most :data:`PAGE_SIZE` codes.

Up to :data:`PAGE_SIZE` codes, the landing page holds the one summary table, as the source
article does (and every source anchor on it). Beyond that, one table listing every code
would make the landing page, and the build, grow with the catalogue: the codes are grouped
by the upper half of the code (severity and facility, ``0x8007`` is FACILITY_WIN32), each
group cut into pages of at most :data:`PAGE_SIZE` in the article's order, and the landing
page links to the pages. Every other page has a size independent of the number of codes.

Pure functions of the content; :mod:`activation_kb.render.pages` writes the Markdown.
"""

from __future__ import annotations

from dataclasses import dataclass

from activation_kb.domain.codes import parse_code
from activation_kb.domain.hresult import decode
from activation_kb.domain.model import CodeRecord, Content
from activation_kb.domain.urls import summary_source

__all__ = ["PAGE_SIZE", "SummaryPart", "summary_parts"]

PAGE_SIZE = 200
"""The most codes one summary table shows; a larger catalogue gets summary pages."""

"""The folder of the summary pages: ``{lang}/summary/0x8007/``. Code pages are ``0x…``
folders of ten characters, so the names never meet."""


@dataclass(frozen=True)
class SummaryPart:
    """One summary page: consecutive codes of one facility."""

    slug: str
    """The page's folder under :data:`SUMMARY_DIR`: ``0x8007``, or ``0x8007-2`` when the
    facility's codes take several pages."""
    prefix: str
    """The upper half the codes share, as written: ``0x8007``."""
    facility: str | None
    """The facility's winerror.h name (``FACILITY_WIN32``), ``None`` when it has none."""
    records: tuple[CodeRecord, ...]

    @property
    def path(self) -> str:
        """The page's Markdown file: ``summary/0x8007/index.md``."""
        return summary_source(self.slug)

    @property
    def first(self) -> CodeRecord:
        return self.records[0]

    @property
    def last(self) -> CodeRecord:
        return self.records[-1]


def summary_parts(content: Content, size: int = PAGE_SIZE) -> list[SummaryPart]:
    """The summary pages of ``content``; none when its codes fit on the landing page.

    Groups come in the order of their first code in the article, codes in the article's
    order within a group.
    """
    if size < 1:
        raise ValueError("a summary page holds at least one code")
    if len(content.records) <= size:
        return []
    groups: dict[int, list[CodeRecord]] = {}
    for record in content.records:
        groups.setdefault(parse_code(record.code) >> 16, []).append(record)
    parts = []
    for upper, records in groups.items():
        chunks = [records[start : start + size] for start in range(0, len(records), size)]
        prefix = f"0x{upper:04X}"
        for number, chunk in enumerate(chunks, start=1):
            slug = prefix.lower() if len(chunks) == 1 else f"{prefix.lower()}-{number}"
            facility = decode(upper << 16).facility_name
            parts.append(SummaryPart(slug, prefix, facility, tuple(chunk)))
    return parts
