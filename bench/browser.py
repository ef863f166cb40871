"""The built site in a real browser: what a code page loads, and how fast search answers.

Debian's chromium driven by Playwright with the flags of the team brief; the site is
served by ``http.server`` on 127.0.0.1, uncompressed, so sizes are gzip-compressed here
as a web server would send them.

Search is measured three ways, each on a page opened afresh (nothing cached):

- **a code** pasted into the box (:func:`code_query`): the bytes fetched and the time from
  the box's focus (which starts the search worker) to the code's page listed first;
- **a word** typed key by key (:func:`first_word_answer`): the time from the first key to
  the first results listed;
- **later answers** (:func:`_search`): once a query has been answered, the same word
  typed again, from the last keystroke (its ``keyup``, on which the theme searches) to the
  last change of the results list, measured in the page with ``performance.now()``.
"""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from playwright.sync_api import Page, Request, sync_playwright

from bench.measure import gzip_bytes

__all__ = ["CodeQuery", "FirstLoad", "SearchTiming", "browse", "served"]

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

# Material's search box and results; the one place that knows them.
SEARCH_INPUT = "input.md-search__input"
SEARCH_RESULTS = ".md-search-result"
SEARCH_ITEM = ".md-search-result__item"
KEY_HELD_MS = 50

_WATCH = """([input, results]) => {
  const timing = window.__kbSearch = {lastInput: 0, lastKeyUp: 0, lastChange: 0, firstItem: 0};
  const box = document.querySelector(input);
  box.addEventListener("input", () => { timing.lastInput = performance.now(); });
  box.addEventListener("keyup", () => { timing.lastKeyUp = performance.now(); });
  const list = document.querySelector(results);
  new MutationObserver(() => {
    timing.lastChange = performance.now();
    if (!timing.firstItem && list.querySelector(".md-search-result__item")) {
      timing.firstItem = timing.lastChange;
    }
  }).observe(list, {childList: true, subtree: true, characterData: true});
}"""


@dataclass(frozen=True)
class FirstLoad:
    """What the browser fetched to show one page, until the network was idle."""

    requests: int
    gzip_bytes: int
    search_index_loaded: bool
    """Whether the search index was among the requests (it should load lazily)."""


@dataclass(frozen=True)
class SearchTiming:
    """One query typed into the search box."""

    query: str
    ready_ms: float
    """From opening the page to the first results of a warm-up query (index loaded)."""
    latency_ms: float
    """From the last keystroke (the key's release) to the last change of the results."""
    from_input_ms: float
    """From the last character's appearing in the box (the key's press) to the same: the
    theme searches on key release, so this adds how long the key was held."""
    results: int


@dataclass(frozen=True)
class CodeQuery:
    """A complete code pasted into the box of a page just opened."""

    query: str
    ms: float
    """From the box's focus to the code's page listed first."""
    bytes_before_answer: int
    """Every byte the browser fetched from the focus to the answer (as served, not
    compressed), the search worker's scripts included."""
    files: list[str]


@dataclass(frozen=True)
class FirstAnswer:
    """A word typed key by key into the box of a page just opened."""

    query: str
    ms: float
    """From the first key to the first results listed."""


@contextmanager
def served(root: Path) -> Iterator[str]:
    """Serve ``root`` on 127.0.0.1 for the ``with`` block; yields the base URL."""

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:
            pass

    handler = functools.partial(Quiet, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()


@dataclass(frozen=True)
class Browsed:
    first_load: FirstLoad
    code_queries: list[CodeQuery]
    first_answers: list[FirstAnswer]
    later: list[SearchTiming]


def browse(
    site: Path, code_page: str, search_page: str, queries: list[str], codes: list[str]
) -> Browsed:
    """Load ``code_page`` (a path under ``site``); paste ``codes`` into its box, each on a
    page of its own; then time ``queries`` on ``search_page``."""
    with served(site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            def fresh(measure, url, query):
                context = browser.new_context()
                try:
                    return measure(context.new_page(), url, query)
                finally:
                    context.close()

            first = fresh(lambda page, url, _: _first_load(page, url), f"{base}/{code_page}", None)
            code_queries = [fresh(code_query, f"{base}/{code_page}", code) for code in codes]
            url = f"{base}/{search_page}"
            answers = [fresh(first_word_answer, url, query) for query in queries]
            later = [fresh(_search, url, query) for query in queries]
        finally:
            browser.close()
    return Browsed(first, code_queries, answers, later)


_WATCH_CODE = """([input, results, slug]) => {
  const timing = window.__kbCode = {focused: 0, answered: 0};
  document.querySelector(input).addEventListener("focus", () => {
    timing.focused = performance.now();
  });
  const list = document.querySelector(results);
  new MutationObserver(() => {
    const first = list.querySelector(".md-search-result__item > a");
    if (!timing.answered && first && first.getAttribute("href").includes("/" + slug + "/")) {
      timing.answered = performance.now();
    }
  }).observe(list, {childList: true, subtree: true});
}"""


def code_query(page: Page, url: str, code: str) -> CodeQuery:
    """Paste ``code`` into the box of ``url`` just opened (one input, then the key release
    the theme searches on)."""
    page.goto(url, wait_until="networkidle")
    fetched: list[tuple[str, int]] = []
    page.on("requestfinished", lambda request: _size(request, fetched))
    slug = "0x" + code.lower().removeprefix("0x")
    # Both moments in the page: the box's focus, and the results list's change that
    # shows the code's page first.
    page.evaluate(_WATCH_CODE, [SEARCH_INPUT, SEARCH_RESULTS, slug])
    page.locator(SEARCH_INPUT).click()
    page.keyboard.insert_text(code)
    page.keyboard.press("End")
    page.wait_for_function("() => window.__kbCode.answered > 0", timeout=60_000)
    timing = page.evaluate("window.__kbCode")
    return CodeQuery(
        query=code,
        ms=round(timing["answered"] - timing["focused"], 1),
        bytes_before_answer=sum(size for _, size in fetched),
        files=["/".join(address.rsplit("/", 2)[-2:]) for address, _ in fetched],
    )


def _size(request: Request, fetched: list[tuple[str, int]]) -> None:
    response = request.response()
    if response is not None:
        fetched.append((request.url.split("?")[0], len(response.body())))


def first_word_answer(page: Page, url: str, query: str) -> FirstAnswer:
    """Type ``query`` key by key into the box of ``url`` just opened."""
    page.goto(url, wait_until="networkidle")
    box = page.locator(SEARCH_INPUT)
    box.click()
    page.evaluate(_WATCH, [SEARCH_INPUT, SEARCH_RESULTS])
    page.evaluate(
        """input => document.querySelector(input).addEventListener("keydown",
             () => { window.__kbFirstKey = window.__kbFirstKey || performance.now(); })""",
        SEARCH_INPUT,
    )
    box.press_sequentially(query, delay=KEY_HELD_MS)
    page.locator(SEARCH_ITEM).first.wait_for(timeout=60_000)
    first_key = page.evaluate("window.__kbFirstKey")
    shown = page.evaluate("window.__kbSearch.firstItem")
    return FirstAnswer(query=query, ms=round(shown - first_key, 1))


def _first_load(page: Page, url: str) -> FirstLoad:
    bodies: list[tuple[str, bytes]] = []
    page.on("requestfinished", lambda request: _keep(request, bodies))
    page.goto(url, wait_until="networkidle")
    return FirstLoad(
        requests=len(bodies),
        gzip_bytes=sum(gzip_bytes(body) for _, body in bodies),
        search_index_loaded=any("/search/kb/" in address for address, _ in bodies),
    )


def _keep(request: Request, bodies: list[tuple[str, bytes]]) -> None:
    response = request.response()
    if response is not None:
        bodies.append((request.url, response.body()))


def _search(page: Page, url: str, query: str) -> SearchTiming:
    page.goto(url, wait_until="load")
    opened = page.evaluate("performance.now()")
    box = page.locator(SEARCH_INPUT)
    box.click()
    # Warm-up: the first answer waits for the index to be fetched and built. The theme
    # listens to key events, so the text is typed, never filled in.
    box.press_sequentially(query)
    page.locator(SEARCH_ITEM).first.wait_for(timeout=300_000)
    ready = page.evaluate("performance.now()") - opened
    box.press("Control+a")
    box.press("Backspace")
    page.evaluate(_WATCH, [SEARCH_INPUT, SEARCH_RESULTS])
    # delay: how long each key is held down, as by a quick typist.
    box.press_sequentially(query, delay=KEY_HELD_MS)
    page.wait_for_function(
        "() => { const t = window.__kbSearch; return t.lastChange > t.lastKeyUp"
        " && performance.now() - t.lastChange > 1000; }",
        timeout=60_000,
    )
    timing = page.evaluate("window.__kbSearch")
    return SearchTiming(
        query=query,
        ready_ms=round(ready, 1),
        latency_ms=round(timing["lastChange"] - timing["lastKeyUp"], 1),
        from_input_ms=round(timing["lastChange"] - timing["lastInput"], 1),
        results=page.locator(SEARCH_ITEM).count(),
    )
