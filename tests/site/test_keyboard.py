"""The site with a keyboard alone, in chromium: each path that overrides/ fixes
(kb.js: its patches of Material and its live region; the focus styles of kb.css), proven as a reader
goes through it: the keys pressed, where the focus lands, what can be seen and heard."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page, Request

from tests.site.browser import WATCH_ANSWERS, Contexts, answered

pytestmark = pytest.mark.browser

CODE = "0xc004f074"
DESKTOP = {"width": 1280, "height": 800}
MOBILE = {"width": 375, "height": 812}

# The focused element, described for assertions and messages.
FOCUSED = """() => {
  const element = document.activeElement;
  if (!element || element === document.body) return null;
  // The palette toggle is a radio button of no size; its label is what shows the focus.
  const shown = element.matches("input.md-option") ? element.nextElementSibling : element;
  const box = shown.getBoundingClientRect();
  return {
    tag: element.tagName.toLowerCase(),
    cls: typeof element.className === "string" ? element.className : "",
    name: (element.getAttribute("aria-label") || element.textContent || "").trim().slice(0, 60),
    href: element.getAttribute("href"),
    inDrawer: !!element.closest(".md-sidebar--primary"),
    inResults: !!element.closest("[data-md-component='search-result']"),
    box: [box.left, box.top, box.width, box.height],
    // Something of it on the screen: its box, not clipped away by an ancestor.
    seen: box.width > 0 && box.height > 0 && box.right > 0 && box.left < innerWidth &&
          getComputedStyle(shown).visibility !== "hidden" &&
          !element.closest("[inert], [hidden]"),
  };
}"""

# Colours as the reader sees them: the element's colour (or outline colour) and the
# background behind it, each ancestor's background composited from the page down.
COLOURS = """([element, property]) => {
  const parse = text => {
    const parts = text.match(/[\\d.]+/g).map(Number);
    return {r: parts[0], g: parts[1], b: parts[2], a: parts.length > 3 ? parts[3] : 1};
  };
  const over = (top, under) => ({
    r: top.r * top.a + under.r * (1 - top.a), g: top.g * top.a + under.g * (1 - top.a),
    b: top.b * top.a + under.b * (1 - top.a), a: 1,
  });
  const chain = [];
  for (let node = element; node; node = node.parentElement) chain.unshift(node);
  let background = {r: 255, g: 255, b: 255, a: 1};
  for (const node of chain) {
    background = over(parse(getComputedStyle(node).backgroundColor), background);
  }
  const colour = over(parse(getComputedStyle(element)[property]), background);
  return [[colour.r, colour.g, colour.b], [background.r, background.g, background.b]];
}"""


def luminance(rgb: list[float]) -> float:
    def channel(value: float) -> float:
        value /= 255
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    red, green, blue = (channel(value) for value in rgb)
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast(first: list[float], second: list[float]) -> float:
    high, low = sorted((luminance(first), luminance(second)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def colour_contrast(page: Page, selector: str, property: str = "color") -> float:
    """The contrast of the first ``selector``'s ``property`` with what is behind it."""
    colour, background = page.evaluate(
        COLOURS, [page.locator(selector).first.element_handle(), property]
    )
    return contrast(colour, background)


Open = Callable[..., Page]


@pytest.fixture
def open_tab(contexts: Contexts, base_url: str) -> Iterator[Open]:
    outside: list[str] = []

    def open_tab(
        path: str, viewport: dict[str, int] = DESKTOP, scheme: str = "light", locale: str = "it-IT"
    ) -> Page:
        mobile = viewport["width"] < 600
        page = contexts.page(
            init_scripts=(WATCH_ANSWERS,),
            viewport=viewport,
            color_scheme=scheme,
            locale=locale,
            is_mobile=mobile,
            has_touch=mobile,
        )

        def record(request: Request) -> None:
            url = urlsplit(request.url)
            if url.scheme not in ("data", "blob") and url.hostname != "127.0.0.1":
                outside.append(request.url)

        contexts.on(page, "request", record)
        page.goto(f"{base_url}/{path}")
        return page

    yield open_tab
    contexts.reset()
    assert outside == [], "a page loaded something from outside the site"


def focused(page: Page) -> dict | None:
    return page.evaluate(FOCUSED)


def press(page: Page, key: str) -> dict | None:
    page.keyboard.press(key)
    return focused(page)


def search_for(page: Page, query: str) -> None:
    """Type ``query`` in the search box, which has the focus, and wait for its answer."""
    page.wait_for_function(
        "() => !/^(Inizializza|Initializ)/.test("
        "document.querySelector('.md-search-result__meta').textContent)"
    )
    answered(page, lambda: page.keyboard.type(query), query)


def search_open(page: Page) -> bool:
    return page.evaluate("document.getElementById('__search').checked")


# Search results ---------------------------------------------------------------------------


@pytest.mark.parametrize("viewport", [DESKTOP, MOBILE], ids=["desktop", "mobile"])
def test_tab_goes_through_the_search_results_and_back(open_tab: Open, viewport) -> None:
    page = open_tab("en/", viewport)
    if viewport is MOBILE:
        page.locator("label[for='__search'] > [role='button']").focus()
        page.keyboard.press("Enter")
    else:
        page.locator("input.md-search__input").focus()
    search_for(page, "kms")
    links = page.locator(".md-search-result__item > a.md-search-result__link")
    first, second = links.nth(0).get_attribute("href"), links.nth(1).get_attribute("href")

    step = press(page, "Tab")
    assert step and step["inResults"] and step["href"] == first, step
    assert search_open(page)
    # The first result's sections (if any) come before the second result.
    for _ in range(10):
        if step["href"] == second:
            break
        step = press(page, "Tab")
        assert step and step["inResults"] and step["seen"], step
    assert step["href"] == second
    # Back with Shift+Tab to the box, the search still open.
    for _ in range(10):
        step = press(page, "Shift+Tab")
        assert step is not None and search_open(page), step
        if step["tag"] == "input":
            break
    assert "md-search__input" in step["cls"]


def test_arrow_keys_still_go_through_the_results(open_tab: Open) -> None:
    page = open_tab("en/")
    page.locator("input.md-search__input").focus()
    search_for(page, "kms")
    step = press(page, "ArrowDown")
    assert step and step["inResults"], step
    assert "md-search__input" in press(page, "ArrowUp")["cls"]


def test_tab_from_an_empty_search_box_lands_on_something_seen(open_tab: Open) -> None:
    # Material closes the search on Tab; the focus used to stay on the results' box, hidden.
    page = open_tab(f"it/{CODE}/")
    page.locator("input.md-search__input").focus()
    step = press(page, "Tab")
    assert not search_open(page)
    assert step and step["seen"] and "md-search__scrollwrap" not in step["cls"], step


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_a_focused_result_is_ringed_at_3_to_1_and_its_words_read_at_4_5_to_1(
    open_tab: Open, scheme: str
) -> None:
    page = open_tab("en/", scheme=scheme)
    page.locator("input.md-search__input").focus()
    search_for(page, "kms")
    page.keyboard.press("Tab")
    page.wait_for_timeout(300)  # Material's background transition
    link = ".md-search-result__link:focus"
    style = page.locator(link).evaluate(
        "e => [getComputedStyle(e).outlineStyle, parseFloat(getComputedStyle(e).outlineWidth)]"
    )
    assert style[0] == "solid" and style[1] >= 1.5, style
    assert colour_contrast(page, link, "outlineColor") >= 3
    assert colour_contrast(page, f"{link} mark") >= 4.5
    assert colour_contrast(page, ".md-search-result__meta") >= 4.5


def test_escape_closes_the_search(open_tab: Open) -> None:
    page = open_tab("en/")
    page.locator("input.md-search__input").focus()
    search_for(page, "kms")
    page.keyboard.press("Tab")
    page.keyboard.press("Escape")
    assert not search_open(page)
    # The focus is given up (Material); the next Tab goes on after the search.
    step = press(page, "Tab")
    assert step and step["seen"] and not step["inResults"], step


# Phones: the header's buttons and the drawer ------------------------------------------------


def test_on_a_phone_tab_never_enters_the_closed_drawer_nor_a_hidden_element(
    open_tab: Open,
) -> None:
    page = open_tab(f"it/{CODE}/", MOBILE)
    stops = []
    for _ in range(12):
        step = press(page, "Tab")
        assert step is not None
        stops.append(step)
    assert [stop["name"] for stop in stops if stop["inDrawer"]] == []
    # The skip link and the permalinks show when focused, after a transition.
    hidden = [
        stop["name"]
        for stop in stops
        if not stop["seen"] and "headerlink" not in stop["cls"] and "md-skip" not in stop["cls"]
    ]
    assert hidden == []
    names = [stop["name"] for stop in stops]
    assert "Navigazione" in names and "Cerca" in names


@pytest.mark.parametrize("key", ["Enter", " "])
def test_on_a_phone_the_menu_button_opens_the_drawer_and_escape_closes_it(
    open_tab: Open, key: str
) -> None:
    page = open_tab(f"it/{CODE}/", MOBILE)
    button = page.locator("label.md-header__button[for='__drawer'] > [role='button']")
    assert button.get_attribute("aria-label") == "Navigazione"
    assert button.get_attribute("aria-expanded") == "false"
    button.focus()
    step = press(page, key)
    assert step and step["inDrawer"], step
    assert button.get_attribute("aria-expanded") == "true"
    page.wait_for_timeout(300)  # the drawer slides in
    assert step["seen"] or focused(page)["seen"]
    step = press(page, "Escape")
    assert button.get_attribute("aria-expanded") == "false"
    assert step and step["name"] == "Navigazione", step


def test_on_a_phone_the_search_button_opens_the_search_and_escape_returns_to_it(
    open_tab: Open,
) -> None:
    page = open_tab(f"it/{CODE}/", MOBILE)
    button = page.locator("label.md-header__button[for='__search'] > [role='button']")
    assert button.get_attribute("aria-label") == "Cerca"
    button.focus()
    page.keyboard.press("Enter")
    # Material moves the focus into the box once the search has opened.
    page.wait_for_function("() => document.activeElement.matches('.md-search__input')")
    step = focused(page)
    assert search_open(page)
    assert step and "md-search__input" in step["cls"], step
    # Enter opened the search only, it did not also open "the best result" of an old query.
    assert urlsplit(page.url).path == f"/it/{CODE}/"
    step = press(page, "Escape")
    assert not search_open(page)
    assert step and step["name"] == "Cerca", step


# The palette toggle and the language button -----------------------------------------------


def test_space_on_the_palette_toggle_switches_the_palette(open_tab: Open) -> None:
    page = open_tab(f"en/{CODE}/")
    scheme = "document.body.getAttribute('data-md-color-scheme')"
    assert page.evaluate(scheme) == "default"
    # Reached by Tab, the toggle is the current palette's (its label is the one shown).
    page.locator(".md-header__button.md-logo").focus()
    step = press(page, "Tab")
    assert step and step["tag"] == "input" and step["seen"], step
    assert step["name"] == "Switch to dark mode"
    page.keyboard.press(" ")
    assert page.evaluate(scheme) == "slate"
    step = focused(page)
    assert step and step["seen"] and step["name"] == "Switch to light mode", step
    page.keyboard.press(" ")
    assert page.evaluate(scheme) == "default"


def test_in_the_dark_palette_tab_reaches_the_toggle_shown(open_tab: Open) -> None:
    page = open_tab(f"en/{CODE}/", scheme="dark")
    page.locator(".md-header__button.md-logo").focus()
    step = press(page, "Tab")
    assert step and step["seen"] and step["name"] == "Switch to light mode", step
    page.keyboard.press(" ")
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "default"


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_header_buttons_are_ringed_in_white_at_3_to_1(open_tab: Open, scheme: str) -> None:
    page = open_tab(f"en/{CODE}/", scheme=scheme)
    page.locator(".md-header__option .md-select > button").focus()
    page.keyboard.press("Shift+Tab")  # the palette toggle, by keyboard (focus-visible)
    page.keyboard.press("Tab")
    assert colour_contrast(page, ".md-select > button:focus", "outlineColor") >= 3


def test_enter_on_the_language_button_reaches_the_other_language(open_tab: Open) -> None:
    page = open_tab(f"it/{CODE}/#resolution")
    page.locator(".md-header__option .md-select > button").focus()
    step = press(page, "Enter")
    assert step and step["href"] and step["name"] == "English", step
    assert colour_contrast(page, ".md-select__link:focus") >= 4.5
    assert colour_contrast(page, ".md-select__link:focus", "outlineColor") >= 3
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(rf"/en/{CODE}/#resolution$"))


# Content: links, copy buttons, tables ---------------------------------------------------------


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_focused_links_and_copy_icons_keep_their_contrast(open_tab: Open, scheme: str) -> None:
    page = open_tab("it/0x80070490/", scheme=scheme)
    link = page.locator(".md-content a[href='../0xc004c001/']").first
    link.focus()
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")  # by keyboard
    page.wait_for_timeout(200)  # Material's colour transition
    assert colour_contrast(page, ".md-content a:focus") >= 4.5
    assert colour_contrast(page, ".md-content a:focus", "outlineColor") >= 3
    # Icons that are a button's only content: 3:1 (WCAG 1.4.11).
    assert colour_contrast(page, ".md-typeset .kb-copy") >= 3
    assert colour_contrast(page, ".kb-copy-link") >= 3


def test_a_copy_is_announced_in_a_live_region(open_tab: Open, base_url: str) -> None:
    page = open_tab("it/0x80070490/")
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base_url)
    button = page.get_by_role("button", name="slmgr -ipk <chiave 5x5>", exact=False)
    button.focus()
    page.keyboard.press("Enter")
    live = page.locator("[role='status'][aria-live='polite'][data-kb-announce]")
    live.wait_for(state="attached")
    page.wait_for_function(
        "() => document.querySelector('[data-kb-announce]').textContent.includes('slmgr')"
    )
    copied = page.locator("meta[name='kb:copied']").get_attribute("content")
    assert live.text_content() == f"{copied}: slmgr -ipk <chiave 5x5>"
    # The page's own copy buttons (link, ticket line) say it too, in the same region.
    page.locator("button[data-kb-copy='url']").focus()
    page.keyboard.press("Enter")
    page.wait_for_function(
        "text => document.querySelector('[data-kb-announce]').textContent === text", arg=copied
    )
    assert page.locator("[data-kb-announce]").count() == 1


def test_a_table_wider_than_the_screen_is_a_named_focusable_region(open_tab: Open) -> None:
    # Opened, at 375 px the decoding panel fits; at 240 px it scrolls, and so becomes a
    # region the keyboard can reach and scroll; back at 375 px it is a plain table again.
    page = open_tab(f"it/{CODE}/", MOBILE)
    page.locator(".kb-decoding > summary").click()  # the panel is collapsed
    wrapper = page.locator(".kb-decoding .md-typeset__scrollwrap")
    assert wrapper.evaluate("e => e.scrollWidth <= e.clientWidth + 1")
    assert wrapper.get_attribute("tabindex") is None
    page.set_viewport_size({"width": 240, "height": 812})
    page.wait_for_function(
        "() => document.querySelector('.kb-decoding .md-typeset__scrollwrap')"
        ".getAttribute('tabindex') === '0'"
    )
    assert wrapper.get_attribute("role") == "region"
    assert wrapper.get_attribute("aria-label") == "Dettagli tecnici del codice"  # its summary
    wrapper.focus()
    page.keyboard.press("ArrowRight")
    page.wait_for_function(
        "() => document.querySelector('.kb-decoding .md-typeset__scrollwrap').scrollLeft > 0"
    )
    page.set_viewport_size(MOBILE)
    page.wait_for_function(
        "() => !document.querySelector('.kb-decoding .md-typeset__scrollwrap')"
        ".hasAttribute('tabindex')"
    )


# The code box --------------------------------------------------------------------------------


IN_TEXT = """() => !!document.activeElement.closest('.md-content') &&
  !document.activeElement.matches('.headerlink')"""
"""The focus is in the page's text, past the title's permanent link."""


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_code_box_is_the_first_stop_of_the_page_s_text_and_opens_a_code(
    open_tab: Open, base_url: str, scheme: str
) -> None:
    page = open_tab("it/", scheme=scheme)
    # Past the header, the navigation and the title's permanent link, Tab reaches the box
    # before anything else of the page's text, then its button.
    for _ in range(30):
        stop = press(page, "Tab")
        if page.evaluate(IN_TEXT):
            break
    assert stop and stop["tag"] == "input" and stop["seen"], stop
    assert page.evaluate("document.activeElement.name") == "code"
    # Its focus is ringed at 3:1 against the page.
    assert colour_contrast(page, "#kb-go-code", "outlineColor") >= 3
    page.keyboard.type("0x80070005")
    assert (press(page, "Tab") or {}).get("tag") == "button"
    page.keyboard.press("Enter")
    page.wait_for_url(f"{base_url}/it/0x80070005/")
