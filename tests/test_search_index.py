"""The search index written from the content (activation_kb.render.search_index): what each
page is found by, its preview, and pasted Windows messages."""

from __future__ import annotations

import html
import re

import pytest

from activation_kb.domain.codes import forms, parse_code, written_codes
from activation_kb.domain.model import LANGUAGES, Content
from activation_kb.render.search_index import (
    DOCS_PER_FILE,
    TERM_BYTES,
    documents,
    error_names,
    index_files,
    read_script,
)
from activation_kb.site.search import SiteSearch


@pytest.fixture(scope="module")
def sites(searches: dict[str, SiteSearch]) -> dict[str, SiteSearch]:
    return searches


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_code_s_preview_is_its_message_and_the_landing_page_s_its_introduction(
    content: Content, lang: str
) -> None:
    docs = {doc.location: doc for doc in documents(content, lang)}
    for record in content.records:
        text = getattr(record, lang)
        doc = docs[f"{record.code.lower()}/"]
        assert doc.teaser == written_codes(text.full_message or text.summary_message)
        assert doc.title == f"{record.canonical} {text.title}"
    intro = getattr(content.article, lang).intro
    landing = docs[""].teaser
    # The introduction's words, as written (links as their text), and no table.
    assert re.sub(r"\[([^]]*)\]\([^)]*\)", r"\1", intro).split()[:12] == landing.split()[:12]
    assert "|" not in landing and "0x" not in landing


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_windows_message_pasted_whole_or_from_its_fifth_word_finds_its_page(
    content: Content, sites: dict[str, SiteSearch], lang: str
) -> None:
    misses = []
    for record in content.records:
        text = getattr(record, lang)
        for message in {text.summary_message, text.full_message} - {None}:
            words = message.split()
            for pasted in (message, " ".join(words[4:])):
                if len(pasted.split()) < 5:
                    continue
                first = sites[lang].search(pasted)[0].location
                # Several codes share a message word for word: any of them is right.
                same = {
                    r.code.lower() + "/"
                    for r in content.records
                    if pasted in {getattr(r, lang).summary_message, getattr(r, lang).full_message}
                    or pasted in (getattr(r, lang).full_message or "")
                    or pasted in getattr(r, lang).summary_message
                }
                if first not in same:
                    misses.append(f"{record.code} {pasted[:60]!r}: {first}")
    assert misses == []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_form_of_every_code_finds_its_page_first(
    content: Content, sites: dict[str, SiteSearch], lang: str
) -> None:
    misses = []
    for record in content.records:
        every = forms(parse_code(record.code))
        shown = [every.canonical, record.code, every.slug, every.bare_upper, every.bare_lower]
        for form in dict.fromkeys([*shown, every.unsigned_decimal, every.signed_decimal]):
            first = sites[lang].search(form)[0].location
            if first != f"{every.slug}/":
                misses.append(f"{form!r}: {first}")
    assert misses == []


def test_error_names_find_their_code(sites: dict[str, SiteSearch]) -> None:
    assert error_names(0xC004F074) == ("SL_E_VL_BINDING_SERVICE_UNAVAILABLE",)
    assert "E_ACCESSDENIED" in error_names(0x80070005)
    for name, code in [
        ("SL_E_VL_BINDING_SERVICE_UNAVAILABLE", "0xc004f074/"),
        ("E_ACCESSDENIED", "0x80070005/"),
        ("DNS_ERROR_RCODE_NAME_ERROR", "0x8007232b/"),
    ]:
        assert sites["en"].search(name)[0].location == code, name


def test_a_code_being_typed_lists_the_codes_it_begins(
    content: Content, sites: dict[str, SiteSearch]
) -> None:
    listed = {hit.location for hit in sites["en"].search("0xC004F0")}
    codes = {r.code.lower() + "/" for r in content.records if r.code.upper().startswith("0XC004F0")}
    assert codes and codes <= listed


def test_the_files_are_scripts_of_bounded_size_that_read_back(content: Content) -> None:
    files = index_files(content, "it")
    assert files == index_files(content, "it")  # the same content, the same bytes
    for path, text in files.items():
        name, data = read_script(text)
        assert path.endswith(f"/{name}.js")
        assert text.startswith("kbSearchShard(") and text.isascii()
        if name.startswith("t"):
            assert len(text) < 2 * TERM_BYTES
        if name.startswith("d"):
            assert len(data) <= DOCS_PER_FILE
    meta = read_script(files["search/kb/index.js"])[1]
    assert meta["docs"] == len(content.records) + 1
    assert html.unescape(meta["unknown"]["title"]) == meta["unknown"]["title"]
