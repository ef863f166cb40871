"""The help-desk tools in a real browser: the activation-type filter (with and without
JavaScript, served and from disk), related-code links, the print stylesheet, and code pages
that answer within the first screen with their decoding last and collapsed."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Page

from activation_kb.domain.model import Content

pytestmark = pytest.mark.browser

OpenPage = Callable[..., Page]

CODE = "0xc004f074"
ANCHOR = "0xc004f074-no-key-management-service-kms-could-be-contacted"
SARA = "https://aka.ms/SaRA-WindowsActivation"
VISIBLE_CODES = """() => Array.from(document.querySelectorAll("tr"))
  .filter((row) => row.querySelector(".kb-types") && row.getClientRects().length > 0)
  .map((row) => row.querySelector("a").textContent.trim())"""


def codes_of(content: Content, *wanted: str) -> list[str]:
    """The codes whose activation types include one of ``wanted``, plain KMS counting as
    both KMS client and KMS host, in table order: computed from the content, not the page."""
    expanded = set(wanted)
    if expanded & {"kms-client", "kms-host"}:
        expanded.add("kms")
    return [
        r.canonical for r in content.records if expanded & {k.value for k in r.activation_types}
    ]


def every_code(content: Content) -> list[str]:
    return [record.canonical for record in content.records]


def test_filter_buttons_show_only_the_chosen_types(
    open_page: OpenPage, base_url: str, site_content: Content
) -> None:
    page = open_page()
    page.goto(f"{base_url}/en/")
    controls = page.locator(".kb-filter")
    assert controls.is_visible()
    assert page.evaluate(VISIBLE_CODES) == every_code(site_content)

    page.get_by_role("button", name="MAK", exact=True).click()
    expected = codes_of(site_content, "mak")
    assert page.evaluate(VISIBLE_CODES) == expected
    assert 0 < len(expected) < len(site_content.records)
    assert urlsplit(page.url).query == "type=mak"
    assert controls.get_by_role("status").text_content() == f"{len(expected)} of 30 codes"

    page.get_by_role("button", name="KMS host", exact=True).click()
    assert page.evaluate(VISIBLE_CODES) == codes_of(site_content, "mak", "kms-host")
    assert urlsplit(page.url).query == "type=mak,kms-host"

    page.get_by_role("button", name="All", exact=True).click()
    assert page.evaluate(VISIBLE_CODES) == every_code(site_content)
    assert urlsplit(page.url).query == ""
    pressed = page.locator(".kb-filter button[aria-pressed='true']")
    assert pressed.all_text_contents() == ["All"]


def test_a_code_page_s_type_opens_the_filtered_table(
    open_page: OpenPage, base_url: str, site_content: Content
) -> None:
    page = open_page()
    page.goto(f"{base_url}/it/{CODE}/")
    page.locator("#activation-types + ul a").click()
    page.wait_for_url(f"{base_url}/it/?type=kms-client#summary-of-error-codes")
    assert page.evaluate(VISIBLE_CODES) == codes_of(site_content, "kms-client")
    pressed = page.locator(".kb-filter button[aria-pressed='true']").all_text_contents()
    assert pressed == ["Client del Servizio di gestione delle chiavi"]


def test_plain_kms_selects_both_kms_buttons(
    open_page: OpenPage, base_url: str, site_content: Content
) -> None:
    page = open_page()
    page.goto(f"{base_url}/en/0xc004c008/")
    page.locator("#activation-types + ul a").click()
    page.wait_for_url(f"{base_url}/en/?type=kms#summary-of-error-codes")
    assert page.evaluate(VISIBLE_CODES) == codes_of(site_content, "kms-client", "kms-host")
    pressed = page.locator(".kb-filter button[aria-pressed='true']").all_text_contents()
    assert pressed == ["KMS client", "KMS host"]


def test_the_filter_works_from_disk(
    open_page: OpenPage, built_site: Path, site_content: Content
) -> None:
    page = open_page()
    page.goto((built_site / "en" / CODE / "index.html").as_uri())
    page.locator("#activation-types + ul a").click()
    landing = (built_site / "en" / "index.html").as_uri()
    page.wait_for_url(f"{landing}?type=kms-client#summary-of-error-codes")
    assert page.evaluate(VISIBLE_CODES) == codes_of(site_content, "kms-client")
    page.get_by_role("button", name="KMS host", exact=True).click()
    assert page.evaluate(VISIBLE_CODES) == codes_of(site_content, "kms-client", "kms-host")


def test_without_javascript_the_whole_table_shows_and_no_button(
    open_page: OpenPage, base_url: str, site_content: Content
) -> None:
    page = open_page(javascript=False)
    page.goto(f"{base_url}/en/?type=mak#summary-of-error-codes")
    assert page.locator(".kb-filter").count() == 1
    assert not page.locator(".kb-filter").is_visible()
    assert page.get_by_role("button", name="MAK").count() == 0
    visible = page.locator("tr:has(.kb-types)")
    assert visible.count() == len(site_content.records)
    assert all(row.is_visible() for row in visible.all())


def test_old_anchors_still_win_over_the_filter_query(open_page: OpenPage, base_url: str) -> None:
    page = open_page()
    page.goto(f"{base_url}/it/?type=mak#{ANCHOR}")
    page.wait_for_url(f"{base_url}/it/{CODE}/")
    assert page.locator("h1").get_attribute("id") == ANCHOR


@pytest.mark.parametrize("lang", ["it", "en"])
def test_a_related_code_link_opens_that_code_in_the_same_language(
    open_page: OpenPage, base_url: str, site_content: Content, lang: str
) -> None:
    (record,) = [r for r in site_content.records if r.code.lower() == CODE]
    first = next(r for r in site_content.records if r.canonical in record.related)
    page = open_page()
    page.goto(f"{base_url}/{lang}/{CODE}/")
    link = page.locator("#related-codes + ul a").first
    title = (first.it if lang == "it" else first.en).title
    assert link.text_content() == f"{first.canonical} {title}"
    link.click()
    page.wait_for_url(f"{base_url}/{lang}/{first.code.lower()}/")
    assert page.locator("h1").get_attribute("id") == first.anchor
    assert page.locator("html").get_attribute("lang") == lang


CHROME = (".md-header", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-search")
AFTER = "(link) => getComputedStyle(link, '::after').content"


def test_print_shows_the_text_without_chrome_and_with_link_addresses(
    open_page: OpenPage, base_url: str
) -> None:
    page = open_page()
    page.goto(f"{base_url}/en/{CODE}/")
    # On screen the chrome is there, so the assertions below can fail.
    assert all(page.locator(selector).first.is_visible() for selector in CHROME[:2])
    assert page.locator("button:visible").count() > 0
    page.emulate_media(media="print")
    for selector in CHROME:
        assert not page.locator(selector).first.is_visible(), selector
    assert page.locator("nav:visible").count() == 0
    assert page.locator("button:visible").count() == 0
    assert page.locator(".kb-decoding").is_visible()
    decoding = page.locator(".kb-decoding table")
    assert not decoding.is_visible()  # collapsed: print.js opens it before printing
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    assert decoding.is_visible()
    page.evaluate("window.dispatchEvent(new Event('afterprint'))")
    assert not decoding.is_visible()
    assert page.locator(".kb-attribution").is_visible()
    tool = page.locator(f".kb-diagnostic-tool a[href='{SARA}']")
    assert SARA in tool.evaluate(AFTER)
    related = page.locator("#related-codes + ul a").first
    assert f"{base_url}/en/0x" in related.evaluate(AFTER)
    page.emulate_media(media="screen")
    assert tool.evaluate(AFTER) == "none"


@pytest.mark.parametrize(
    ("lang", "line"),
    [
        (
            "it",
            "Tipo di attivazione: Client del Servizio di gestione delle chiavi — 21 codici su 30",
        ),
        ("en", "Activation type: KMS client, KMS host — 22 of 30 codes"),
    ],
)
def test_a_filtered_table_on_paper_says_it_is_filtered(
    open_page: OpenPage, base_url: str, lang: str, line: str
) -> None:
    page = open_page()
    query = "kms-client" if lang == "it" else "kms-client,kms-host"
    page.goto(f"{base_url}/{lang}/?type={query}")
    printed = page.locator(".kb-filter-print")
    assert not printed.is_visible()  # on screen the buttons say it
    page.emulate_media(media="print")
    assert printed.is_visible() and printed.text_content() == line
    # Unfiltered, the line is empty and not printed.
    page.emulate_media(media="screen")
    page.locator(".kb-filter__all").click()
    page.emulate_media(media="print")
    assert not printed.is_visible() and printed.text_content() == ""


RESOLUTION_BOTTOM = """() => {
  const box = document.getElementById("resolution").getBoundingClientRect();
  return box.bottom + window.scrollY;
}"""


@pytest.mark.parametrize("lang", ["it", "en"])
def test_the_resolution_heading_is_within_the_first_screen(
    browser: Browser, base_url: str, site_content: Content, lang: str
) -> None:
    # 1280×800, a common laptop screen: message, cause and the resolution's heading show
    # without scrolling on every code page; the decoding is last and collapsed.
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    try:
        page = context.new_page()
        for record in site_content.records:
            page.goto(f"{base_url}/{lang}/{record.code.lower()}/")
            assert page.evaluate(RESOLUTION_BOTTOM) <= 800, record.code
            decoding = page.locator("details.kb-decoding")
            assert decoding.count() == 1 and decoding.get_attribute("open") is None
            assert not page.locator(".kb-decoding table").is_visible()
            assert decoding.evaluate(
                "(d) => d.getBoundingClientRect().top > "
                "document.getElementById('resolution').getBoundingClientRect().top"
            )
    finally:
        context.close()


def test_the_decoding_opens_with_a_click(open_page: OpenPage, base_url: str) -> None:
    page = open_page()
    page.goto(f"{base_url}/en/{CODE}/")
    page.locator("details.kb-decoding summary").click()
    table = page.locator(".kb-decoding table")
    assert table.is_visible()
    assert "SL_E_VL_BINDING_SERVICE_UNAVAILABLE" in (table.text_content() or "")
