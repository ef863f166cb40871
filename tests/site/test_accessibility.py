"""axe-core on every kind of page: WCAG 2.1 A and AA, no violation.

Each kind of page (landing, filtered landing, code page, go/ with a known, an unknown and
a malformed code, the 404 page, the search open with results) in each language, light
and dark palette, desktop and mobile viewport, served over http and opened from the
unzipped offline bundle (file://). axe-core comes from the npm registry (``make axe``,
scripts/a11y.mk) and is injected into the page as an inline script: nothing is fetched
from elsewhere.

One browser for the module; one context, and one tab, per viewport, scheme and palette.
KB_A11Y_REPORT=file.json writes every violation found (the run does not stop at the
first failure) for a summary by rule and page."""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, Request

from generator.model import LANGUAGES
from tests.site.browser import WATCH_ANSWERS, answered
from tests.site.conftest import NotFoundHandler

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "build" / "npm" / "node_modules" / "axe-core" / "axe.min.js"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
VIEWPORTS = {"desktop": {"width": 1280, "height": 800}, "mobile": {"width": 375, "height": 812}}
PALETTES = {"light": "default", "dark": "slate"}
"""The reader's colour scheme (prefers-color-scheme) and Material's palette it selects."""
SCHEMES = ("http", "file")
CODE = "0xc004f074"

# The path of each kind of page below a language; {lang} is the language. The 404 page is
# the server's answer to a missing address, so it has no file:// counterpart (the bundle has
# no 404 page: a missing file is the browser's own error).
KINDS = {
    "landing": "{lang}/",
    "filtered": "{lang}/?type=kms-client",
    "code": f"{{lang}}/{CODE}/",
    "go-known": "go/?code=0xC004F074&lang={lang}",
    "go-unknown": "go/?code=0xDEADBEEF&lang={lang}",
    "go-garbage": "go/?code=hello&lang={lang}",
    "404": "{lang}/nothere/",
    "search": "{lang}/",
}
SEARCHES = ("0xC004F074", "kms")
"""Typed one after the other into the search box; the search is checked after each. The
code lists its pages in both languages; "kms" lists pages in English and none in Italian
(whose text says "servizio di gestione delle chiavi"), so both answers are checked."""

# iframes: false: the only frame a page has is the offline search worker's (the iframe-worker
# shim), hidden and without content.
RUN_AXE = """async ([context, tags]) => {
  const result = await axe.run(context || document, {
    runOnly: {type: "tag", values: tags}, resultTypes: ["violations"], iframes: false});
  return result.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.map(n => ({target: n.target.map(String).join(" "), html: n.html,
                              summary: n.failureSummary || ""})),
  }));
}"""


@pytest.fixture(scope="module")
def axe_source() -> Path:
    if not AXE.is_file():
        pytest.fail(
            f"axe-core is missing ({AXE.relative_to(ROOT)}): run `make axe`, which installs "
            "the pinned axe-core from the npm registry into build/npm/",
            pytrace=False,
        )
    return AXE


@dataclass
class Tab:
    """One context (viewport, scheme, palette) and its one page, and what it requested."""

    context: BrowserContext
    page: Page
    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


@pytest.fixture(scope="module")
def roots(built_site: Path, offline_bundle: Path, serve_site) -> dict[str, str]:
    return {
        "http": serve_site(built_site, NotFoundHandler) + "/",
        "file": offline_bundle.as_uri() + "/",
    }


@pytest.fixture(scope="module")
def tabs(browser: Browser, roots: dict[str, str]) -> Iterator[dict[tuple[str, str, str], Tab]]:
    opened: dict[tuple[str, str, str], Tab] = {}

    def outside(url: str) -> bool:
        parts = urlsplit(url)
        if parts.scheme in ("data", "blob"):
            return False
        if parts.scheme == "file":
            return not url.startswith(roots["file"])
        return not url.startswith(roots["http"])

    class Tabs(dict):
        def __missing__(self, key: tuple[str, str, str]) -> Tab:
            viewport, scheme, palette = key
            context = browser.new_context(
                viewport=VIEWPORTS[viewport],
                color_scheme=palette,
                is_mobile=viewport == "mobile",
                has_touch=viewport == "mobile",
                locale="it-IT",
            )
            context.add_init_script(WATCH_ANSWERS)
            tab = Tab(context, context.new_page())

            def record(request: Request) -> None:
                if outside(request.url):
                    tab.requests.append(request.url)

            # On the context, so that the offline search worker's iframe is watched too.
            context.on("request", record)
            tab.page.on("pageerror", lambda error: tab.errors.append(str(error)))
            self[key] = tab
            opened[key] = tab
            return tab

    yield Tabs()
    for tab in opened.values():
        tab.context.close()


def url_of(roots: dict[str, str], scheme: str, kind: str, lang: str) -> str:
    path = KINDS[kind].format(lang=lang)
    if scheme == "file":
        # A folder is not a page on disk: its index.html is.
        folder, _, query = path.partition("?")
        path = f"{folder}index.html" + (f"?{query}" if query else "")
    return roots[scheme] + path


def open_search(page: Page, viewport: str) -> None:
    """Open the search as the reader does (the header's search button on a phone, the box
    on a desktop) and wait until the worker is ready: the meta then no longer says
    "Initializing search"."""
    meta = page.locator(".md-search-result__meta")
    initializing = meta.text_content()
    if viewport == "mobile":
        page.locator("label.md-header__button[for='__search']").click()
    else:
        page.locator("input.md-search__input").click()
    page.wait_for_function(
        "text => document.querySelector('.md-search-result__meta').textContent !== text",
        arg=initializing,
    )


def type_query(page: Page, query: str) -> None:
    box = page.locator("input.md-search__input")
    box.focus()
    if box.input_value():
        answered(page, lambda: (box.press("ControlOrMeta+a"), box.press("Backspace")), "")
    answered(page, lambda: box.press_sequentially(query), query)


def settle(page: Page, kind: str, lang: str) -> None:
    """Wait until the page shows what the reader is meant to see."""
    if kind == "go-known":
        page.wait_for_url(re.compile(rf"/{lang}/{CODE}/(index\.html)?$"))
        page.wait_for_load_state()
    elif kind in ("go-unknown", "go-garbage"):
        page.locator("#kb-go-message:not([hidden])").wait_for()
        if kind == "go-unknown":
            page.locator("#kb-go-closest-list:not([hidden]) a").first.wait_for()
    # Material's transitions (header, palette) end before the colours are measured.
    page.evaluate("() => new Promise(r => requestAnimationFrame(() => setTimeout(r, 50)))")


def audit(page: Page, axe: Path, context: str | None = None) -> list[dict]:
    """axe's violations on the page, or on the elements that ``context`` selects."""
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.add_script_tag(path=str(axe))
    return page.evaluate(RUN_AXE, [context, TAGS])


def describe(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']}")
        for node in violation["nodes"]:
            html = re.sub(r"\s+", " ", node["html"])
            html = html if len(html) <= 160 else html[:157] + "..."
            lines.append(f"    {node['target']}\n        {html}")
    return "\n".join(lines)


_found: list[dict] = []


@pytest.fixture(scope="module", autouse=True)
def _report() -> Iterator[None]:
    yield
    target = os.environ.get("KB_A11Y_REPORT")
    if target:
        Path(target).write_text(json.dumps(_found, indent=1), encoding="utf-8")


def cases() -> Iterator[object]:
    for kind in KINDS:
        for scheme in SCHEMES:
            if kind == "404" and scheme == "file":
                continue
            for viewport in VIEWPORTS:
                for palette in PALETTES:
                    for lang in LANGUAGES:
                        yield pytest.param(
                            kind,
                            lang,
                            palette,
                            viewport,
                            scheme,
                            id=f"{kind}-{lang}-{palette}-{viewport}-{scheme}",
                        )


@pytest.mark.parametrize(("kind", "lang", "palette", "viewport", "scheme"), list(cases()))
def test_no_axe_violations(
    tabs: dict[tuple[str, str, str], Tab],
    roots: dict[str, str],
    axe_source: Path,
    kind: str,
    lang: str,
    palette: str,
    viewport: str,
    scheme: str,
) -> None:
    tab = tabs[viewport, scheme, palette]
    page = tab.page
    page.goto(url_of(roots, scheme, kind, lang))
    settle(page, kind, lang)
    if page.locator("body[data-md-color-scheme]").count():
        assert page.locator("body").get_attribute("data-md-color-scheme") == PALETTES[palette]
    states = [kind]
    if kind != "search":
        violations = audit(page, axe_source)
    else:
        # The search's own elements: the rest of the page is the landing page's case.
        open_search(page, viewport)
        states, violations = [], []
        for query in SEARCHES:
            type_query(page, query)
            if query == SEARCHES[0]:
                assert page.locator(".md-search-result__item").count() > 0
            found = audit(page, axe_source, ".md-search")
            states.append(f"search {query}")
            violations += [dict(v, state=f"search {query}") for v in found]
    for violation in violations:
        _found.append(
            dict(violation, kind=kind, lang=lang, palette=palette, viewport=viewport, scheme=scheme)
        )
    assert tab.requests == [], "a page loaded something from outside the site"
    assert not violations, f"{page.url} ({', '.join(states)}):\n" + describe(violations)
