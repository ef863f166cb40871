"""axe-core on every kind of page: WCAG 2.1 A and AA, no violation; and no layout shift.

Each kind of page (landing, filtered landing, code page, go/ with an unknown and a
malformed code, the 404 page, the search open with results) in each language, light
and dark palette, desktop and mobile viewport, served over http and opened from the
unzipped offline bundle (file://). go/ with a known code shows no page of its own: it
opens the code's page at once (test_golinks_browser.py), which is the code page's case;
the search is checked on its own elements (the page around it is the landing page's
case). axe-core comes from the npm registry (``make axe``,
scripts/a11y.mk) and is put into each page from its file: nothing is fetched from
elsewhere, and a page that requests anything outside the site fails its case.

One browser; one context (and one tab) per viewport, scheme and palette. The cases run
before the first test of the module, several contexts at a time: while axe works in one
tab, the next tab loads its page (axe's run is the longest part of a case, and each
context has a renderer process of its own). Each case is then one test, which fails with
the violations found: rule, impact, the element and its HTML.

The same visits measure each page's Cumulative Layout Shift (the layout-shift entries of a
PerformanceObserver, in session windows as browsers count it, from the page's load until
axe has run): under 0.1, "good" by Web Vitals, on every kind of page. go/ and the 404 page
fill in their answer with a script; a page that moved as it did would fail here.

KB_A11Y_REPORT=file.json writes every violation found as JSON, for a summary by rule and
page, with each case's layout shift."""

from __future__ import annotations

import json
import os
import re
from collections.abc import Generator, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, Request

from activation_kb.domain.model import LANGUAGES
from tests.site.browser import WATCH_ANSWERS, answered
from tests.site.conftest import NotFoundHandler

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / ".cache" / "npm" / "node_modules" / "axe-core" / "axe.min.js"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
VIEWPORTS = {"desktop": {"width": 1280, "height": 800}, "mobile": {"width": 375, "height": 812}}
PALETTES = {"light": "default", "dark": "slate"}
"""The reader's colour scheme (prefers-color-scheme) and the Material palette it selects."""
SCHEMES = ("http", "file")
CODE = "0xc004f074"
LANES = 3
"""Contexts at work at the same time."""

# The address of each kind of page below the site's root. The 404 page is the server's
# answer to a missing address: it has no file:// counterpart (the bundle has no 404 page;
# a missing file there is the browser's own error page).
KINDS = {
    "landing": "{lang}/",
    "filtered": "{lang}/?type=kms-client",
    "code": f"{{lang}}/{CODE}/",
    "go-unknown": "go/?code=-1073418123&lang={lang}",
    "go-garbage": "go/?code=hello&lang={lang}",
    "404": "{lang}/nothere/",
    "search": "{lang}/",
}
"""go-unknown: a code of a documented facility (0xC004F075), so that its related codes, its
names and its decoding are all on the page."""
MAX_LAYOUT_SHIFT = 0.1
"""Web Vitals' "good" Cumulative Layout Shift."""
SEARCHES = ("0xC004F074", "kms")
"""Typed one after the other into the search box; the search is checked after each. The
code lists its pages in both languages; "kms" lists pages in English and none in Italian
(whose text says "servizio di gestione delle chiavi"), so both answers are checked."""

# Started in the page and left to run (the call returns at once); AWAIT_AXE collects it.
# iframes: false: the only frame a page has is the offline search worker's (the
# iframe-worker shim), hidden and without content.
START_AXE = """([context, tags]) => {
  window.kbAxe = new Promise(resolve => setTimeout(resolve, 0)).then(() =>
    axe.run(context || document, {runOnly: {type: "tag", values: tags},
                                  resultTypes: ["violations"], iframes: false}));
}"""
# Every layout shift of the page not caused by the reader, from its start (buffered).
WATCH_SHIFTS = """(() => {
  window.kbShifts = [];
  if (!window.PerformanceObserver ||
      !PerformanceObserver.supportedEntryTypes.includes("layout-shift")) return;
  new PerformanceObserver(list => {
    for (const entry of list.getEntries()) {
      if (!entry.hadRecentInput) window.kbShifts.push([entry.startTime, entry.value]);
    }
  }).observe({type: "layout-shift", buffered: true});
})();"""
# Cumulative Layout Shift as browsers count it: the largest session window (shifts less
# than 1 s apart, 5 s at most).
LAYOUT_SHIFT = """() => {
  let best = 0, total = 0, first = -Infinity, last = -Infinity;
  for (const [time, value] of window.kbShifts || []) {
    if (time - last > 1000 || time - first > 5000) { first = time; total = 0; }
    total += value; last = time; best = Math.max(best, total);
  }
  return best;
}"""
AWAIT_AXE = """async () => (await window.kbAxe).violations.map(v => ({
  id: v.id, impact: v.impact, help: v.help,
  nodes: v.nodes.map(n => ({target: n.target.map(String).join(" "), html: n.html,
                            summary: n.failureSummary || ""})),
}))"""


@dataclass(frozen=True)
class Case:
    kind: str
    lang: str
    palette: str
    viewport: str
    scheme: str

    @property
    def id(self) -> str:
        return f"{self.kind}-{self.lang}-{self.palette}-{self.viewport}-{self.scheme}"

    @property
    def context(self) -> tuple[str, str, str]:
        return (self.viewport, self.scheme, self.palette)


CASES = [
    Case(kind, lang, palette, viewport, scheme)
    for kind in KINDS
    for scheme in SCHEMES
    if not (kind == "404" and scheme == "file")
    for viewport in VIEWPORTS
    for palette in PALETTES
    for lang in LANGUAGES
]


@dataclass
class Result:
    url: str = ""
    states: list[str] = field(default_factory=list)
    violations: list[dict] = field(default_factory=list)
    outside: list[str] | None = None
    """Requests outside the site; None until the case's checks have all run."""
    layout_shift: float = 0.0
    error: BaseException | None = None


@dataclass
class Tab:
    """One context and its one page, and the requests it made outside the site."""

    context: BrowserContext
    page: Page
    outside: list[str] = field(default_factory=list)
    results: dict[Case, Result] = field(default_factory=dict)


def axe_source() -> Path:
    """axe-core's file, or the module's tests fail saying how to get it (never skipped)."""
    if not AXE.is_file():
        pytest.fail(
            f"axe-core is missing ({AXE.relative_to(ROOT)}): run `make axe`, which installs "
            "the pinned axe-core from the npm registry into .cache/npm/",
            pytrace=False,
        )
    return AXE


def open_tab(browser: Browser, roots: dict[str, str], key: tuple[str, str, str]) -> Tab:
    viewport, _, palette = key
    context = browser.new_context(
        viewport=VIEWPORTS[viewport],
        color_scheme=palette,
        is_mobile=viewport == "mobile",
        has_touch=viewport == "mobile",
        locale="it-IT",
    )
    context.add_init_script(WATCH_ANSWERS)
    context.add_init_script(WATCH_SHIFTS)
    # axe's source, from its file, in every page before the page's own scripts (cheaper
    # than add_script_tag after each load, which sends the 0.5 MB through the driver).
    context.add_init_script(path=str(axe_source()))
    tab = Tab(context, context.new_page())

    def record(request: Request) -> None:
        parts = urlsplit(request.url)
        if parts.scheme in ("data", "blob"):
            return
        if not request.url.startswith(roots["file" if parts.scheme == "file" else "http"]):
            tab.outside.append(request.url)

    # On the context, so that the offline search worker's iframe is watched too.
    context.on("request", record)
    return tab


def url_of(roots: dict[str, str], case: Case) -> str:
    path = KINDS[case.kind].format(lang=case.lang)
    if case.scheme == "file":
        # A folder is not a page on disk: its index.html is.
        folder, _, query = path.partition("?")
        path = f"{folder}index.html" + (f"?{query}" if query else "")
    return roots[case.scheme] + path


def settle(page: Page, case: Case) -> None:
    """Wait until the page shows what the reader is meant to see."""
    if case.kind in ("go-unknown", "go-garbage", "404"):
        # The root's page hands over to the language's, which fills in its answer.
        folder = "404" if case.kind == "404" else "go"
        page.wait_for_url(re.compile(rf"/{case.lang}/{folder}/(index\.html)?\?"))
        page.locator("html[data-kb-go=done]").wait_for(state="attached")
        if case.kind == "go-unknown":
            page.locator("#kb-go-closest-list a").first.wait_for()
            page.locator("#kb-go-decoding tbody tr").first.wait_for()
    # Transitions (Material's header) end before the colours are measured.
    page.evaluate("() => new Promise(r => requestAnimationFrame(() => setTimeout(r, 50)))")


def open_search(page: Page, viewport: str) -> None:
    """Open the search as the reader does (the header's search button on a phone, the box
    on a desktop) and wait until the worker is ready: the meta then no longer says
    "Initializing search"."""
    initializing = page.locator(".md-search-result__meta").text_content()
    if viewport == "mobile":
        page.locator("label.md-header__button[for='__search']").click()
    else:
        page.locator("input.md-search__input").click()
    page.wait_for_function(
        "text => document.querySelector('.md-search-result__meta').textContent !== text",
        arg=initializing,
    )


def type_query(page: Page, query: str) -> None:
    """Put ``query`` in the box as a paste does (what is audited is the answer, and typing
    it key by key would search once per key); Material reads the box on a key's release."""
    box = page.locator("input.md-search__input")
    box.focus()
    answered(page, lambda: (box.fill(query), box.press("End")), query)
    # The results' colours as the reader sees them, once their transitions have ended.
    page.evaluate(
        "() => new Promise(r => requestAnimationFrame(r))"
        ".then(() => Promise.all(document.getAnimations()"
        ".map(a => a.finished.catch(() => null))))"
    )


def audit(page: Page, context: str | None = None) -> Generator[None, None, list[dict]]:
    """axe's violations on the page, or on the elements that ``context`` selects. Yields
    while axe runs, for the other tabs to go on."""
    page.evaluate(START_AXE, [context, TAGS])
    yield
    return page.evaluate(AWAIT_AXE)


def visit(tab: Tab, roots: dict[str, str], cases: list[Case]) -> Generator[None, None, None]:
    """Load the cases' page (they share its address: the landing page and the search open
    on it) and check each case's state of it, into ``case``'s :class:`Result`."""
    page, first = tab.page, cases[0]
    before = len(tab.outside)
    page.goto(url_of(roots, first))
    settle(page, first)
    if page.locator("body[data-md-color-scheme]").count():
        scheme = page.locator("body").get_attribute("data-md-color-scheme")
        assert scheme == PALETTES[first.palette], f"{first.palette} palette not applied"
    for case in sorted(cases, key=lambda case: case.kind == "search"):
        result = tab.results[case] = Result(url=page.url)
        if case.kind != "search":
            result.states = [case.kind]
            result.violations = yield from audit(page)
            result.layout_shift = page.evaluate(LAYOUT_SHIFT)
        else:
            # The search's own elements: the page around it is the landing page's case.
            open_search(page, case.viewport)
            for query in SEARCHES:
                type_query(page, query)
                if query == SEARCHES[0]:
                    assert page.locator(".md-search-result__item").count() > 0, "no results"
                found = yield from audit(page, ".md-search")
                result.states.append(f"search {query}")
                result.violations += [dict(v, state=f"search {query}") for v in found]
        result.outside = tab.outside[before:]


def run_all(
    tabs: dict[tuple[str, str, str], Tab], roots: dict[str, str], cases: list[Case]
) -> dict[Case, Result]:
    """Every case: each context's pages one after the other, LANES contexts at a time."""
    queues: dict[tuple[str, str, str], dict[str, list[Case]]] = {}
    for case in cases:
        queues.setdefault(case.context, {}).setdefault(url_of(roots, case), []).append(case)
    waiting = list(queues)
    lanes: list[tuple[Tab, list[Case], Generator[None, None, None]]] = []
    results: dict[Case, Result] = {}

    def start_next(key: tuple[str, str, str]) -> None:
        url = next(iter(queues[key]))
        group = queues[key].pop(url)
        lanes.append((tabs[key], group, visit(tabs[key], roots, group)))

    while waiting or lanes:
        while waiting and len(lanes) < LANES:
            start_next(waiting.pop(0))
        for entry in list(lanes):
            tab, group, steps = entry
            try:
                next(steps)
                continue
            except StopIteration:
                error = None
            except Exception as failure:  # each case's own test reports it
                error = failure
            for case in group:
                result = tab.results.pop(case, None)
                if result is None or result.outside is None:  # not checked to the end
                    result = Result(
                        url=url_of(roots, case), error=error or AssertionError("not checked")
                    )
                results[case] = result
            lanes.remove(entry)
            if queues[group[0].context]:
                start_next(group[0].context)
    return results


@pytest.fixture(scope="session", autouse=True)
def axe() -> Path:
    """Before the sites are built (autouse: first): a missing axe-core fails at once."""
    return axe_source()


@pytest.fixture(scope="module")
def roots(built_site: Path, offline_bundle: Path, serve_site) -> dict[str, str]:
    return {
        "http": serve_site(built_site, NotFoundHandler) + "/",
        "file": offline_bundle.as_uri() + "/",
    }


@pytest.fixture(scope="module")
def audits(
    request: pytest.FixtureRequest, browser: Browser, roots: dict[str, str]
) -> Iterator[dict[Case, Result]]:
    """The results of the cases this session runs (all, or those chosen with -k)."""
    axe_source()
    # Each case once, whichever of the tests (violations, layout shift) asked for it.
    chosen = list(
        dict.fromkeys(
            item.callspec.params["case"]
            for item in request.session.items
            if item.path == Path(__file__)
            and hasattr(item, "callspec")
            and "case" in item.callspec.params
        )
    )
    tabs = {key: open_tab(browser, roots, key) for key in {case.context for case in chosen}}
    results = run_all(tabs, roots, chosen)
    target = os.environ.get("KB_A11Y_REPORT")
    if target:
        found = [
            dict(
                violation,
                kind=case.kind,
                lang=case.lang,
                palette=case.palette,
                viewport=case.viewport,
                scheme=case.scheme,
            )
            for case, result in results.items()
            for violation in result.violations
        ]
        shifts = {case.id: result.layout_shift for case, result in results.items()}
        report = {"violations": found, "layout_shift": shifts}
        Path(target).write_text(json.dumps(report, indent=1), encoding="utf-8")
    yield results
    for tab in tabs.values():
        tab.context.close()


def describe(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        state = f" [{violation['state']}]" if "state" in violation else ""
        lines.append(f"{violation['id']} ({violation['impact']}){state}: {violation['help']}")
        for node in violation["nodes"]:
            html = re.sub(r"\s+", " ", node["html"])
            html = html if len(html) <= 160 else html[:157] + "..."
            lines.append(f"    {node['target']}\n        {html}")
    return "\n".join(lines)


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_no_axe_violations(audits: dict[Case, Result], case: Case) -> None:
    result = audits[case]
    if result.error is not None:
        raise result.error
    assert result.outside == [], "a page loaded something from outside the site"
    assert not result.violations, f"{result.url} ({', '.join(result.states)}):\n" + describe(
        result.violations
    )


SHIFT_CASES = [case for case in CASES if case.kind != "search"]
"""The search is the landing page's case, and moves only as the reader types."""


@pytest.mark.parametrize("case", SHIFT_CASES, ids=[case.id for case in SHIFT_CASES])
def test_nothing_moves_as_the_page_loads(audits: dict[Case, Result], case: Case) -> None:
    result = audits[case]
    if result.error is not None:
        raise result.error
    assert result.layout_shift < MAX_LAYOUT_SHIFT, (
        f"{result.url}: Cumulative Layout Shift {result.layout_shift:.3f}"
    )
