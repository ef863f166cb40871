"""go/ and the 404 rescue in chromium when the codes span many files: the real site with
go/ rewritten in files of the fewest codes allowed
(:data:`activation_kb.render.go_codes.MIN_CHUNK`),
so that the 30 codes make five files of each order and every code, the first and last
files and the related codes across files' edges are exercised."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from playwright.sync_api import Page

from activation_kb.domain.codes import canonical
from activation_kb.domain.model import Content
from activation_kb.domain.nearest import nearest_codes
from activation_kb.engine.mkdocs import THEME_SCRIPTS
from activation_kb.render.go import go_files
from activation_kb.render.go_codes import CLOSEST, MIN_CHUNK, SHARD_DIR
from tests.site.conftest import NotFoundHandler, OpenPage

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def small_files_site(
    built_site: Path, site_content: Content, tmp_path_factory: pytest.TempPathFactory
) -> Path:
    site = tmp_path_factory.mktemp("small-files") / "site"
    shutil.copytree(built_site, site)
    shutil.rmtree(site / SHARD_DIR)
    scripts = f"../it/{THEME_SCRIPTS}/"
    for name, text in go_files(site_content, scripts, chunk=MIN_CHUNK).items():
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        (site / name).write_text(text, encoding="utf-8")
    return site


@pytest.fixture(scope="module")
def base(small_files_site: Path, serve_site: Callable[..., str]) -> str:
    return serve_site(small_files_site, NotFoundHandler)


@pytest.fixture(scope="module")
def known(site_content: Content) -> list[int]:
    return sorted(int(record.canonical, 16) for record in site_content.records)


def test_the_site_has_many_files_of_codes(small_files_site: Path, known: list[int]) -> None:
    files = sorted(path.name for path in (small_files_site / SHARD_DIR).iterdir())
    count = -(-len(known) // MIN_CHUNK)
    assert count >= 4
    assert len(files) == 2 * count + 1


def _script_requests(page: Page) -> list[str]:
    seen: list[str] = []
    page.on("request", lambda r: seen.append(r.url) if f"/{SHARD_DIR}/" in r.url else None)
    return seen


def test_the_codes_at_every_file_s_edges_reach_their_page_loading_one_file_of_codes(
    open_page: OpenPage, base: str, known: list[int]
) -> None:
    # The first and the last code of each file: where finding the file can be off by one.
    edges = sorted({*known[::MIN_CHUNK], *known[MIN_CHUNK - 1 :: MIN_CHUNK], known[-1]})
    assert len(edges) < len(known)
    for value in edges:
        # A fresh page each time: files already loaded would not be asked for again.
        page = open_page()
        requested = _script_requests(page)
        page.goto(f"{base}/go/?code={value}&lang=en")
        page.wait_for_url(f"{base}/en/{canonical(value).lower()}/", wait_until="commit")
        names = sorted(url.rsplit("/", 1)[1] for url in requested)
        assert len(names) == 2 and names[0] == "index.js" and names[1].startswith("v"), names


def test_eight_bare_digits_are_the_hex_code(open_page: OpenPage, base: str) -> None:
    page = open_page()
    requested = _script_requests(page)
    page.goto(f"{base}/go/?code=80070005&lang=it")
    page.wait_for_url(f"{base}/it/0x80070005/", wait_until="commit")
    assert len(requested) == 2  # the index and the one file that holds 0x80070005


@pytest.mark.parametrize("where", [0, -1])
def test_the_404_page_finds_codes_of_the_first_and_the_last_file(
    open_page: OpenPage, base: str, known: list[int], where: int
) -> None:
    value = known[where]
    page = open_page()
    page.goto(f"{base}/en/{canonical(value)[2:]}")
    page.wait_for_url(f"{base}/en/{canonical(value).lower()}/", wait_until="commit")


@pytest.mark.parametrize(
    ("value", "count"),
    [
        (0xC004F075, CLOSEST),  # among many of its facility, in the last file
        (0x4004F065, CLOSEST),  # another severity of 0xC004F065, first
        (0x80040001, CLOSEST),  # its facility's codes are 0x8004FE21 and, files away, 0xC004…
        (0x80090001, 1),  # one code of its facility: no other facility's
        (0x00000001, 0),  # before every code, no facility of ours
        (0xFFFFFFFF, 0),  # after every code
    ],
)
def test_go_shows_the_related_codes_across_files(
    open_page: OpenPage,
    base: str,
    site_content: Content,
    known: list[int],
    value: int,
    count: int,
) -> None:
    page = open_page()
    page.goto(f"{base}/go/?code={canonical(value)}&lang=en")
    page.locator("html[data-kb-go=done]").wait_for(state="attached")
    listed = page.locator("#kb-go-closest-list a").all_text_contents()
    titles = {int(r.canonical, 16): r.en.title for r in site_content.records}
    expected = [f"{canonical(v)} {titles[v]}" for v in nearest_codes(value, known)]
    assert listed == expected and len(listed) == count


@pytest.fixture(scope="module")
def go_page(browser, base: str) -> Iterator[Page]:
    page = browser.new_page()
    page.goto(f"{base}/en/go/")
    yield page
    page.close()


NEAR_CODES = st.one_of(
    st.integers(min_value=0, max_value=2**32 - 1),
    st.tuples(st.sampled_from(range(30)), st.integers(-300, 300)),
    # Another severity or S/R/C/N/X bits: the same facility or not, far away in value.
    st.tuples(st.sampled_from(range(30)), st.integers(0, 31).map(lambda top: top << 27)),
)


def _near(known: list[int], choice: int | tuple[int, int]) -> int:
    if isinstance(choice, int):
        return choice
    if choice[1] >= 1 << 27 or choice[1] == 0:
        return known[choice[0]] & 0x07FFFFFF | choice[1]
    return (known[choice[0]] + choice[1]) % 2**32


# Codes go to the page twenty at a time: a round trip to the browser costs more than
# finding the related codes, and a failing list shrinks to the code that fails.
@settings(max_examples=15, deadline=None)
@given(choices=st.lists(NEAR_CODES, min_size=1, max_size=20))
def test_the_related_codes_are_those_of_the_domain(
    go_page: Page, known: list[int], choices: list[int | tuple[int, int]]
) -> None:
    values = [value for value in (_near(known, c) for c in choices) if value not in known]
    found = go_page.evaluate(
        "([values, n]) => Promise.all(values.map(v =>"
        " KbGoCodes.closest(KbGoCodes.catalogue('../../go/codes/'), v, n)"
        ".then(codes => codes.map(c => c.value))))",
        [values, CLOSEST],
    )
    for value, codes in zip(values, found, strict=True):
        assert codes == nearest_codes(value, known), hex(value)


def test_go_says_so_when_the_codes_do_not_load(
    open_page: OpenPage, built_site: Path, serve_site, tmp_path: Path
) -> None:
    # A site copied in part: the index is there, the codes are not.
    site = tmp_path / "site"
    shutil.copytree(built_site, site)
    for file in (site / SHARD_DIR).glob("v*.js"):
        file.unlink()
    page = open_page()
    base = serve_site(site)
    page.goto(f"{base}/go/?code=C004F074&lang=en")
    # The root's go/ cannot tell: the language's go/ page says so.
    page.wait_for_url(f"{base}/en/go/?code=C004F074")
    message = page.locator("#kb-go-message")
    message.wait_for()
    assert message.text_content() == (
        "The list of codes did not load: the summary table, linked below, lists every code."
    )
    summary = page.get_by_role("link", name="Summary of error codes")
    assert summary.get_attribute("href") == "../#summary-of-error-codes"
