"""The built site against the source article itself, read here without the importer:
every code of its summary table has a page in both languages, and every anchor of the
article still lands somewhere."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from activation_kb.domain.model import LANGUAGES
from tests.site.conftest import CONTENT
from tests.site.html import attribute, element, ids, read

SOURCE = CONTENT / "sources" / "activation-error-codes.it-it.md"
# A summary-table row: |[0x8004FE21](#0x8004fe21-this-computer-is-not-running-genuine-windows) |…
_ROW = re.compile(r"^\|\s*\[(0x[0-9A-Fa-f]{8})\]\(#([a-z0-9-]+)\)\s*\|", re.M)
_ANCHOR = re.compile(r'<a name="([^"]+)"></a>')
# Repeated under every code in the source, so they name no single place there; on our
# site each code page has its own.
_PER_CODE = {"possible-cause", "resolution"}


def summary_table() -> list[tuple[str, str]]:
    rows = _ROW.findall(SOURCE.read_text("utf-8"))
    assert len(rows) >= 30, "the source's summary table was not found"
    return rows


def test_the_source_table_lists_distinct_codes() -> None:
    codes = [code.lower() for code, _ in summary_table()]
    assert len(codes) == len(set(codes))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_code_of_the_source_table_has_its_page(built_site: Path, lang: str) -> None:
    missing = []
    for code, anchor in summary_table():
        page = built_site / lang / code.lower() / "index.html"
        if not page.is_file():
            missing.append(code)
            continue
        (h1,) = re.findall(r"<h1\b[^>]*>", page.read_text("utf-8"))
        assert attribute(h1, "id") == anchor, code
    assert missing == []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_anchor_of_the_source_is_on_the_landing_page(built_site: Path, lang: str) -> None:
    anchors = set(_ANCHOR.findall(SOURCE.read_text("utf-8"))) - _PER_CODE
    assert "diagnostic-tool" in anchors and len(anchors) > 30
    landing = read(built_site, f"{lang}/index.html")
    assert anchors - set(ids(landing)) == set()
    for code, anchor in summary_table():
        assert attribute(element(landing, anchor), "href") == f"{code.lower()}/"
