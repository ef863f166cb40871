"""The offline pages derived from the web build (activation_kb.engine.offline) against what
Material's offline plugin builds from the same pages, for real."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from activation_kb.domain.model import LANGUAGES
from activation_kb.domain.urls import NOT_FOUND_DIR
from activation_kb.engine import mkdocs as engine
from activation_kb.engine.offline import copy_files, file_page, file_url
from activation_kb.pipeline.generate import generate
from activation_kb.site.offline import trim_html
from tests.site.conftest import CONTENT

pytestmark = pytest.mark.slow  # runs the engine and its offline plugin

SHIM_TAG = re.compile(
    r'<script src="(?:\.\./)*assets/javascripts/iframe-worker/shim\.js"></script>'
)


@pytest.fixture(scope="module")
def both_builds(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, Path]]:
    """Each language of ``content/`` built by the engine for the web and for ``file://``."""
    base = tmp_path_factory.mktemp("engine-offline")
    generate(CONTENT, base / "docs", LANGUAGES)
    tasks = [
        engine.EngineTask(lang, base / "docs" / lang, base / kind / lang, offline=kind == "file")
        for lang in LANGUAGES
        for kind in ("web", "file")
    ]
    engine.build(tasks, base / "work")
    return {lang: (base / "web" / lang, base / "file" / lang) for lang in LANGUAGES}


def _derive(web: Path, target: Path) -> list[Path]:
    pages = copy_files(web, target)
    for page in pages:
        folder = page.parent.as_posix()
        text = file_page((web / page).read_text("utf-8"), "" if folder == "." else folder)
        (target / page).parent.mkdir(parents=True, exist_ok=True)
        (target / page).write_text(text, encoding="utf-8")
    return pages


def _files(root: Path) -> set[str]:
    return {path.relative_to(root).as_posix() for path in root.rglob("*") if path.is_file()}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_derived_pages_are_the_offline_plugin_s_pages(
    both_builds: dict[str, tuple[Path, Path]], lang: str, tmp_path: Path
) -> None:
    web, plugin = both_builds[lang]
    pages = _derive(web, tmp_path)
    assert len(pages) > 30
    # The bundle leaves out the 404 page (from disk no server shows one: site.offline).
    for page in (page for page in pages if page.parts[0] != NOT_FOUND_DIR):
        derived, built = (root.joinpath(page).read_text("utf-8") for root in (tmp_path, plugin))
        # The shim comes before any other script in both: it must replace Worker before
        # the theme's bundle starts the search worker.
        for text in (derived, built):
            first_script = text.index("<script")
            assert SHIM_TAG.match(text, first_script), page
        # Where exactly it sits among the head's links does not matter; the rest must
        # be the same, white space aside (the bundle trims it anyway), but for the links
        # the plugin leaves to folders (those of HTML written into the Markdown, as go/'s),
        # which from file:// open no page: the derived page names their index.html.
        folder = page.parent.as_posix()
        built = file_page(built, "" if folder == "." else folder)  # its shim goes below
        assert trim_html(SHIM_TAG.sub("", derived)) == trim_html(SHIM_TAG.sub("", built)), page


@pytest.mark.parametrize("lang", LANGUAGES)
def test_derived_files_are_the_plugin_s_less_what_a_reader_on_disk_cannot_use(
    both_builds: dict[str, tuple[Path, Path]], lang: str, tmp_path: Path
) -> None:
    web, plugin = both_builds[lang]
    _derive(web, tmp_path)
    derived, built = _files(tmp_path), _files(plugin)
    assert derived - built == {
        "assets/javascripts/iframe-worker/shim.js",
        "assets/javascripts/iframe-worker/LICENSE",
    }
    left_out = built - derived
    assert {"sitemap.xml", "sitemap.xml.gz", "search/search_index.json"} <= left_out
    material_search = re.compile(r"assets/javascripts/(lunr/|workers/search\.[0-9a-f]+\.min\.js)")
    assert all(
        name.endswith(".map")
        or material_search.match(name)
        or name in {"sitemap.xml", "sitemap.xml.gz", "search/search_index.json", "404.html"}
        for name in left_out
    ), left_out
    # Our search worker replaces Material's: neither it nor lunr is in the bundle.
    assert not [name for name in derived if material_search.match(name)]
    assert "search/kb/index.js" in derived
    # Material's search index script is the plugin's but for its documents, which the web
    # build leaves out (our worker reads its own index): the bundle reads it as is.
    index = "search/search_index.js"
    ours, theirs = ((root / index).read_text("utf-8") for root in (tmp_path, plugin))
    assert ours.startswith("var __index = ") and theirs.startswith("var __index = ")
    ours_data, theirs_data = (json.loads(t.removeprefix("var __index = ")) for t in (ours, theirs))
    assert ours_data == {"config": theirs_data["config"], "docs": []}
    for name in derived & built - {index} - {name for name in derived if name.endswith(".html")}:
        source_map = name + ".map"
        built_text = (plugin / name).read_bytes()
        if source_map in built and b"sourceMappingURL" in built_text:
            assert b"sourceMappingURL" not in (tmp_path / name).read_bytes(), name
        else:
            assert (tmp_path / name).read_bytes() == built_text, name


@pytest.mark.parametrize(
    ("web", "on_disk"),
    [
        ("../0xc004f064/", "../0xc004f064/index.html"),
        ("../?type=mak#summary-of-error-codes", "../index.html?type=mak#summary-of-error-codes"),
        ("0xc004f064/#resolution", "0xc004f064/index.html#resolution"),
        ("..", "../index.html"),
        ("../..", "../../index.html"),
        (".", "index.html"),
        ("./../en/", "./../en/index.html"),
        ("../assets/stylesheets/kb.css", "../assets/stylesheets/kb.css"),
        ("#resolution", "#resolution"),
        ("?type=mak", "?type=mak"),
        ("https://aka.ms/SaRA-WindowsActivation", "https://aka.ms/SaRA-WindowsActivation"),
        ("mailto:help@example.com", "mailto:help@example.com"),
        ("/", "/"),
        ("", ""),
    ],
)
def test_file_urls_name_the_index_of_a_folder(web: str, on_disk: str) -> None:
    assert file_url(web) == on_disk


def test_the_shim_is_reached_from_a_page_s_folder() -> None:
    page = "<html><head><link href='x'><script>var a</script></head></html>"
    assert '<script src="../../assets/javascripts/iframe-worker/shim.js"></script>\n<script>' in (
        file_page(page, "0xc004f074/sub")
    )
    assert '<script src="assets/javascripts/iframe-worker/shim.js">' in file_page(page, "")


def test_only_an_element_s_own_href_is_rewritten() -> None:
    page = '<head></head><a href="x/" data-href="y/"><use xlink:href="z/"></a>'
    assert '<a href="x/index.html" data-href="y/"><use xlink:href="z/"></a>' in file_page(page, "")
