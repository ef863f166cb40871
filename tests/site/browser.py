"""Debian's chromium driven by Playwright, as the brief prescribes."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from playwright.sync_api import Browser, Page, sync_playwright

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
