"""The built site in a real browser: old links, the language switch, the redirect."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page

pytestmark = pytest.mark.browser

OpenPage = Callable[..., Page]

CODE = "0xc004f074"
ANCHOR = "0xc004f074-no-key-management-service-kms-could-be-contacted"
"""The example of the issue: an old link to the article with only the host changed."""


def test_old_anchor_link_lands_on_the_code_page(
    open_page: OpenPage, base_url: str, requests_elsewhere: list[str]
) -> None:
    page = open_page()
    page.goto(f"{base_url}/it/#{ANCHOR}")
    page.wait_for_url(f"{base_url}/it/{CODE}/")
    assert page.locator("h1").get_attribute("id") == ANCHOR
    assert requests_elsewhere == []


def test_old_anchor_without_javascript_lands_on_a_link_to_the_code_page(
    open_page: OpenPage, base_url: str, requests_elsewhere: list[str]
) -> None:
    page = open_page(javascript=False)
    page.goto(f"{base_url}/it/#{ANCHOR}")
    assert page.url == f"{base_url}/it/#{ANCHOR}"
    target = page.locator(f"[id='{ANCHOR}']")
    target.click()
    page.wait_for_url(f"{base_url}/it/{CODE}/")


def test_a_later_hash_change_to_an_old_anchor_also_redirects(
    open_page: OpenPage, base_url: str, requests_elsewhere: list[str]
) -> None:
    page = open_page()
    page.goto(f"{base_url}/en/")
    page.evaluate(f"location.hash = '#{ANCHOR}'")
    page.wait_for_url(f"{base_url}/en/{CODE}/")


@pytest.mark.parametrize(("source", "target"), [("it", "en"), ("en", "it")])
def test_language_switch_lands_on_the_same_code(
    open_page: OpenPage, base_url: str, requests_elsewhere: list[str], source: str, target: str
) -> None:
    page = open_page()
    page.goto(f"{base_url}/{source}/{CODE}/#resolution")
    page.locator(".md-header__option .md-select").hover()
    page.locator(f"a[data-kb-language='{target}']").click()
    page.wait_for_url(f"{base_url}/{target}/{CODE}/#resolution")
    assert page.locator("html").get_attribute("lang") == target
    assert page.locator("h1").get_attribute("id") == ANCHOR
    assert requests_elsewhere == []


@pytest.mark.parametrize(("locale", "lang"), [("it-IT", "it"), ("en-US", "en"), ("de-DE", "it")])
def test_root_sends_the_reader_to_the_browser_language_keeping_the_fragment(
    open_page: OpenPage, base_url: str, requests_elsewhere: list[str], locale: str, lang: str
) -> None:
    page = open_page(locale=locale)
    page.goto(f"{base_url}/#{ANCHOR}")
    page.wait_for_url(f"{base_url}/{lang}/{CODE}/")


def test_root_keeps_the_query_so_a_filtered_table_link_survives(
    open_page: OpenPage, base_url: str, requests_elsewhere: list[str]
) -> None:
    page = open_page(locale="en-US")
    page.goto(f"{base_url}/?type=mak#summary-of-error-codes")
    page.wait_for_url(f"{base_url}/en/?type=mak#summary-of-error-codes")


def test_commands_have_a_working_copy_button(
    open_page: OpenPage, base_url: str, requests_elsewhere: list[str]
) -> None:
    page = open_page()
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base_url)
    page.goto(f"{base_url}/it/0x80070490/")
    button = page.get_by_role("button", name="slmgr -ipk <chiave 5x5>", exact=False)
    button.click()
    assert page.evaluate("navigator.clipboard.readText()") == "slmgr -ipk <chiave 5x5>"


def test_from_disk_the_switch_and_old_anchors_reach_pages_not_folders(
    open_page: OpenPage, built_site: Path, requests_elsewhere: list[str]
) -> None:
    page = open_page()
    page.goto((built_site / "it" / CODE / "index.html").as_uri())
    page.locator(".md-header__option .md-select").hover()
    page.locator("a[data-kb-language='en']").click()
    page.wait_for_url((built_site / "en" / CODE / "index.html").as_uri())
    page.goto((built_site / "index.html").as_uri() + f"#{ANCHOR}")
    page.wait_for_url((built_site / "it" / CODE / "index.html").as_uri())
    assert page.locator("h1").get_attribute("id") == ANCHOR
    assert requests_elsewhere == []


def test_a_page_starts_search_only_when_the_search_box_is_used(
    open_page: OpenPage, base_url: str
) -> None:
    page = open_page()
    asked: list[str] = []
    page.on("request", lambda request: asked.append(request.url))
    page.goto(f"{base_url}/it/{CODE}/", wait_until="networkidle")
    page.wait_for_timeout(500)
    # Neither the index nor the search worker's scripts (Material's empty
    # search_index.json, a few hundred bytes, is asked for by its bundle as it loads).
    assert not [url for url in asked if "/search/kb/" in url or "kb-material.js?" in url]
    assert not [url for url in asked if "/workers/" in url]
    box = page.locator("input.md-search__input")
    box.click()
    # Pasted, as from a ticket (typed, each unfinished code is a word being typed); Material
    # reads the box on a key's release.
    box.fill("0x80070490")
    box.press("End")
    first = page.locator(".md-search-result__item a").first
    first.wait_for()
    assert urlsplit(first.get_attribute("href") or "").path == "/it/0x80070490/"
    # A code is answered from go/'s files of codes: no file of words is needed.
    index = [urlsplit(url).path for url in asked if "/search/kb/" in url]
    assert "/it/search/kb/index.js" in index
    assert not [path for path in index if path.startswith("/it/search/kb/t")]
