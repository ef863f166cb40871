"""Our search lives in Material's search box through one file that knows Material's
internals, overrides/assets/javascripts/kb-material.js: it names the version it was
written for, and this fails when the installed Material is another, so that an upgrade is
checked against it (worker messages, result items, #__config's search address) before it
goes out. tests/site/test_search_browser.py checks the page's loud failure."""

from __future__ import annotations

import re
from importlib.metadata import version
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GLUE = ROOT / "overrides" / "assets" / "javascripts" / "kb-material.js"
TEMPLATE = ROOT / "overrides" / "main.html"


def test_the_glue_names_the_installed_material_version() -> None:
    named = re.search(r'var MATERIAL = "([0-9.]+)";', GLUE.read_text(encoding="utf-8"))
    assert named, "kb-material.js names no Material version"
    assert named.group(1) == version("mkdocs-material"), (
        f"kb-material.js was written for Material {named.group(1)}, but "
        f"{version('mkdocs-material')} is installed: check its search worker's messages, "
        "result items and #__config against the new version, then update MATERIAL"
    )


def test_the_template_loads_the_glue_before_material_s_bundle() -> None:
    template = TEMPLATE.read_text(encoding="utf-8")
    block = template[template.index("{% block scripts %}") :]
    assert block.index("kb-material.js") < block.index("{{ super() }}")
