"""The offline bundle in a real browser, as a technician uses it: the zip unpacked to a
folder and opened through ``file://``, every request and console message recorded."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from playwright.sync_api import Browser, ConsoleMessage, Page, Request

from activation_kb.domain.codes import forms
from activation_kb.domain.model import LANGUAGES
from tests.site.browser import WATCH_ANSWERS, Contexts, answered

pytestmark = pytest.mark.browser

CODES = (0xC004F074, 0x80070005, 0xC004C003)
ANCHOR = "0xc004f074-no-key-management-service-kms-could-be-contacted"
"""An old link to the article names this anchor of the landing page."""


@dataclass
class Visit:
    """One browser context on the bundle and what it did."""

    page: Page
    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def outside(self) -> list[str]:
        return [url for url in self.requests if not url.startswith(("file://", "data:", "blob:"))]


Open = Callable[..., Visit]


@pytest.fixture
def visit(contexts: Contexts, offline_bundle: Path) -> Iterator[Open]:
    def open_bundle(path: str, locale: str = "it-IT", fragment: str = "", query: str = "") -> Visit:
        page = contexts.page(init_scripts=(WATCH_ANSWERS,), locale=locale)
        seen = Visit(page)

        def record(request: Request) -> None:
            seen.requests.append(request.url)

        def console(message: ConsoleMessage) -> None:
            if message.type in ("error", "warning"):
                seen.errors.append(f"{message.type}: {message.text}")

        # On the context, so that the search worker's iframe is recorded too.
        contexts.on(page, "request", record)
        page.on("console", console)
        page.on("pageerror", lambda error: seen.errors.append(f"uncaught: {error}"))
        url = (offline_bundle / path).as_uri() + (f"?{query}" if query else "")
        page.goto(url + (f"#{fragment}" if fragment else ""))
        return seen

    yield open_bundle
    contexts.reset()


def assert_self_contained(seen: Visit) -> None:
    assert seen.outside() == []
    # Material's language selector can look pages up in sitemap.xml; ours never does
    # (and from file:// the lookup would fail).
    assert [url for url in seen.requests if "sitemap" in url] == []
    assert seen.errors == []


def ready_search(page: Page, served: Path) -> None:
    """Wait for the search worker: the page says "Initializing search" until it is ready.
    Its answers are then watched as on the served site (``WATCH_ANSWERS``, added to every
    page of :func:`visit`), through the iframe-worker shim here."""
    initializing = re.search(r'md-search-result__meta">([^<]*)<', served.read_text("utf-8"))
    assert initializing
    page.locator("input.md-search__input").click()
    page.wait_for_function(
        "text => document.querySelector('.md-search-result__meta').textContent !== text",
        arg=initializing.group(1),
    )


def search(page: Page, query: str) -> list[str]:
    """Type ``query`` in the search box (after :func:`ready_search`); the result links,
    best first, once the worker has answered all of it."""
    box = page.locator("input.md-search__input")
    box.focus()
    if box.input_value():
        answered(page, lambda: (box.press("ControlOrMeta+a"), box.press("Backspace")), "")
    answered(page, lambda: box.press_sequentially(query), query)
    return page.eval_on_selector_all(
        ".md-search-result__item > a.md-search-result__link",
        "links => links.map(a => a.getAttribute('href'))",
    )


@pytest.mark.parametrize("lang", LANGUAGES)
def test_search_finds_each_code_page_first_in_any_form(
    visit: Open, offline_bundle: Path, lang: str
) -> None:
    seen = visit(f"{lang}/index.html")
    ready_search(seen.page, offline_bundle / lang / "index.html")
    kinds = ("canonical", "bare_upper", "unsigned_decimal", "signed_decimal")
    for code, form in ((code, form) for form in kinds for code in CODES):
        spellings = forms(code)
        query = getattr(spellings, form)
        results = search(seen.page, query)
        assert results, f"{query}: no result"
        page_url = (offline_bundle / lang / spellings.slug / "index.html").as_uri()
        assert results[0].split("?")[0] == page_url, f"{query}: {results[:3]}"
    assert any(url.endswith(f"/{lang}/search/kb/index.js") for url in seen.requests)
    assert_self_contained(seen)


def test_the_root_page_opens_the_browser_language_and_navigation_works(
    visit: Open, offline_bundle: Path
) -> None:
    seen = visit("index.html", locale="en-GB")
    page = seen.page
    page.wait_for_url((offline_bundle / "en" / "index.html").as_uri())
    page.locator("a.kb-old-anchor[href*='0x80070005']").first.click()
    page.wait_for_url((offline_bundle / "en" / "0x80070005" / "index.html").as_uri())
    assert page.locator("h1").inner_text().startswith("0x80070005")
    page.locator("a.md-header__button.md-logo").click()
    page.wait_for_url((offline_bundle / "en" / "index.html").as_uri())
    assert_self_contained(seen)


@pytest.mark.parametrize(("source", "target"), [("it", "en"), ("en", "it")])
def test_the_language_switch_opens_the_same_code_page(
    visit: Open, offline_bundle: Path, source: str, target: str
) -> None:
    seen = visit(f"{source}/0xc004f074/index.html", fragment="resolution")
    page = seen.page
    page.locator(".md-header__option .md-select").hover()
    page.locator(f"a[data-kb-language='{target}']").click()
    expected = (offline_bundle / target / "0xc004f074" / "index.html").as_uri()
    page.wait_for_url(f"{expected}#resolution")
    assert page.locator("html").get_attribute("lang") == target
    assert page.locator("h1").get_attribute("id") == ANCHOR
    assert_self_contained(seen)


@pytest.mark.parametrize("start", ["index.html", "it/index.html"])
def test_an_old_anchor_link_opens_the_code_page(
    visit: Open, offline_bundle: Path, start: str
) -> None:
    seen = visit(start, fragment=ANCHOR)
    seen.page.wait_for_url((offline_bundle / "it" / "0xc004f074" / "index.html").as_uri())
    assert seen.page.locator("h1").get_attribute("id") == ANCHOR
    assert_self_contained(seen)


@pytest.mark.parametrize(
    ("query", "locale", "lang"),
    [
        ("C004F074&lang=en", "it-IT", "en"),
        ("-1073418124", "it-IT", "it"),
        ("3221549172", "en-US", "en"),
    ],
)
def test_a_go_link_opens_the_code_page(
    visit: Open, offline_bundle: Path, query: str, locale: str, lang: str
) -> None:
    seen = visit("go/index.html", locale=locale, query=f"code={query}")
    seen.page.wait_for_url((offline_bundle / lang / "0xc004f074" / "index.html").as_uri())
    assert seen.page.locator("h1").get_attribute("id") == ANCHOR
    assert_self_contained(seen)


def test_without_javascript_the_go_page_links_the_summary_tables_files(
    browser: Browser, offline_bundle: Path
) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto((offline_bundle / "go" / "index.html").as_uri() + "?code=0xC004F074")
    page.locator("a[hreflang='en']").click()
    page.wait_for_url((offline_bundle / "en" / "index.html").as_uri() + "#summary-of-error-codes")
    page.locator("a.kb-old-anchor[href*='0xc004f074']").click()
    page.wait_for_url((offline_bundle / "en" / "0xc004f074" / "index.html").as_uri())
    context.close()


def test_the_code_box_opens_a_code_s_page_from_disk(visit: Open, offline_bundle: Path) -> None:
    seen = visit("en/index.html")
    seen.page.locator(".kb-go-box input[name=code]").fill("0x80070005")
    seen.page.locator(".kb-go-box input[name=code]").press("Enter")
    seen.page.wait_for_url((offline_bundle / "en" / "0x80070005" / "index.html").as_uri())
    # An undocumented code: the language's go/ page decodes it from disk.
    seen.page.goto((offline_bundle / "go" / "index.html").as_uri() + "?code=0x887A0005&lang=it")
    seen.page.locator("html[data-kb-go=done]").wait_for(state="attached")
    assert seen.page.locator("#kb-go-names").text_content() == (
        "Noto anche come DXGI_ERROR_DEVICE_REMOVED"
    )
    assert_self_contained(seen)
