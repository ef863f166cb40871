"""The site's search box in chromium: codes in every form, Italian inflections, one language
per site, and agreement with ``kb search`` on the committed query set."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml
from activation_kb.engine.search.index import SiteSearch, index_path
from activation_kb.engine.search.language import language
from playwright.sync_api import Browser, Page

from activation_kb.domain.codes import forms, parse_code
from activation_kb.domain.model import LANGUAGES
from tests.site.browser import WATCH_ANSWERS, answered, chromium

pytestmark = pytest.mark.browser

QUERIES = Path(__file__).resolve().parents[1] / "search" / "queries.yaml"
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
def browser() -> Iterator[Browser]:
    with chromium() as browser:
        yield browser


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
    every = forms(parse_code(code))
    return list(
        dict.fromkeys(
            [
                every.canonical,
                code,
                every.slug,
                every.bare_upper,
                every.bare_lower,
                every.unsigned_decimal,
                every.signed_decimal,
            ]
        )
    )


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_form_of_a_code_finds_its_page_first(boxes: dict[str, SearchBox], lang: str) -> None:
    misses = []
    for code in CODES:
        page = f"{lang}/{forms(parse_code(code)).slug}/"
        for form in code_forms(code):
            first = boxes[lang].first(form)
            if first != page:
                misses.append(f"{form!r}: {first} instead of {page}")
    assert misses == []


def pages_with_word(site: SiteSearch, word: str, without: str) -> set[str]:
    """Pages of the index whose text has ``word`` but not ``without`` (whole words)."""
    having, lacking = set(), set()
    for location, document in site.documents.items():
        page = document.parent if document.parent is not None else location
        text = f"{document.title} {site.texts.get(location, '')}".lower()
        if re.search(rf"\b{word}\b", text):
            having.add(f"it/{page}")
        if re.search(rf"\b{without}\b", text):
            lacking.add(f"it/{page}")
    return having - lacking


@pytest.mark.parametrize(("query", "word"), [("chiavi", "chiave"), ("bloccato", "bloccata")])
def test_italian_queries_find_inflected_forms(
    boxes: dict[str, SearchBox], terminal: dict[str, SiteSearch], query: str, word: str
) -> None:
    only_inflected = pages_with_word(terminal["it"], word, query)
    assert only_inflected, f"no page has {word!r} without {query!r}: the test would prove nothing"
    assert only_inflected <= set(boxes["it"].all_results(query))


@pytest.mark.parametrize(
    ("typed", "word"), [("attivazion", "attivazione"), ("configurazion", "configurazione")]
)
def test_an_italian_word_being_typed_finds_the_whole_word_s_pages(
    boxes: dict[str, SearchBox], typed: str, word: str
) -> None:
    # The typed part's own stem ("attivazion") begins no indexed term, the word's stem
    # ("attiv") does: without the rewrite, nothing is found until the word is complete.
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


def test_python_stems_italian_like_the_browser(
    boxes: dict[str, SearchBox], terminal: dict[str, SiteSearch], built_site: Path
) -> None:
    site = terminal["it"]
    words = sorted({token for doc in site.texts.values() for token in site.tokens(doc)})
    page = boxes["it"].page.context.new_page()
    page.goto(f"{boxes['it'].base}/it/")
    scripts = ["workers/search.*.min.js", "lunr/min/lunr.stemmer.support.min.js"]
    scripts.append("lunr/min/lunr.it.min.js")
    assets = built_site / "it" / "assets" / "javascripts"
    for pattern in scripts:
        page.add_script_tag(path=str(next(assets.glob(pattern))))
    stems = page.evaluate(
        "words => words.map(w => lunr.it.stemmer(new lunr.Token(w)).toString())", words
    )
    page.close()
    stem = language("it").stem
    differ = [(word, js) for word, js in zip(words, stems, strict=True) if stem(word) != js]
    assert len(words) > 500
    assert differ == []


def test_kb_search_agrees_with_the_browser_on_the_query_set(
    boxes: dict[str, SearchBox], terminal: dict[str, SiteSearch]
) -> None:
    queries = yaml.safe_load(QUERIES.read_text(encoding="utf-8"))
    assert len(queries) >= 40
    rows, agreed = [], 0
    for entry in queries:
        lang, query = entry["lang"], entry["query"]
        browser = boxes[lang].first(query)
        hits = terminal[lang].search(query)
        python = f"{lang}/{hits[0].location}" if hits else None
        agreed += browser == python
        mark = "  " if browser == python else "≠ "
        rows.append(f"{mark}{lang} {query!r}: browser {browser}, kb search {python}")
    rate = agreed / len(queries)
    report = f"kb search agrees with the browser on {agreed}/{len(queries)} ({rate:.0%})"
    print("\n" + report + "\n" + "\n".join(rows))
    assert rate >= AGREEMENT, report + "\n" + "\n".join(rows)


# Two search workers on one page, fed the site's index: kb-search.js as the site runs it
# with only FULL pages handled by Material in full (the rest appended as titles), and with
# that turned off (?full=0: Material's answer to every match).
_COMPARE = """async ([material, queries, full]) => {
  const index = await (await fetch("search/search_index.json")).json();
  const start = async limit => {
    const worker = new Worker(
      `assets/javascripts/workers/kb-search.js?material=${material}&full=${limit}`);
    const answers = [];
    let wake = null;
    worker.onmessage = event => { answers.push(event.data); if (wake) wake(); };
    const next = async () => {
      while (!answers.length) await new Promise(resolve => { wake = resolve; });
      return answers.shift();
    };
    worker.postMessage({type: 0, data: {config: index.config, docs: index.docs,
                                         options: {suggest: false}}});
    await next();
    return async query => {
      worker.postMessage({type: 2, data: query});
      return (await next()).data;
    };
  };
  const [all, few] = [await start(0), await start(full)];
  const out = [];
  for (const query of queries) out.push([query, await all(query), await few(query)]);
  return out;
}"""
FULL = 3


def _summary(group: list[dict]) -> tuple[str, float]:
    """A result's page and score, as the list shows them first."""
    page = next(item for item in group if "#" not in item["location"])
    return page["location"], page["score"]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_few_pages_in_full_keep_material_s_ranking_and_count(
    boxes: dict[str, SearchBox], built_site: Path, lang: str
) -> None:
    queries = [e["query"] for e in yaml.safe_load(QUERIES.read_text(encoding="utf-8"))]
    typed = [
        "a",
        "at",
        "0",
        "0x",
        "0x8007",
        "0x80070",
        "slmgr -ipk",
        "+key",
        "dns -kms",
        "chiave~1",
    ]
    page = boxes[lang].page.context.new_page()
    page.goto(f"{boxes[lang].base}/{lang}/")
    workers = built_site / lang / "assets" / "javascripts" / "workers"
    material = next(workers.glob("search.*.min.js")).name
    compared = page.evaluate(_COMPARE, [material, queries + typed, FULL])
    page.close()
    beyond = 0
    for query, everything, few in compared:
        assert len(few["items"]) == len(everything["items"]), query
        assert few["items"][:FULL] == everything["items"][:FULL], query
        rest = [_summary(group) for group in everything["items"][FULL:]]
        assert [_summary(group) for group in few["items"][FULL:]] == rest, query
        beyond += len(rest)
    assert beyond > 100, "no query matched more pages than are handled in full"
