"""The help-desk tools in the built site: codes.json, decoding, related codes, filter markup."""

from __future__ import annotations

import html as html_module
import json
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from jsonschema import Draft202012Validator

from activation_kb.domain.model import LANGUAGES, Content
from tests.site.conftest import ROOT
from tests.site.html import attribute, ids, read

SCHEMA = ROOT / "schemas" / "codes.schema.json"


@pytest.fixture(scope="module")
def codes(built_site: Path) -> dict:
    return json.loads(read(built_site, "codes.json"))


def test_codes_json_of_the_build_validates_against_the_schema(codes: dict) -> None:
    validator = Draft202012Validator(json.loads(SCHEMA.read_text("utf-8")))
    assert [error.message for error in validator.iter_errors(codes)] == []


def test_every_url_in_codes_json_resolves_to_the_code_s_page(built_site: Path, codes: dict) -> None:
    for item in codes["codes"]:
        for lang, text in item["languages"].items():
            url = text["url"]
            assert not urlsplit(url).scheme and not url.startswith("/")
            page = built_site / url / "index.html"
            assert page.is_file(), url
            html = page.read_text("utf-8")
            assert f'<html lang="{lang}"' in html
            (h1,) = re.findall(r"<h1\b[^>]*>(.*?)</h1>", html, re.S)
            assert f'id="{item["anchor"]}"' in re.search(r"<h1\b[^>]*>", html)[0]
            assert html_module.escape(text["title"], quote=False) in h1


def _list_after(html: str, anchor: str) -> str:
    """The first list after the element with id ``anchor``."""
    start = html.index("<ul>", html.index(f'id="{anchor}"'))
    return html[start : html.index("</ul>", start)]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_related_codes_link_to_pages_in_the_same_language(
    built_site: Path, site_content: Content, lang: str
) -> None:
    by_code = {record.canonical: record for record in site_content.records}
    for record in site_content.records:
        html = read(built_site, f"{lang}/{record.code.lower()}/index.html")
        if not record.related:
            assert "related-codes" not in ids(html)
            continue
        links = re.findall(r'<a href="([^"]+)">([^<]+)</a>', _list_after(html, "related-codes"))
        assert len(links) == len(record.related)
        for href, text in links:
            # Written as pages write codes (0x8007007B), linked by the lower-case address.
            other = by_code[text.split(" ", 1)[0]]
            assert href == f"../{other.code.lower()}/"
            title = (other.it if lang == "it" else other.en).title
            assert html_module.unescape(text) == f"{other.canonical} {title}"
            assert (built_site / lang / other.code.lower() / "index.html").is_file()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_code_page_shows_its_decoding(
    built_site: Path, site_content: Content, lang: str
) -> None:
    for record in site_content.records:
        html = read(built_site, f"{lang}/{record.code.lower()}/index.html")
        panel = html.split('<details class="abstract kb-decoding">', 1)[1].split("</details>", 1)[0]
        value = int(record.canonical, 16)
        signed = value - (1 << 32) if value >> 31 else value
        assert f"<td>{record.canonical}</td>" in panel
        assert f"<td>{value}</td>" in panel and f"<td>{signed}</td>" in panel


def test_diagnostic_tool_note_links_the_tool(built_site: Path) -> None:
    for lang in LANGUAGES:
        html = read(built_site, f"{lang}/0xc004c008/index.html")
        note = html.split('class="admonition tip kb-diagnostic-tool"', 1)[1].split("</div>", 1)[0]
        assert 'href="https://aka.ms/SaRA-WindowsActivation"' in note
        assert 'href="../#diagnostic-tool"' in note
        assert "kb-diagnostic-tool" not in read(built_site, f"{lang}/0x80070005/index.html")


def test_filter_controls_ship_hidden_above_the_summary_table(built_site: Path) -> None:
    for lang in LANGUAGES:
        html = read(built_site, f"{lang}/index.html")
        (tag,) = re.findall(r'<div class="kb-filter"[^>]*>', html)
        assert re.search(r"\shidden(\s|>)", tag)
        summary = html.index('id="summary-of-error-codes"')
        assert summary < html.index(tag) < html.index("<table>", summary)
        cells = re.findall(r'<span class="kb-types" data-kb-types="([^"]+)">', html)
        assert len(cells) == 30


def test_every_page_loads_the_filter_and_the_print_stylesheet(built_site: Path) -> None:
    # The engine's pages, that is: go/index.html is a standalone page of activation_kb.render.go.
    for path in (p for lang in LANGUAGES for p in built_site.glob(f"{lang}/**/index.html")):
        html = path.read_text("utf-8")
        stylesheets = [attribute(tag, "href") for tag in re.findall(r"<link [^>]*>", html)]
        assert any(href and href.endswith("assets/stylesheets/print.css") for href in stylesheets)
        assert re.search(r'<script src="[^"]*assets/javascripts/filter\.js"', html)
