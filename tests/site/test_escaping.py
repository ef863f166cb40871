"""Markup in content is text: ``kb check`` refuses it, and if it got through anyway the
renderer and the engine would still show it as text and never run it (issue 6, item 4)."""

from __future__ import annotations

from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner
from playwright.sync_api import Browser, Dialog

from activation_kb.cli.main import main
from activation_kb.domain.model import LANGUAGES
from tests.site.browser import chromium
from tests.site.probe import (
    ATTRIBUTES,
    JAVASCRIPT_HREF,
    MARKDOWN_FIELDS,
    PLAIN_FIELDS,
    PROBE,
    PROBE_FILE,
    build_probe_site,
    probe_content,
    probe_line,
)

HTML_PROBLEM = (
    "raw HTML not allowed: '</title>', '<script>', '</script>', "
    "'<img src=x onerror=\"window.__pwned=2\">' (write Markdown; <placeholders> are fine)"
)
ATTRIBUTE_HINT = "(content sets no HTML attribute)"
PLAIN_ATTRIBUTES = (
    f"attribute list not allowed: '{{: onclick=window.__pwned=11 }}' {ATTRIBUTE_HINT}"
)
MARKDOWN_ATTRIBUTES = (
    "attribute list not allowed: '{: onclick=window.__pwned=11 }', "
    f"'{ATTRIBUTES[7:]}', '{JAVASCRIPT_HREF}', "
    "'{: onclick=\"window.__pwned=10\" }', '{ .x onclick=\"window.__pwned=9\" }' "
    f"{ATTRIBUTE_HINT}"
)
LINKS = "'javascript:window.__pwned=3', 'javascript:window.__pwned=4'"
MARKDOWN_LINKS = f"{LINKS}, 'javascript:window.__pwned=5', '&#106;avascript:window.__pwned=6'"
LINK_HINT = "(links go to http:// or https:// URLs)"
ENTITY_PROBLEM = "HTML entity not allowed: '&#106;' (write the character itself)"


def test_kb_check_refuses_every_field_of_the_probe(tmp_path: Path) -> None:
    content = probe_content(tmp_path)
    result = CliRunner().invoke(main, ["check", "--content", str(content)])
    assert result.exit_code == 1
    expected = []
    for lang in LANGUAGES:
        for field in PLAIN_FIELDS:
            where = f"{PROBE_FILE}:{probe_line(lang, field)}: {lang}.{field}:"
            expected += [
                f"{where} {PLAIN_ATTRIBUTES}",
                f"{where} link target not allowed: {LINKS} {LINK_HINT}",
                f"{where} {HTML_PROBLEM}",
            ]
        for field in MARKDOWN_FIELDS:
            name = "notes[0]" if field == "notes" else field
            where = f"{PROBE_FILE}:{probe_line(lang, field)}: {lang}.{name}:"
            expected += [
                f"{where} {ENTITY_PROBLEM}",
                f"{where} {MARKDOWN_ATTRIBUTES}",
                f"{where} link target not allowed: {MARKDOWN_LINKS} {LINK_HINT}",
                f"{where} {HTML_PROBLEM}",
            ]
    problems = result.stdout.splitlines()
    # The English title cannot slugify to the record's anchor either; that rule has its own tests.
    title = f"{PROBE_FILE}:{probe_line('en', 'title')}: en.title: does not match the anchor"
    assert [p for p in problems if p.startswith(title)] != []
    assert [p for p in problems if not p.startswith(title)] == expected


@pytest.fixture(scope="module")
def probe_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_probe_site(tmp_path_factory.mktemp("probe"))


class _Inventory(HTMLParser):
    """Everything in a page that could run script, and its visible text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.dangers: list[str] = []
        self.text: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._in_script = tag == "script"
        for name, value in attrs:
            value = value or ""
            if name.startswith("on") and "pwned" in value:
                self.dangers.append(f"<{tag} {name}={value!r}>")
            squeezed = "".join(value.split()).lower()
            if name in ("href", "src", "action", "formaction") and squeezed.startswith(
                ("javascript:", "data:")
            ):
                self.dangers.append(f"<{tag} {name}={value!r}>")

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script and "pwned" in data:
            self.dangers.append(f"<script>{data[:80]}")
        self.text.append(data)


def inventory(path: Path) -> _Inventory:
    parser = _Inventory()
    parser.feed(path.read_text(encoding="utf-8"))
    parser.close()
    return parser


def test_forced_through_the_renderer_every_page_is_inert(probe_site: Path) -> None:
    pages = sorted(probe_site.rglob("*.html"))
    assert len(pages) > 60
    for page in pages:
        assert inventory(page).dangers == [], page.relative_to(probe_site)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_forced_probe_text_is_shown_as_text(probe_site: Path, lang: str) -> None:
    text = "".join(inventory(probe_site / lang / "0x80070005" / "index.html").text)
    # Heading and message: the markup verbatim, as characters on the page.
    assert text.count(PROBE) == 2
    # Page title and header: the same, with typographic quotes (renderer.meta_text).
    assert "&lt;" not in text  # escaped once, not twice
    assert text.count(PROBE.replace('"window.__pwned=2"', "“window.__pwned=2”")) == 2
    # Markdown fields: the text of an unsafe link stays, the link goes.
    assert 'window.__pwned=2"> x <javascript:window.__pwned=4>' in text
    assert "[y]: javascript:window.__pwned=5" in text


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with chromium() as browser:
        yield browser


@pytest.mark.browser
def test_in_the_browser_no_probe_script_runs(
    probe_site: Path, serve_site, browser: Browser
) -> None:
    base = serve_site(probe_site)
    context = browser.new_context()
    dialogs: list[str] = []
    try:
        page = context.new_page()

        def dismiss(dialog: Dialog) -> None:
            dialogs.append(dialog.message)
            dialog.dismiss()

        page.on("dialog", dismiss)
        for path in ("it/0x80070005/", "en/0x80070005/", "it/", "en/"):
            page.goto(f"{base}/{path}")
            page.wait_for_load_state("load")
            assert page.evaluate("window.__pwned") is None, path
            unsafe = page.eval_on_selector_all(
                "[href], [src]",
                """elements => elements.map(e => e.getAttribute('href') || e.getAttribute('src'))
                    .filter(url => /^\\s*(javascript|data):/i.test(url))""",
            )
            assert unsafe == [], path
        # Search results are written into the page as HTML, and the result's page then
        # highlights the search term in its text.
        page.goto(f"{base}/en/")
        page.click("input.md-search__input")
        page.keyboard.type("onerror")
        page.click(".md-search-result__item a", timeout=10_000)
        page.wait_for_load_state("load")
        assert "?h=onerror" in page.url
        assert page.evaluate("window.__pwned") is None
    finally:
        context.close()
    assert dialogs == []
