"""The build scales with the catalogue: no-change reruns write nothing, and no page but the
summary grows with the number of codes. Real builds of synthetic content (``bench``),
Italian only to stay quick; nothing here is timed (timings are the benchmark's job)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner
from playwright.sync_api import Browser

from activation_kb.check.rules import checked_content
from activation_kb.cli.main import main
from activation_kb.domain.codes import forms
from activation_kb.domain.urls import SUMMARY_DIR
from activation_kb.engine.mkdocs import THEME_SCRIPTS
from activation_kb.pipeline.build import build_site, generate
from activation_kb.render.go import GO_PAGE, go_files
from activation_kb.render.go_codes import CHUNK, SHARD_DIR
from activation_kb.render.summary import PAGE_SIZE
from activation_kb.site.search import SiteSearch, index_path
from bench.browser import code_query, served
from bench.synthetic import synthetic_codes, write_content
from tests.site.browser import chromium

pytestmark = pytest.mark.slow  # builds synthetic catalogues for real

SMALL, LARGE = 30, 300


@dataclass(frozen=True)
class Built:
    content: Path
    site: Path
    work: Path
    codes: list[str]


def _build(base: Path, count: int) -> Built:
    content, site, work = base / "content", base / "site", base / "work"
    codes = write_content(count, content)
    build_site(content, site, work, languages=("it",))
    return Built(content, site, work, codes)


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> Built:
    return _build(tmp_path_factory.mktemp(f"n{SMALL}"), SMALL)


@pytest.fixture(scope="module")
def large(tmp_path_factory: pytest.TempPathFactory) -> Built:
    return _build(tmp_path_factory.mktemp(f"n{LARGE}"), LARGE)


def _files(root: Path) -> dict[Path, tuple[int, int]]:
    return {
        path: (path.stat().st_mtime_ns, path.stat().st_ino)
        for path in root.rglob("*")
        if path.is_file()
    }


def test_a_no_change_rerun_of_the_generator_writes_nothing(large: Built) -> None:
    docs = large.work / "docs"
    before = _files(docs)
    assert len(before) > LARGE
    # As kb build runs it: the search index goes into the built site, not among the pages.
    _, reports = generate(large.content, docs, ("it",), search=False)
    assert reports["it"].written == [] and reports["it"].deleted == []
    assert reports["it"].unchanged == len(before)
    assert _files(docs) == before
    # As kb serve runs it: the index joins the pages once, then a rerun writes nothing.
    _, reports = generate(large.content, docs, ("it",))
    assert reports["it"].written and all(p.startswith("search/kb/") for p in reports["it"].written)
    _, reports = generate(large.content, docs, ("it",))
    assert reports["it"].written == [] and reports["it"].deleted == []


def test_a_code_page_does_not_grow_with_the_catalogue(small: Built, large: Built) -> None:
    # The first codes made are the same records whatever the size of the catalogue.
    shared = [forms(value).slug for value in synthetic_codes(SMALL)]
    for slug in shared:
        size_small = (small.site / "it" / slug / "index.html").stat().st_size
        size_large = (large.site / "it" / slug / "index.html").stat().st_size
        # Only the way back differs: the summary page's folder instead of the landing page.
        assert abs(size_large - size_small) <= 64, slug


def test_no_page_lists_more_codes_than_a_summary_page_holds(large: Built) -> None:
    # Links to code pages are hrefs ending in a code's folder.
    code_link = re.compile(r'href="(?:\.\./)*(?:\./)?0x[0-9a-f]{8}/"')
    counts = {
        path.relative_to(large.site).as_posix(): len(code_link.findall(path.read_text("utf-8")))
        for path in (large.site / "it").rglob("*.html")
    }
    assert len(counts) > LARGE
    assert max(counts.values()) <= PAGE_SIZE
    assert counts["it/index.html"] == 0  # the landing page links to summary pages only
    listed = sum(n for page, n in counts.items() if page.startswith(f"it/{SUMMARY_DIR}/"))
    assert listed == LARGE


def test_summary_tables_stay_out_of_the_search_index(large: Built) -> None:
    # Their rows repeat the code pages' titles: indexed, a code prefix such as "0x8007"
    # would list the summary pages first, each with its whole table as teaser.
    rows = SiteSearch(index_path(large.site, "it")).rows
    summaries = [row for row in rows if row[0].startswith(f"{SUMMARY_DIR}/")]
    parts = {path.parent.name for path in (large.site / "it" / SUMMARY_DIR).glob("*/index.html")}
    assert {location.split("/")[1] for location, _, _ in summaries} == parts
    for location, title, teaser in summaries:
        assert re.search(r"0x[0-9A-F]{8} – 0x[0-9A-F]{8}", title), title
        assert len(teaser) < 100, location
    # The tables themselves are still on the pages: a header row and a row per code.
    pages = [p.read_text("utf-8") for p in (large.site / "it" / SUMMARY_DIR).glob("*/index.html")]
    assert sum(page.count("<tr>") for page in pages) == LARGE + len(pages)


def test_go_and_the_404_page_do_not_grow_with_the_catalogue(
    small: Built, large: Built, tmp_path: Path
) -> None:
    # The root's go/ and 404 page and the languages' go/ and 404/ pages hold no code (they
    # link the summary table, and load the codes they need): the same bytes whatever the
    # catalogue.
    for page in ("404.html", GO_PAGE, "it/go/index.html", "it/404/index.html"):
        assert (small.site / page).read_bytes() == (large.site / page).read_bytes(), page
    large_go = (large.site / GO_PAGE).read_text("utf-8")
    assert 'href="../it/#summary-of-error-codes"' in large_go
    assert not re.search(r"0x[0-9a-fA-F]{8}/", large_go)
    bigger = tmp_path / "content"
    write_content(4 * LARGE, bigger)
    go = go_files(checked_content(bigger), f"../it/{THEME_SCRIPTS}/")
    assert go[GO_PAGE] == large_go
    # The codes are in files of at most CHUNK codes: one per order while they fit.
    names = sorted(path.name for path in (small.site / SHARD_DIR).iterdir())
    assert names == ["f0.js", "index.js", "v0.js"]
    expected = 2 * -(-LARGE // CHUNK) + 1
    assert len(list((large.site / SHARD_DIR).iterdir())) == expected


def test_the_small_catalogue_keeps_its_single_table(small: Built) -> None:
    landing = (small.site / "it" / "index.html").read_text("utf-8")
    assert not (small.site / "it" / SUMMARY_DIR).exists()
    for code in small.codes:
        assert f'href="{code.lower()}/"' in landing


def test_kb_build_report_times_every_stage(tmp_path: Path, small: Built) -> None:
    report = tmp_path / "report.json"
    args = ["build", "--content", str(small.content), "--out", str(tmp_path / "site")]
    args += ["--work", str(tmp_path / "work"), "--lang", "it", "--jobs", "1"]
    result = CliRunner().invoke(main, [*args, "--report", str(report)])
    assert result.exit_code == 0, result.output
    data = json.loads(report.read_text("utf-8"))
    names = [stage["name"] for stage in data["stages"]]
    assert names[0] == "generate" and "engine:it" in names and "check" in names
    # The landing page, a page per code, go/ and 404/.
    assert data["pages"] == {"it": SMALL + 3} and data["jobs"] == 1
    assert all(stage["seconds"] >= 0 for stage in data["stages"])
    ends = [stage["started"] + stage["seconds"] for stage in data["stages"]]
    assert max(ends) <= data["seconds"]


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with chromium() as browser:
        yield browser


@pytest.mark.browser
def test_an_old_anchor_reaches_its_code_when_the_table_is_split(
    large: Built, browser: Browser
) -> None:
    record = checked_content(large.content).records[-1]
    folder = record.code.lower()
    with served(large.site) as base:
        page = browser.new_page()
        try:
            page.goto(f"{base}/it/#{record.anchor}")
            page.wait_for_url(f"{base}/it/{folder}/")
            assert page.locator("h1").get_attribute("id") == record.anchor
        finally:
            page.close()


@pytest.mark.browser
def test_a_pasted_code_is_answered_from_a_few_small_files(large: Built, browser: Browser) -> None:
    # The files a pasted code needs do not grow with the catalogue: go/'s files of codes
    # hold at most 256 codes (full here, as at 10,000 codes), the index's files of pages 32.
    # make bench measures the same at 10,000 codes, and the time.
    with served(large.site) as base:
        context = browser.new_context()
        try:
            asked = code_query(context.new_page(), f"{base}/it/", large.codes[-1])
        finally:
            context.close()
    assert asked.bytes_before_answer <= 100 * 1024, asked
    assert "codes/index.js" in asked.files
    assert not [name for name in asked.files if name.startswith("kb/t")], asked.files
