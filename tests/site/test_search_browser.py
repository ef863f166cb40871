"""The site's search box in chromium: codes in every form, Italian inflections, one language
per site, agreement with ``kb search`` (the box on the committed query set, the worker's
ranking on every real query), and a loud failure when Material is not what the glue
expects."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml
from playwright.sync_api import Browser, Page

from activation_kb.domain.codes import forms, parse_code
from activation_kb.domain.model import LANGUAGES, Content
from activation_kb.domain.search.query import read_query
from activation_kb.domain.search.text import stem, words
from activation_kb.render.search_index import documents
from activation_kb.site.search import SiteSearch, index_path
from tests.site.browser import WATCH_ANSWERS, answered

pytestmark = pytest.mark.browser

SEARCH = Path(__file__).resolve().parents[1] / "search"
QUERIES = SEARCH / "queries.yaml"
ENGINE = (
    Path(__file__).resolve().parents[2] / "overrides/assets/javascripts/workers/kb-search-engine.js"
)
CODES = ["0xC004F074", "0x8007007b", "0x80070005", "0xC004C003", "0x8004FE21", "0x800706BA"]
AGREEMENT = 0.95


class SearchBox:
    """One page of one language's site, its search box ready for queries.

    Material sends a query on every keyup that changes the box; the worker answers the
    newest of those waiting and names the query in its answer (``WATCH_ANSWERS``), so a
    query typed key by key is done when the answer to all of it has come."""

    RESULTS = ".md-search-result__item > a.md-search-result__link:first-child"

    def __init__(self, page: Page, base: str, lang: str) -> None:
        self.page, self.base, self.lang = page, base, lang
        page.goto(f"{base}/{lang}/")
        self.box = page.locator("input.md-search__input")
        self.box.click()
        # The worker is ready when the meta no longer says what the page was served with.
        served = page.request.get(f"{base}/{lang}/").text()
        initializing = re.search(r'md-search-result__meta">([^<]*)<', served).group(1)
        page.wait_for_function(
            "text => document.querySelector('.md-search-result__meta').textContent !== text",
            arg=initializing,
        )

    def _type(self, query: str) -> None:
        # Focusing re-reads an unchanged box, which Material ignores; clearing with keys is
        # one more search (of ""), answered before the query is typed. fill() would change
        # the box without a keyup, and a later focus event would then search "" unasked.
        self.box.focus()
        if self.box.input_value():
            answered(self.page, self._clear, "")
        answered(self.page, lambda: self.box.press_sequentially(query), query)

    def _clear(self) -> None:
        self.box.press("ControlOrMeta+a")
        self.box.press("Backspace")

    def _pages(self) -> list[str]:
        links = self.page.eval_on_selector_all(self.RESULTS, "links => links.map(a => a.href)")
        return [urlsplit(href).path.removeprefix("/") for href in links]

    def results(self, query: str) -> list[str]:
        """The pages listed first for ``query`` (Material shows 10 until one scrolls)."""
        self._type(query)
        return self._pages()

    def all_results(self, query: str) -> list[str]:
        """Every page listed for ``query``, scrolling the list until no more come."""
        self._type(query)
        meta = self.page.locator(".md-search-result__meta").text_content() or ""
        total = int(match.group()) if (match := re.search(r"\d+", meta)) else 0
        items = self.page.locator(".md-search-result__item")
        # Material renders 10, then 4 more each time the end of the list comes into view.
        for _ in range(50):
            if items.count() >= total:
                break
            for top in (0, 10**9):
                self.page.eval_on_selector(".md-search__scrollwrap", f"el => el.scrollTo(0, {top})")
                self.page.wait_for_timeout(50)
        return self._pages()

    def first(self, query: str) -> str | None:
        found = self.results(query)
        return found[0] if found else None


@pytest.fixture(scope="module")
def boxes(browser: Browser, built_site: Path, serve_site) -> Iterator[dict[str, SearchBox]]:
    base = serve_site(built_site)
    context = browser.new_context(locale="it-IT")
    context.add_init_script(WATCH_ANSWERS)
    yield {lang: SearchBox(context.new_page(), base, lang) for lang in LANGUAGES}
    context.close()


@pytest.fixture(scope="module")
def terminal(built_site: Path) -> dict[str, SiteSearch]:
    return {lang: SiteSearch(index_path(built_site, lang)) for lang in LANGUAGES}


def code_forms(code: str) -> list[str]:
    """Every form a ticket may carry ``code`` in (its own spelling among them)."""
    every = forms(parse_code(code))
    return [
        every.canonical,
        code,
        every.slug,
        every.bare_upper,
        every.bare_lower,
        every.unsigned_decimal,
        every.signed_decimal,
    ]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_form_of_a_code_finds_its_page_first(boxes: dict[str, SearchBox], lang: str) -> None:
    # Typed into the box, each form with another code. Every form of every code is kb
    # search's business (tests/test_search_index.py), and the box ranks as kb search does
    # (test_the_worker_ranks_every_query_exactly_as_kb_search).
    misses = []
    for n in range(len(code_forms(CODES[0]))):
        code = CODES[n % len(CODES)]
        form, page = code_forms(code)[n], f"{lang}/{forms(parse_code(code)).slug}/"
        first = boxes[lang].first(form)
        if first != page:
            misses.append(f"{form!r}: {first} instead of {page}")
    assert misses == []


def pages_with_word(content: Content, word: str, without: str) -> set[str]:
    """Italian pages whose text has ``word`` but not ``without`` (whole words)."""
    found = set()
    for doc in documents(content, "it"):
        text = " ".join(t for texts in doc.fields.values() for t in texts).lower()
        if re.search(rf"\b{word}\b", text) and not re.search(rf"\b{without}\b", text):
            found.add(f"it/{doc.location}")
    return found


@pytest.mark.parametrize(("query", "word"), [("chiavi", "chiave"), ("bloccato", "bloccata")])
def test_italian_queries_find_inflected_forms(
    boxes: dict[str, SearchBox], site_content: Content, query: str, word: str
) -> None:
    only_inflected = pages_with_word(site_content, word, query)
    assert only_inflected, f"no page has {word!r} without {query!r}: the test would prove nothing"
    assert only_inflected <= set(boxes["it"].all_results(query))


@pytest.mark.parametrize(
    ("typed", "word"), [("attivazion", "attivazione"), ("configurazion", "configurazione")]
)
def test_an_italian_word_being_typed_finds_the_whole_word_s_pages(
    boxes: dict[str, SearchBox], typed: str, word: str
) -> None:
    # The typed part ("attivazion") is no stem of the index, the word's stem ("attiv") is:
    # the words of the index that begin with what is typed stand for it.
    whole = boxes["it"].results(word)
    assert whole
    assert boxes["it"].results(typed)[: len(whole)] == whole


@pytest.mark.parametrize("query", ["0xC004F074", "chiavi", "key", "slmgr", "DNS"])
def test_each_site_lists_only_its_own_language(boxes: dict[str, SearchBox], query: str) -> None:
    for lang, box in boxes.items():
        assert all(page.startswith(f"{lang}/") for page in box.results(query))


def test_the_english_site_does_not_know_italian_words(boxes: dict[str, SearchBox]) -> None:
    assert boxes["en"].results("inesistente") == []
    assert boxes["it"].results("inesistente") != []


def test_an_undocumented_code_is_said_to_be_so_first(boxes: dict[str, SearchBox]) -> None:
    box = boxes["en"]
    box._type("0x87E10BC6 when running slmgr -ato")
    links = box.page.eval_on_selector_all(box.RESULTS, "links => links.map(a => a.href)")
    assert urlsplit(links[0]).path == "/go/"
    assert "code=0x87E10BC6&lang=en" in links[0]
    first = box.page.locator(".md-search-result__item").first.inner_text()
    assert "0x87E10BC6 is not in this knowledge base" in first


def test_a_code_s_preview_is_its_message(boxes: dict[str, SearchBox]) -> None:
    box = boxes["en"]
    box._type("0xC004F074")
    first = box.page.locator(".md-search-result__item").first.inner_text()
    assert "No Key Management Service (KMS) could be contacted" in first  # the title
    assert "Please see the Application Event Log" in first  # the message
    assert "|" not in first


def _queries() -> list[tuple[str, str]]:
    found = []
    for name in ("queries.yaml", "real_queries.yaml", "heldout_queries.yaml"):
        found += [(e["lang"], e["query"]) for e in yaml.safe_load((SEARCH / name).read_text())]
    return found


def test_the_browser_reads_words_and_queries_as_python_does(
    boxes: dict[str, SearchBox], site_content: Content
) -> None:
    vocabulary = sorted(
        {
            word
            for lang in LANGUAGES
            for doc in documents(site_content, lang)
            for texts in doc.fields.values()
            for text in texts
            for word in words(text)
        }
        | {word for _, query in _queries() for word in words(query)}
    )
    page = boxes["it"].page.context.new_page()
    page.goto(f"{boxes['it'].base}/it/")
    page.add_script_tag(path=str(ENGINE))
    queries = [*_queries(), ("en", "Error 9003 (0x232B) Ox8007232b"), ("it", "perché è così")]
    js = page.evaluate(
        """([vocabulary, queries]) => ({
          stems: ["it", "en"].map(lang => vocabulary.map(w => KbSearch.stem(w, lang))),
          queries: queries.map(([lang, q]) => {
            const r = KbSearch.readQuery(q, lang);
            return [r.codes, r.terms, r.typed, r.names, r.pairs];
          }),
        })""",
        [vocabulary, queries],
    )
    page.close()
    assert len(vocabulary) > 1000
    for lang, stems in zip(("it", "en"), js["stems"], strict=True):
        assert [stem(w, lang) for w in vocabulary] == stems
    for (lang, text), browser in zip(queries, js["queries"], strict=True):
        query = read_query(text, lang)
        python = [list(query.codes), list(query.terms), query.typed, list(query.names)]
        assert [*python, list(query.pairs)] == browser, text


# The worker's ranking in the page, over the site's index files, as the box runs it: every
# result of every query (not only the first) must be kb search's.
_RANK_ALL = """async ([index, queries]) => {
  const load = urls => Promise.all(urls.map(url => new Promise((resolve, reject) => {
    const script = document.createElement("script");
    script.src = url; script.onload = resolve; script.onerror = reject;
    document.head.appendChild(script);
  })));
  const search = KbSearch.open({ index, load });
  const out = [];
  for (const query of queries) {
    const answer = await search.answer(query);
    out.push(answer.results.map(r => r.doc === null ? "go:" + r.code : r.row[0]));
  }
  return out;
}"""


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_worker_ranks_every_query_exactly_as_kb_search(
    boxes: dict[str, SearchBox], terminal: dict[str, SiteSearch], lang: str
) -> None:
    queries = [query for language, query in _queries() if language == lang]
    queries += ["0", "0x", "0xC004F0", "a", "at", "acti", "slmgr -ipk", "attivazion"]
    page = boxes[lang].page.context.new_page()
    page.goto(f"{boxes[lang].base}/{lang}/")
    page.add_script_tag(path=str(ENGINE))
    index = f"{boxes[lang].base}/{lang}/search/kb/"
    browser = page.evaluate(_RANK_ALL, [index, queries])
    page.close()
    for query, ranked in zip(queries, browser, strict=True):
        python = [
            f"go:{int(hit.url.split('code=')[1][:10], 16)}"
            if hit.url.startswith("go/")
            else hit.location
            for hit in terminal[lang].search(query)
        ]
        assert ranked == python, query


def test_kb_search_agrees_with_the_box_on_the_query_set(
    boxes: dict[str, SearchBox], terminal: dict[str, SiteSearch]
) -> None:
    # The box lists what the worker ranks, in its order: the ranking itself is kb search's
    # for every query (test_the_worker_ranks_every_query_exactly_as_kb_search); here, one
    # query in eight of the query set, typed key by key.
    queries = yaml.safe_load(QUERIES.read_text(encoding="utf-8"))[::8]
    assert len(queries) >= 5
    disagree = []
    for entry in queries:
        lang, query = entry["lang"], entry["query"]
        browser = boxes[lang].results(query)
        python = [hit.url.split("?")[0] for hit in terminal[lang].search(query)][: len(browser)]
        if browser != python:
            disagree.append(f"{lang} {query!r}: box {browser[:3]}, kb search {python[:3]}")
    assert disagree == []


def test_the_page_says_so_when_material_is_not_what_the_glue_expects(
    browser: Browser, built_site: Path, serve_site
) -> None:
    base = serve_site(built_site)
    context = browser.new_context()
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)

    def other_worker(route) -> None:
        html = route.fetch().text().replace("workers/search.", "workers/other-search.")
        route.fulfill(body=html, content_type="text/html")

    page.route(f"{base}/en/", other_worker)
    page.goto(f"{base}/en/")
    page.wait_for_timeout(300)
    context.close()
    assert any("written for Material for MkDocs 9.8.2" in error for error in errors), errors
