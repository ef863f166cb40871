"""Debian's chromium driven by Playwright, as the brief prescribes."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from typing import Any

from playwright.sync_api import Browser, BrowserContext, Error, Page, sync_playwright

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@contextmanager
def chromium() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


class Contexts:
    """Browser contexts shared by a module's tests, one per set of options, each test on
    pages of its own. The first page of a context costs about a second of CPU (Chromium
    sets up a renderer for it), a further page in the same context half of that: each
    context keeps a blank page open so that the next test's pages are the cheap ones.

    :meth:`reset`, after each test, closes its pages, clears the storage they wrote (the
    palette Material keeps, cookies) and removes what it listened to on the context: the
    next test starts as in a new context."""

    def __init__(self, browser: Browser) -> None:
        self.browser = browser
        self._kept: dict[tuple[object, ...], BrowserContext] = {}
        self._pages: list[Page] = []
        self._listening: list[tuple[BrowserContext, str, Callable[..., object]]] = []

    def page(self, *, init_scripts: tuple[str, ...] = (), **options: Any) -> Page:
        """A new page in the context made with ``options`` (``browser.new_context``'s) and
        ``init_scripts``."""
        key = (init_scripts, *sorted((name, repr(value)) for name, value in options.items()))
        context = self._kept.get(key)
        if context is None:
            context = self._kept[key] = self.browser.new_context(**options)
            for script in init_scripts:
                context.add_init_script(script)
            context.new_page()  # the blank page that keeps the context's renderer
        page = context.new_page()
        self._pages.append(page)
        return page

    def on(self, page: Page, event: str, handler: Callable[..., object]) -> None:
        """``handler`` on ``page``'s context (which sees the requests of workers' frames
        too) until :meth:`reset`."""
        page.context.on(event, handler)
        self._listening.append((page.context, event, handler))

    def reset(self) -> None:
        for page in self._pages:
            if not page.is_closed():
                # A page without storage (about:blank, an error page) has nothing to clear.
                with suppress(Error):
                    page.evaluate("() => { localStorage.clear(); sessionStorage.clear(); }")
                page.close()
        self._pages.clear()
        for context, event, handler in self._listening:
            context.remove_listener(event, handler)
        self._listening.clear()
        for context in self._kept.values():
            context.clear_cookies()

    def close(self) -> None:
        for context in self._kept.values():
            context.close()
        self._kept.clear()


WATCH_ANSWERS = """(() => {
  // The queries the search worker has answered, in order: kb-material.js names the query in
  // each answer, and answers only the newest of the queries waiting, so a query typed key
  // by key is done when its own answer has come. Every Worker the page makes is watched,
  // also the iframe-worker shim that the offline bundle installs as window.Worker.
  window.kbAnswered = [];
  const watched = Worker => class extends Worker {
    constructor(...args) {
      super(...args);
      this.addEventListener("message", event => {
        if (event.data && event.data.type === 3) window.kbAnswered.push(event.data.query);
      });
    }
  };
  let current = watched(window.Worker);
  Object.defineProperty(window, "Worker", {
    configurable: true,
    get: () => current,
    set: value => { current = watched(value); },
  });
})();"""
"""An init script (``add_init_script``) for pages whose search box is typed into."""


def answered(page: Page, press: Callable[[], object], query: str) -> None:
    """Do ``press`` (key presses that leave ``query`` in the search box) and wait until the
    search worker has answered ``query``; Material renders an answer as it arrives."""
    before = page.evaluate("window.kbAnswered.length")
    press()
    page.wait_for_function(
        "([before, query]) => window.kbAnswered.slice(before).includes(query)",
        arg=[before, query],
    )
