"""``kb search``'s ranking on the built site's index files: the committed query set's
expected first pages."""

from __future__ import annotations

from pathlib import Path

import yaml

from activation_kb.domain.model import LANGUAGES
from activation_kb.site.search import SiteSearch, index_path

QUERIES = Path(__file__).resolve().parents[1] / "search" / "queries.yaml"


def test_expected_first_pages(built_site: Path) -> None:
    sites = {lang: SiteSearch(index_path(built_site, lang)) for lang in LANGUAGES}
    queries = yaml.safe_load(QUERIES.read_text(encoding="utf-8"))
    expected = [entry for entry in queries if "expect" in entry]
    assert len(expected) >= 20
    wrong = []
    for entry in expected:
        hits = sites[entry["lang"]].search(entry["query"])
        first = hits[0].location if hits else None
        if first != entry["expect"]:
            wrong.append(f"{entry['lang']} {entry['query']!r}: {first}, not {entry['expect']}")
    assert wrong == []
