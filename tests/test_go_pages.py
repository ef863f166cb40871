"""The pages a reader ends on when there is no page for what was asked
(activation_kb.render.go): the languages' go/ and 404/ pages, the root's go/ and 404.html,
and the code box of the landing page. Browsers run them in tests/site/test_golinks_browser.py."""

from __future__ import annotations

import json
import re

import pytest
import yaml

from activation_kb.domain.model import LANGUAGES, Content
from activation_kb.render.files import root_files
from activation_kb.render.go import GO_PAGE, go_files

SCRIPTS = "../it/assets/javascripts/"


def split(page: str) -> tuple[dict, str]:
    _, header, body = page.split("---\n", 2)
    return yaml.safe_load(header), body


@pytest.mark.parametrize("lang", LANGUAGES)
def test_go_and_404_are_pages_of_the_language_out_of_search_and_navigation(
    rendered: dict[str, dict[str, str]], lang: str
) -> None:
    for path in ("go/index.md", "404/index.md"):
        meta, body = split(rendered[lang][path])
        assert meta["lang"] == lang
        assert meta["hide"] == ["navigation", "toc"]
        assert meta["search"] == {"exclude": True}
        assert meta["description"]
        data = json.loads(meta["kb_go"])  # the template writes it into the page as it is
        assert data["lang"] == lang and "</" not in meta["kb_go"]
        # Their own title (the template adds none when the body has one).
        assert body.lstrip().startswith('<h1 id="kb-go-title">')


def test_go_s_data_leads_to_the_root_s_files_and_holds_its_words(
    rendered: dict[str, dict[str, str]],
) -> None:
    meta, body = split(rendered["it"]["go/index.md"])
    data = json.loads(meta["kb_go"])
    assert data["kind"] == "go"
    assert (data["codes"], data["names"]) == ("../../go/codes/", "../../go/names/")
    assert data["words"]["unknown"] == "Il codice {code} non è in questa knowledge base."
    assert data["words"]["reasons"]["not-hex"] == "«{detail}» non è una cifra esadecimale"
    # The answer, hidden until the script has it; the box sends the code to this page.
    assert '<div id="kb-go-answer" class="kb-go-answer" hidden>' in body
    assert '<form class="kb-go-box" method="get" action=""' in body
    assert '<th scope="col">Campo</th><th scope="col">Contenuto</th>' in body
    assert '<a href="../#summary-of-error-codes">Riepilogo dei codici di errore</a>' in body


def test_the_404_page_sends_a_code_to_go(rendered: dict[str, dict[str, str]]) -> None:
    meta, body = split(rendered["en"]["404/index.md"])
    assert json.loads(meta["kb_go"])["kind"] == "missing"
    assert meta["title"] == "Page not found"
    assert '<form class="kb-go-box" method="get" action="../go/"' in body
    assert '<label for="kb-go-code">Looking for an error code? Type it here:</label>' in body
    assert '<a href="../?q=">Search the knowledge base</a>' in body


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_landing_page_opens_with_the_code_box(
    rendered: dict[str, dict[str, str]], lang: str
) -> None:
    _, body = split(rendered[lang]["index.md"])
    title, after = body.lstrip().split("\n\n", 1)
    assert title.startswith("# ")
    box = '<form class="kb-go-box" method="get" action="go/" data-search-exclude>'
    assert after.startswith(box)


def _root_pages(content: Content) -> dict[str, str]:
    return {"404.html": root_files(content, "/* scripts */")["404.html"]} | {
        GO_PAGE: go_files(content, SCRIPTS)[GO_PAGE]
    }


def test_the_root_s_pages_mark_each_language_s_part(content: Content) -> None:
    for name, page in _root_pages(content).items():
        assert '<html lang="it">' in page, name
        assert "<main>" in page and '<meta name="robots" content="noindex">' in page, name
        # Each language's words and links in their own language.
        (title,) = re.findall(r"<h1>(.*?)</h1>", page)
        assert re.fullmatch(r'<span lang="it">[^<]+</span> · <span lang="en">[^<]+</span>', title)
        for item in re.findall(r"<li[^>]*>.*?</li>", page):
            lang = re.search(r'<li lang="(\w+)">', item)
            assert lang and f'hreflang="{lang.group(1)}"' in item, item


def test_the_root_s_go_loads_the_theme_s_scripts_and_the_codes_index(content: Content) -> None:
    page = go_files(content, SCRIPTS)[GO_PAGE]
    sources = re.findall(r'<script src="([^"]+)">', page)
    assert sources == [
        f"{SCRIPTS}kb-codes.js",
        f"{SCRIPTS}kb-go-codes.js",
        f"{SCRIPTS}kb-go.js",
        "codes/index.js",
    ]
    assert "KbGo.hand(kbGoData);" in page
    # Hidden while its script finds where to go; shown as it is without JavaScript.
    assert 'document.documentElement.className="kb-moving";' in page
    assert ".kb-moving body{visibility:hidden}" in page


def test_the_root_s_404_page_links_from_the_server_s_root(content: Content) -> None:
    page = root_files(content, "/* scripts */")["404.html"]
    assert "/* scripts */" in page and "KbGo.lost(kbGoData);" in page
    assert '<a href="/en/#summary-of-error-codes" hreflang="en">' in page
    assert '<link rel="icon" href="/favicon.ico">' in page
