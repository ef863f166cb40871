"""The built site (activation_kb.pipeline.build): URL scheme, anchors, ids, links, attribution."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from activation_kb.cli.main import main
from activation_kb.domain.model import LANGUAGES, Content
from activation_kb.domain.urls import GO_DIR, NOT_FOUND_DIR
from activation_kb.pipeline.build import build_site
from activation_kb.pipeline.paths import SITE_MARKER, SITE_MARKER_TEXT
from activation_kb.site.linkcheck import check_site
from activation_kb.site.search import SiteSearch, index_path
from tests.site.conftest import CONTENT
from tests.site.html import attribute, element, ids, read

SECTION_ANCHORS = (
    "resolve-windows-activation-error-codes",
    "diagnostic-tool",
    "summary-of-error-codes",
    "causes-and-resolutions",
)


def code_dir(code: str) -> str:
    return code.lower()


def test_url_scheme(built_site: Path, site_content: Content) -> None:
    assert (built_site / "index.html").is_file()
    assert (built_site / "404.html").is_file()
    for lang in LANGUAGES:
        assert (built_site / lang / "index.html").is_file()
        for record in site_content.records:
            assert (built_site / lang / code_dir(record.code) / "index.html").is_file()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_code_page_h1_id_is_the_source_anchor(
    built_site: Path, site_content: Content, lang: str
) -> None:
    for record in site_content.records:
        html = read(built_site, f"{lang}/{code_dir(record.code)}/index.html")
        h1 = re.findall(r"<h1\b[^>]*>", html)
        assert len(h1) == 1 and attribute(h1[0], "id") == record.anchor
        assert {"possible-cause", "resolution"} <= set(ids(html))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_landing_page_has_every_source_anchor(
    built_site: Path, site_content: Content, lang: str
) -> None:
    html = read(built_site, f"{lang}/index.html")
    assert set(SECTION_ANCHORS) <= set(ids(html))
    for record in site_content.records:
        # Without JavaScript an old link lands on a link to the code's page.
        tag = element(html, record.anchor)
        assert tag.startswith("<a ")
        assert attribute(tag, "href") == f"{code_dir(record.code)}/"


def test_no_page_has_duplicate_ids(built_site: Path) -> None:
    pages = sorted(built_site.rglob("*.html"))
    assert len(pages) >= 9
    for path in pages:
        found = ids(path.read_text("utf-8"))
        repeated = sorted({i for i in found if found.count(i) > 1})
        assert not repeated, f"{path.relative_to(built_site)}: {repeated}"


def test_every_internal_link_and_anchor_resolves(built_site: Path) -> None:
    assert check_site(built_site) == []


def test_source_text_renders_right(built_site: Path) -> None:
    for path in built_site.rglob("*.html"):
        assert "[!NOTE]" not in path.read_text("utf-8")
    placeholder = read(built_site, "it/0x80070490/index.html")
    assert "<code>slmgr -ipk &lt;chiave 5x5&gt;</code>" in placeholder
    steps = read(built_site, "en/0xc004f035/index.html")
    (ordered,) = re.findall(r"<ol>(.*?)</ol>", steps, re.S)
    assert ordered.count("<li>") == 3
    note = read(built_site, "it/0x8004fe21/index.html")
    assert '<p class="admonition-title">Nota</p>' in note


def content_pages(built_site: Path, lang: str) -> list[Path]:
    """The pages of the content in ``lang``: not go/ nor 404/, whose words are ours."""
    return [
        path
        for path in (built_site / lang).rglob("index.html")
        if path.relative_to(built_site / lang).parts[0] not in (GO_DIR, NOT_FOUND_DIR)
    ]


def test_pages_are_in_their_language(built_site: Path) -> None:
    for lang in LANGUAGES:
        for path in (built_site / lang).rglob("index.html"):
            assert f'<html lang="{lang}"' in path.read_text("utf-8")
        for path in content_pages(built_site, lang):
            html = path.read_text("utf-8")
            assert ("Permanent link" in html) == (lang == "en")


def test_go_and_404_are_pages_of_each_language_kept_out_of_search(built_site: Path) -> None:
    for lang in LANGUAGES:
        index = (built_site / lang / "search" / "search_index.json").read_text("utf-8")
        for folder in (GO_DIR, NOT_FOUND_DIR):
            html = read(built_site, f"{lang}/{folder}/index.html")
            assert '<meta name="robots" content="noindex">' in html
            assert 'class="md-header' in html and 'id="__search"' in html
            assert f'"location":"{folder}/' not in index


def test_language_switch_links_to_the_same_page(built_site: Path) -> None:
    html = read(built_site, "it/0xc004f035/index.html")
    (link,) = re.findall(r'<a [^>]*data-kb-language="en"[^>]*>', html)
    assert attribute(link, "href") == "../../en/0xc004f035/"
    html = read(built_site, "en/index.html")
    (link,) = re.findall(r'<a [^>]*data-kb-language="it"[^>]*>', html)
    assert attribute(link, "href") == "./../it/"


def test_every_page_credits_the_source(built_site: Path) -> None:
    for lang in LANGUAGES:
        for path in (built_site / lang).rglob("index.html"):
            html = path.read_text("utf-8")
            assert 'href="https://creativecommons.org/licenses/by/4.0/"' in html
            locale = "it-it" if lang == "it" else "en-us"
            assert f"https://learn.microsoft.com/{locale}/windows-server/" in html
        for path in content_pages(built_site, lang):
            html = path.read_text("utf-8")
            # What the text is: Microsoft's translation, or ours checked against the original.
            notice = (
                "Testo italiano: traduzione di Microsoft"
                if lang == "it"
                else (
                    "English text: this project&#39;s translation, checked against Microsoft&#39;s"
                )
            )
            assert notice in html


def test_nav_lists_the_landing_page_not_the_codes(built_site: Path) -> None:
    html = read(built_site, "it/index.html")
    nav = html.split('class="md-nav md-nav--primary"', 1)[1].split("</nav>", 1)[0]
    assert "0x" not in nav.lower()


def test_each_language_has_its_own_search_index(built_site: Path) -> None:
    for lang in LANGUAGES:
        site = SiteSearch(index_path(built_site, lang))
        assert site.lang == lang
        title = "Accesso negato" if lang == "it" else "Access denied"
        assert site.search(title)[0].title == f"0x80070005 {title}"
        # Material's own index is left without documents: no page fetches it whole.
        material = json.loads(read(built_site, f"{lang}/search/search_index.json"))
        assert material["config"]["lang"] == [lang]
        assert material["docs"] == []


def test_nothing_is_loaded_from_outside_the_site(built_site: Path) -> None:
    for path in built_site.rglob("*.html"):
        html = path.read_text("utf-8")
        assert "fonts.googleapis.com" not in html and "fonts.gstatic.com" not in html
        assert not re.search(r"""<(script|img|iframe)\b[^>]*\ssrc="(https?:)?//""", html)
        assert not re.search(r"""<link\b[^>]*\shref="(https?:)?//""", html)


def test_root_index_redirects_by_browser_language_and_keeps_the_fragment(
    built_site: Path,
) -> None:
    html = read(built_site, "index.html")
    assert "navigator.languages" in html and "location.hash" in html
    assert '<meta http-equiv="refresh" content="0; url=it/">' in html


def _broken_copy(tmp_path: Path, edit: str) -> Path:
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    record = content / "codes" / "0x80070490.yaml"
    text = record.read_text("utf-8")
    assert "  - mak\n" in text
    record.write_text(text.replace("  - mak\n", edit), "utf-8")
    return content


def _old_site(tmp_path: Path) -> Path:
    """A site an earlier build published (its marker says so)."""
    site = tmp_path / "site"
    (site / SITE_MARKER).parent.mkdir(parents=True)
    (site / SITE_MARKER).write_text(SITE_MARKER_TEXT, "utf-8")
    (site / "marker.txt").write_text("previous build", "utf-8")
    return site


def test_invalid_content_exits_1_and_leaves_the_site_untouched(tmp_path: Path) -> None:
    content = _broken_copy(tmp_path, "  - nonsense\n")
    site = _old_site(tmp_path)
    args = ["build", "--content", str(content), "--out", str(site), "--work", str(tmp_path / "w")]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 1, result.output
    assert (
        "codes/0x80070490.yaml:5: activation_types" in result.output
        and "activation_types" in result.output
    )
    # The work folder the build locked and marked before it read the content, empty.
    assert sorted(p.name for p in tmp_path.iterdir()) == ["content", "site", "w"]
    assert [p.name for p in (tmp_path / "w").iterdir()] == [".kb-work"]
    assert sorted(p.name for p in site.iterdir()) == [".kb", "marker.txt"]


def test_a_failing_engine_leaves_the_site_untouched(tmp_path: Path) -> None:
    # A relative link to a page that does not exist: a warning, so --strict fails.
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    record = content / "codes" / "0x80070490.yaml"
    text = record.read_text("utf-8")
    assert "in un prompt" in text
    text = text.replace("in un prompt", "in un [prompt](missing.md)")
    record.write_text(text, "utf-8")
    site = _old_site(tmp_path)
    args = ["build", "--content", str(content), "--out", str(site), "--work", str(tmp_path / "w")]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 1
    assert "missing.md" in result.output
    assert sorted(p.name for p in site.iterdir()) == [".kb", "marker.txt"]
    assert not list(tmp_path.glob("site.*"))


def test_a_rebuild_replaces_the_site_and_rewrites_no_unchanged_page(
    tmp_path: Path, site_content: Content
) -> None:
    site = _old_site(tmp_path)
    first = build_site(CONTENT, site, tmp_path / "work")
    # The landing page, go/, 404/ and a page per code.
    assert first.written == len(LANGUAGES) * (3 + len(site_content.records))
    assert not (site / "marker.txt").exists() and (site / "it" / "index.html").is_file()
    second = build_site(CONTENT, site, tmp_path / "work")
    assert second.written == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site", "work"]


def test_codes_are_written_one_way_in_every_page_s_text(built_site: Path) -> None:
    # 0x and eight upper-case hex digits wherever a reader sees a code (titles, tables,
    # related codes, messages); addresses and anchors keep their lower case.
    for path in built_site.rglob("*.html"):
        html = path.read_text("utf-8")
        text = re.sub(r"<(script|style)\b.*?</\1>|<[^>]*>", " ", html, flags=re.S | re.I)
        written = set(re.findall(r"(?<![\w-])0[xX][0-9A-Fa-f]{8}(?![\w-])", text))
        assert {code for code in written if code != "0x" + code[2:].upper()} == set(), path


def test_the_site_has_an_icon_at_its_root(built_site: Path) -> None:
    # Browsers ask for /favicon.ico for a page that names no icon; the root's pages name it.
    icon = (built_site / "favicon.ico").read_bytes()
    theme = (built_site / "it" / "assets" / "images" / "favicon.png").read_bytes()
    assert icon[:4] == b"\x00\x00\x01\x00" and icon[22:] == theme
    assert '<link rel="icon" href="favicon.ico">' in read(built_site, "index.html")
    assert '<link rel="icon" href="../favicon.ico">' in read(built_site, "go/index.html")
    assert '<link rel="icon" href="/favicon.ico">' in read(built_site, "404.html")
