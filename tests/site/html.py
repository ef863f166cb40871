"""Reading built pages in tests, independently of the checker under test."""

from __future__ import annotations

import re
from pathlib import Path

_ID = re.compile(r"""<[a-zA-Z][^>]*?\sid=(?:"([^"]*)"|'([^']*)'|([^\s>]+))""")


def ids(html: str) -> list[str]:
    """Every ``id`` attribute of a page, in order, repeats included."""
    return [
        next(group for group in match.groups() if group is not None) for match in _ID.finditer(html)
    ]


def read(site: Path, path: str) -> str:
    return (site / path).read_text(encoding="utf-8")


def element(html: str, element_id: str) -> str:
    """The start tag of the element with ``element_id``."""
    match = re.search(rf"""<[a-zA-Z][^>]*?\sid="{re.escape(element_id)}"[^>]*>""", html)
    assert match, f"no element with id {element_id!r}"
    return match.group(0)


def attribute(tag: str, name: str) -> str | None:
    match = re.search(rf'\s{name}="([^"]*)"', tag)
    return match.group(1) if match else None
