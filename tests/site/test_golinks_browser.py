"""Deep links in chromium: go/?code=…, the 404 rescue of code addresses, copy-link buttons,
and the browser's code forms and decoding against activation_kb.domain.codes and
activation_kb.domain.hresult."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from playwright.sync_api import Browser, Page

from activation_kb.domain.codes import forms, parse_code
from activation_kb.domain.errors import CodeFormatError, echo
from activation_kb.domain.hresult import decode
from activation_kb.domain.model import LANGUAGES, Content
from activation_kb.domain.names import named_values
from activation_kb.engine.mkdocs import OVERRIDES
from tests.site.browser import Contexts
from tests.site.conftest import NotFoundHandler

pytestmark = pytest.mark.browser

CODE = "0xC004F074"
SLUG = "0xc004f074"


@pytest.fixture(scope="module")
def base(built_site: Path, serve_site: Callable[..., str]) -> str:
    return serve_site(built_site, NotFoundHandler)


@pytest.fixture
def open_page(contexts: Contexts) -> Iterator:
    def open_page(locale: str = "it-IT", **options: object) -> Page:
        return contexts.page(locale=locale, **options)

    yield open_page
    contexts.reset()


def every_form(code: str) -> list[str]:
    found = forms(parse_code(code))
    spellings = [found.canonical, found.slug, found.bare_upper, found.bare_lower]
    return [*spellings, found.unsigned_decimal, found.signed_decimal]


@pytest.mark.parametrize("lang", ["it", "en"])
def test_go_sends_every_form_to_the_page_in_the_language_asked(
    open_page, base: str, lang: str
) -> None:
    page = open_page(locale="de-DE")
    for form in every_form(CODE):
        page.goto(f"{base}/go/?code={form}&lang={lang}")
        page.wait_for_url(f"{base}/{lang}/{SLUG}/", wait_until="commit")


@pytest.mark.parametrize(
    ("locale", "lang"), [("en-US", "en"), ("it-IT", "it"), ("de-DE", "it"), ("en-GB", "en")]
)
def test_go_without_lang_follows_the_browser_then_italian(
    open_page, base: str, locale: str, lang: str
) -> None:
    page = open_page(locale=locale)
    page.goto(f"{base}/go/?code=80070005")
    page.wait_for_url(f"{base}/{lang}/0x80070005/", wait_until="commit")


def shown_go(page: Page, base: str, code: str, lang: str = "en") -> Page:
    """go/ for a code the site does not document: the root's go/ hands it to the
    language's go/ page, which says what it is."""
    page.goto(f"{base}/go/?code={code}&lang={lang}")
    page.locator("html[data-kb-go=done]").wait_for(state="attached")
    assert page.url == f"{base}/{lang}/go/?code={quote(code, safe='')}"
    return page


def decoding_rows(page: Page) -> list[tuple[str, str]]:
    return [
        (row.locator("th").text_content() or "", row.locator("td").text_content() or "")
        for row in page.locator("#kb-go-decoding tbody tr").all()
    ]


def test_go_explains_an_unknown_code_with_the_related_ones(
    open_page, base: str, site_content: Content
) -> None:
    page = shown_go(open_page(), base, "-1073418123")
    # A page of the site: its header and search, in the language asked for.
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator(".md-header .md-search__input").count() == 1
    assert page.locator("h1").text_content() == "Code not found"
    assert page.title().startswith("Code not found - ")
    message = page.locator("#kb-go-message").text_content()
    assert message == "“-1073418123” is code 0xC004F075, which is not in this knowledge base."
    # FACILITY_ITF, code 0xF075: 0xC004F074 (1), 0xC004F06C (9), 0xC004F065 (16).
    listed = page.locator("#kb-go-closest-list a").all_text_contents()
    assert [text.split(" ")[0] for text in listed] == ["0xC004F074", "0xC004F06C", "0xC004F065"]
    page.locator("#kb-go-closest-list a").first.click()
    page.wait_for_url(f"{base}/en/0xc004f074/")
    page.go_back()
    page.locator("html[data-kb-go=done]").wait_for(state="attached")
    assert page.locator("#kb-go-closest-title").text_content() == (
        "Documented codes of the same facility"
    )
    # The decoding, each row headed by its label; the unsigned and signed decimals in it.
    assert decoding_rows(page) == decode(0xC004F075).rows("en")
    assert page.locator("#kb-go-decoding tbody th[scope=row]").count() == len(decoding_rows(page))
    # The code box holds what was typed; the search is offered for it; the summary table
    # lists every code.
    assert page.locator("#kb-go-code").input_value() == "-1073418123"
    search = page.locator("#kb-go-search")
    assert search.text_content() == "Search the knowledge base for “-1073418123”"
    assert search.get_attribute("href") == "../?q=-1073418123"
    summary = page.get_by_role("link", name="Summary of error codes")
    assert summary.get_attribute("href") == "../#summary-of-error-codes"
    assert len(site_content.records) == 30


def test_go_says_it_plainly_for_a_code_written_as_pages_write_it(open_page, base: str) -> None:
    page = shown_go(open_page(), base, "0xdeadbeef", "it")
    assert page.locator("#kb-go-message").text_content() == (
        "Il codice 0xDEADBEEF non è in questa knowledge base."
    )
    assert page.locator("h1").text_content() == "Codice non trovato"
    assert not page.locator("#kb-go-closest").is_visible()  # no documented code of its facility


def test_go_searches_for_the_code_on_the_landing_page(open_page, base: str) -> None:
    page = shown_go(open_page(), base, "0xC004F075")
    page.locator("#kb-go-search").click()
    page.wait_for_url(f"{base}/en/?q=0xC004F075")
    assert page.locator("input.md-search__input").input_value() == "0xC004F075"


def test_go_names_and_decodes_another_severity_of_a_documented_code(
    open_page, base: str
) -> None:
    page = shown_go(open_page(), base, "0x4004F065")
    assert page.locator("#kb-go-names").text_content() == (
        "Also known as SL_I_NONGENUINE_GRACE_PERIOD"
    )
    rows = dict(decoding_rows(page))
    assert rows["Severity"] == "Information (not an error)"
    assert rows["Facility"].startswith("4 FACILITY_ITF (")
    listed = page.locator("#kb-go-closest-list a").all_text_contents()
    assert [text.split(" ")[0] for text in listed] == ["0xC004F065", "0xC004F064", "0xC004F06C"]


def test_go_decodes_a_code_of_a_facility_we_do_not_document(open_page, base: str) -> None:
    page = shown_go(open_page(), base, "0x887A0005", "it")
    assert page.locator("#kb-go-names").text_content() == (
        "Noto anche come DXGI_ERROR_DEVICE_REMOVED"
    )
    assert page.locator("#kb-go-decoding-title").text_content() == "Dettagli tecnici del codice"
    rows = decoding_rows(page)
    assert rows == decode(0x887A0005).rows("it")
    assert ("Facility", "2170 FACILITY_DXGI") in rows
    # No documented code of FACILITY_DXGI: no list, rather than codes of another facility.
    assert page.locator("#kb-go-closest-list a").count() == 0
    assert not page.locator("#kb-go-closest-title").is_visible()


def test_go_loads_few_small_files_for_a_code_it_does_not_document(
    open_page, base: str, built_site: Path
) -> None:
    page = open_page()
    loaded: list[str] = []
    page.on("request", lambda request: loaded.append(request.url.removeprefix(base)))
    shown_go(page, base, "0x887A0005")
    files = sorted({url for url in loaded if url.startswith("/go/") and url.endswith(".js")})
    # The codes' index and files, the decoding's words, the facilities, the names' index
    # and the one file of names that holds 0x887A0005; the decoding's script is the theme's.
    name_files = [url for url in files if re.fullmatch(r"/go/names/n\d+\.js", url)]
    assert len(name_files) == 1
    assert sorted(set(files) - set(name_files)) == [
        "/go/codes/f0.js",
        "/go/codes/index.js",
        "/go/codes/v0.js",
        "/go/names/decode.js",
        "/go/names/facilities.js",
        "/go/names/names.js",
    ]
    assert loaded.count("/en/assets/javascripts/kb-decode.js") == 1
    total = sum(len((built_site / url[1:]).read_bytes()) for url in files)
    assert total < 40_000


def test_go_without_a_code_is_the_code_box(open_page, base: str) -> None:
    page = open_page(locale="en-US")
    page.goto(f"{base}/go/")
    page.wait_for_url(f"{base}/en/go/")
    page.locator("html[data-kb-go=done]").wait_for(state="attached")
    assert page.locator("h1").text_content() == "Go to a code"
    assert not page.locator("#kb-go-answer").is_visible()
    # Typed into the box, a code opens its page.
    page.locator("#kb-go-code").fill("c004f074")
    page.locator("#kb-go-code").press("Enter")
    page.wait_for_url(f"{base}/en/0xc004f074/")


@pytest.mark.parametrize("lang", ["it", "en"])
def test_the_landing_page_s_code_box_opens_a_code_s_page(open_page, base: str, lang: str) -> None:
    page = open_page()
    page.goto(f"{base}/{lang}/")
    box = page.locator(".kb-go-box input[name=code]")
    # At the top: the first thing after the title.
    assert page.locator("h1 + form.kb-go-box").count() == 1
    box.fill("-1073418124")
    page.locator(".kb-go-box button[type=submit]").click()
    page.wait_for_url(f"{base}/{lang}/0xc004f074/")


def test_the_language_switch_keeps_go_s_code(open_page, base: str) -> None:
    page = shown_go(open_page(), base, "0x887A0005", "it")
    page.locator(".md-header__option .md-select").hover()
    page.locator("a[data-kb-language='en']").click()
    page.wait_for_url(f"{base}/en/go/?code=0x887A0005")
    page.locator("html[data-kb-go=done]").wait_for(state="attached")
    assert page.locator("#kb-go-names").text_content() == "Also known as DXGI_ERROR_DEVICE_REMOVED"


def test_go_explains_malformed_input_in_italian(open_page, base: str) -> None:
    page = open_page()
    page.goto(f"{base}/go/?code=C004F07G")
    page.locator("html[data-kb-go=done]").wait_for(state="attached")
    assert page.locator("h1").text_content() == "Codice non valido"
    message = page.locator("#kb-go-message").text_content() or ""
    assert message == "«C004F07G» non è un codice di errore: «G» non è una cifra esadecimale."
    # What the reader typed is shown as text, never as markup.
    page.goto(f"{base}/go/?code=%3Cimg%20src%3Dx%3E&lang=en")
    page.locator("html[data-kb-go=done]").wait_for(state="attached")
    assert page.locator("#kb-go-message img").count() == 0
    assert "<img src=x>" in (page.locator("#kb-go-message").text_content() or "")


def test_go_works_from_file(open_page, built_site: Path) -> None:
    page = open_page()
    page.goto(f"{(built_site / 'go' / 'index.html').as_uri()}?code=C004F074&lang=en")
    page.wait_for_url(f"{(built_site / 'en' / SLUG / 'index.html').as_uri()}", wait_until="commit")
    # A code it does not document is decoded and named from the files of names too.
    page = open_page()
    page.goto(f"{(built_site / 'go' / 'index.html').as_uri()}?code=0x887A0005&lang=en")
    page.locator("html[data-kb-go=done]").wait_for(state="attached")
    assert page.url == f"{(built_site / 'en' / 'go' / 'index.html').as_uri()}?code=0x887A0005"
    assert decoding_rows(page) == decode(0x887A0005).rows("en")


@pytest.mark.parametrize(
    ("path", "target"),
    [
        ("/0xC004F074", f"/it/{SLUG}/"),
        ("/it/C004F074/", f"/it/{SLUG}/"),
        ("/en/-1073418124", f"/en/{SLUG}/"),
        ("/en/0xC004F074/index.html", f"/en/{SLUG}/"),
        ("/it/0xC004F075", "/it/go/?code=0xC004F075"),
    ],
)
def test_404_sends_a_code_address_to_its_page(open_page, base: str, path: str, target: str) -> None:
    page = open_page()
    page.goto(f"{base}{path}")
    page.wait_for_url(f"{base}{target}", wait_until="commit")


@pytest.mark.parametrize(
    ("path", "locale", "target", "said"),
    [
        ("/it/2024", "en-US", "/it/404/?path=%2Fit%2F2024", "L'indirizzo «/it/2024» non"),
        ("/en/nothing/here?x=1", "it-IT", "/en/404/?path=%2Fen%2Fnothing%2Fhere%3Fx%3D1",
         "There is no page at “/en/nothing/here?x=1” on the site."),
        ("/nothing", "en-US", "/en/404/?path=%2Fnothing", "There is no page at “/nothing”"),
    ],
)
def test_404_hands_any_other_address_to_the_404_page_of_its_language(
    open_page, base: str, path: str, locale: str, target: str, said: str
) -> None:
    page = open_page(locale=locale)
    response = page.goto(f"{base}{path}")
    assert response is not None and response.status == 404
    page.wait_for_url(f"{base}{target}")
    page.locator("html[data-kb-go=done]").wait_for(state="attached")
    assert said in (page.locator("#kb-missing").text_content() or "")
    lang = target[1:3]
    assert page.locator("html").get_attribute("lang") == lang
    assert page.locator("h1").text_content() == ("Pagina non trovata" if lang == "it" else (
        "Page not found"))
    # The code box sends a code to the language's go/ page.
    page.locator("#kb-go-code").fill("0xC004F074")
    page.locator("#kb-go-code").press("Enter")
    page.wait_for_url(f"{base}/{lang}/{SLUG}/")


def test_without_its_404_page_the_site_s_404_page_stays(
    open_page, built_site: Path, serve_site: Callable[..., str], tmp_path: Path
) -> None:
    # A server that answers the language's 404 page with 404.html too (it is missing): the
    # page stays, showing its links, rather than going round.
    site = tmp_path / "site"
    shutil.copytree(built_site, site)
    shutil.rmtree(site / "it" / "404")
    base = serve_site(site, NotFoundHandler)
    page = open_page()
    page.goto(f"{base}/it/nothere/")
    page.wait_for_url(f"{base}/it/404/?path=%2Fit%2Fnothere%2F")
    page.get_by_role("link", name="Riepilogo dei codici di errore").wait_for()
    assert page.url == f"{base}/it/404/?path=%2Fit%2Fnothere%2F"
    assert page.locator("html").get_attribute("class") == ""


@pytest.mark.parametrize("lang", ["it", "en"])
def test_copy_link_buttons_put_the_link_and_the_ticket_line_on_the_clipboard(
    open_page, base: str, site_content: Content, lang: str
) -> None:
    page = open_page(permissions=["clipboard-read", "clipboard-write"])
    page.goto(f"{base}/{lang}/{SLUG}/")
    url = f"{base}/{lang}/{SLUG}/"
    record = next(r for r in site_content.records if r.canonical == CODE)
    page.locator('button[data-kb-copy="url"]').click()
    assert page.evaluate("navigator.clipboard.readText()") == url
    page.locator('button[data-kb-copy="line"]').click()
    title = getattr(record, lang).title
    assert page.evaluate("navigator.clipboard.readText()") == f"{CODE} — {title} — {url}"


@pytest.fixture(scope="module")
def codes_page(browser: Browser) -> Iterator[Page]:
    page = browser.new_page()
    page.add_script_tag(path=str(OVERRIDES / "assets" / "javascripts" / "kb-codes.js"))
    yield page
    page.close()


CODE_TEXT = st.one_of(
    st.text(alphabet="0123456789abcdefABCDEFxXgG+- _\t", max_size=14),
    st.integers(min_value=-(2**33), max_value=2**33).map(str),
    st.integers(min_value=0, max_value=2**36).map(hex),
    st.integers(min_value=0, max_value=2**32 - 1).map(lambda v: f"{v:08X}"),
    st.text(max_size=6),
)


# Inputs go to the page forty at a time: a round trip to the browser costs more than
# reading a code, and a failing list shrinks to the one input that fails.
@settings(max_examples=25, deadline=None)
@given(texts=st.lists(CODE_TEXT, min_size=1, max_size=40))
def test_the_browser_reads_codes_as_python_does(codes_page: Page, texts: list[str]) -> None:
    answers = codes_page.evaluate("ts => ts.map(t => [KbCodes.parse(t), KbCodes.echo(t)])", texts)
    for text, answer in zip(texts, answers, strict=True):
        try:
            expected = {"value": parse_code(text), "reason": None}
        except CodeFormatError as error:
            expected = {"value": None, "reason": error.reason}
        assert {key: answer[0][key] for key in ("value", "reason")} == expected, text
        assert answer[1] == echo(text), text


@pytest.mark.parametrize(
    ("text", "value"),
    [("80070005", 0x80070005), ("080070005", 80070005), ("0x000000000C004F074", 0xC004F074)],
)
def test_the_browser_s_one_rule_for_digits(codes_page: Page, text: str, value: int) -> None:
    assert codes_page.evaluate("t => KbCodes.parse(t).value", text) == value


@pytest.fixture(scope="module")
def decode_page(browser: Browser, base: str) -> Iterator[Page]:
    """A go/ page with its decoding loaded (the theme's kb-decode.js, go/names/decode.js),
    as for a code it does not document."""
    page = browser.new_page()
    page.goto(f"{base}/en/go/")
    page.evaluate(
        "Promise.all([KbGoCodes.load('../assets/javascripts/', 'kb-decode'),"
        " KbGoCodes.load('../../go/names/', 'decode')]).then(() => true)"
    )
    yield page
    page.close()


NAMED = [value for value, _, _ in named_values()]
DECODED = st.one_of(
    st.integers(min_value=0, max_value=0xFFFFFFFF),
    st.sampled_from(NAMED),
    # The Win32 errors, the other severities and the flags of named codes.
    st.tuples(st.sampled_from(NAMED), st.integers(0, 31)).map(
        lambda pair: pair[0] & 0x07FFFFFF | pair[1] << 27
    ),
)


@settings(max_examples=20, deadline=None)
@given(values=st.lists(DECODED, min_size=1, max_size=20), lang=st.sampled_from(LANGUAGES))
def test_the_browser_decodes_and_names_codes_as_python_does(
    decode_page: Page, values: list[int], lang: str
) -> None:
    found = decode_page.evaluate(
        "([values, lang]) => KbGoCodes.load('../../go/names/', 'decode')"
        ".then(words => Promise.all(values.map("
        "v => KbDecode.decode('../../go/names/', v, words[lang].rows))))",
        [values, lang],
    )
    for value, answer in zip(values, found, strict=True):
        decoding = decode(value)
        assert [tuple(row) for row in answer["rows"]] == decoding.rows(lang), hex(value)
        assert answer["names"] == decoding.names, hex(value)
