"""Deep links in chromium: go/?code=…, the 404 rescue of code addresses, copy-link buttons,
and the browser's code forms and decoding against activation_kb.domain.codes and
activation_kb.domain.hresult."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path

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
from tests.site.browser import chromium
from tests.site.conftest import NotFoundHandler

pytestmark = pytest.mark.browser

CODE = "0xC004F074"
SLUG = "0xc004f074"


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with chromium() as browser:
        yield browser


@pytest.fixture(scope="module")
def base(built_site: Path, serve_site: Callable[..., str]) -> str:
    return serve_site(built_site, NotFoundHandler)


@pytest.fixture
def open_page(browser: Browser) -> Iterator:
    contexts = []

    def open_page(locale: str = "it-IT", **options: object) -> Page:
        context = browser.new_context(locale=locale, **options)
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


def every_form(code: str) -> list[str]:
    found = forms(parse_code(code))
    spellings = [found.canonical, found.slug, found.bare_upper, found.bare_lower]
    return [*spellings, found.unsigned_decimal, found.signed_decimal]


@pytest.mark.parametrize("form", every_form(CODE))
@pytest.mark.parametrize("lang", ["it", "en"])
def test_go_sends_every_form_to_the_page_in_the_language_asked(
    open_page, base: str, form: str, lang: str
) -> None:
    page = open_page(locale="de-DE")
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
    page.goto(f"{base}/go/?code={code}&lang={lang}")
    page.locator("html[data-kb-go=done]").wait_for(state="attached")
    return page


def decoding_rows(page: Page) -> list[tuple[str, str]]:
    return [
        (row.locator("th").text_content() or "", row.locator("td").text_content() or "")
        for row in page.locator("#kb-go-decoding tr").all()
    ]


def test_go_explains_an_unknown_code_with_the_related_ones(
    open_page, base: str, site_content: Content
) -> None:
    page = shown_go(open_page(), base, "-1073418123")
    message = page.locator("#kb-go-message").text_content() or ""
    assert "0xC004F075" in message and "3221549173" in message
    # FACILITY_ITF, code 0xF075: 0xC004F074 (1), 0xC004F06C (9), 0xC004F065 (16).
    listed = page.locator("#kb-go-closest-list a").all_text_contents()
    assert [text.split(" ")[0] for text in listed] == ["0xC004F074", "0xC004F06C", "0xC004F065"]
    assert page.locator("#kb-go-closest-title").text_content() == (
        "Documented codes of the same facility"
    )
    assert decoding_rows(page) == decode(0xC004F075).rows("en")
    assert page.locator("table a").count() == 2 * len(site_content.records)
    assert page.locator("html").get_attribute("lang") == "en"


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
    files = sorted(url for url in loaded if url.startswith("/go/") and url.endswith(".js"))
    # The codes' index and files, the decoding, the facilities, the names' index and the
    # one file of names that holds 0x887A0005.
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
    total = sum(len((built_site / url[1:]).read_bytes()) for url in files)
    assert total < 40_000


def test_go_explains_malformed_input_in_italian(open_page, base: str) -> None:
    page = open_page()
    page.goto(f"{base}/go/?code=C004F07G")
    message = page.locator("#kb-go-message").text_content() or ""
    assert message == "«C004F07G» non è un codice di errore: «G» non è una cifra esadecimale."
    # What the reader typed is shown as text, never as markup.
    page.goto(f"{base}/go/?code=%3Cimg%20src%3Dx%3E&lang=en")
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
    assert decoding_rows(page) == decode(0x887A0005).rows("en")


@pytest.mark.parametrize(
    ("path", "target"),
    [
        ("/0xC004F074", f"/it/{SLUG}/"),
        ("/it/C004F074/", f"/it/{SLUG}/"),
        ("/en/-1073418124", f"/en/{SLUG}/"),
        ("/en/0xC004F074/index.html", f"/en/{SLUG}/"),
        ("/it/0xC004F075", "/go/?code=0xC004F075&lang=it"),
    ],
)
def test_404_sends_a_code_address_to_its_page(open_page, base: str, path: str, target: str) -> None:
    page = open_page()
    page.goto(f"{base}{path}")
    page.wait_for_url(f"{base}{target}", wait_until="commit")


def test_404_leaves_other_addresses_alone(open_page, base: str) -> None:
    page = open_page()
    response = page.goto(f"{base}/it/2024")
    assert response is not None and response.status == 404
    page.wait_for_timeout(300)
    assert page.url == f"{base}/it/2024"


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


@settings(max_examples=300, deadline=None)
@given(text=CODE_TEXT)
def test_the_browser_reads_codes_as_python_does(codes_page: Page, text: str) -> None:
    answer = codes_page.evaluate("t => [KbCodes.parse(t), KbCodes.echo(t)]", text)
    try:
        expected = {"value": parse_code(text), "reason": None}
    except CodeFormatError as error:
        expected = {"value": None, "reason": error.reason}
    assert {key: answer[0][key] for key in ("value", "reason")} == expected
    assert answer[1] == echo(text)


@pytest.mark.parametrize(
    ("text", "value"),
    [("80070005", 0x80070005), ("080070005", 80070005), ("0x000000000C004F074", 0xC004F074)],
)
def test_the_browser_s_one_rule_for_digits(codes_page: Page, text: str, value: int) -> None:
    assert codes_page.evaluate("t => KbCodes.parse(t).value", text) == value


@pytest.fixture(scope="module")
def decode_page(browser: Browser, base: str) -> Iterator[Page]:
    """go/ with its decoding loaded (go/names/decode.js), as for a code it does not document."""
    page = browser.new_page()
    page.goto(f"{base}/go/")
    page.evaluate("KbGoCodes.load('names/', 'decode').then(() => true)")
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


@settings(max_examples=200, deadline=None)
@given(value=DECODED, lang=st.sampled_from(LANGUAGES))
def test_the_browser_decodes_and_names_codes_as_python_does(
    decode_page: Page, value: int, lang: str
) -> None:
    found = decode_page.evaluate(
        "([v, lang]) => KbGoCodes.load('names/', 'decode')"
        ".then(words => KbDecode.decode('names/', v, words[lang].rows))",
        [value, lang],
    )
    decoding = decode(value)
    assert [tuple(row) for row in found["rows"]] == decoding.rows(lang)
    assert found["names"] == decoding.names
