"""The offline bundle's folder (activation_kb.site.offline): shared assets, on hand-made trees."""

from __future__ import annotations

from pathlib import Path, PurePosixPath

from activation_kb.site.linkcheck import check_site
from activation_kb.site.offline import share_assets, trim_html
from tests.files import write_files


def page(head: str, body: str = "") -> str:
    return f"<!doctype html><html><head>{head}</head><body>{body}</body></html>"


def language(lang: str, words: str) -> dict[str, str]:
    """A language as the engine writes it: pages at two depths, common and own assets."""
    landing = (
        '<link rel="stylesheet" href="assets/main.css"><script src="./assets/app.js"></script>'
        '<script id="__config" type="application/json">{"search": "assets/w/search.js"}</script>'
        '<link rel="stylesheet" href="assets/words.css">'
    )
    code = landing.replace('"assets/', '"../assets/').replace('"./assets/', '"../assets/')
    return {
        f"{lang}/index.html": page(landing, '<a href="0x1/index.html">0x1</a>'),
        f"{lang}/0x1/index.html": page(code, '<p>"assets/main.css" is only text here</p>'),
        f"{lang}/assets/main.css": "body{}",
        f"{lang}/assets/app.js": "app()",
        f"{lang}/assets/w/search.js": "search()",
        f"{lang}/assets/words.css": words,
    }


def test_common_assets_move_to_the_root_and_pages_follow(tmp_path: Path) -> None:
    write_files(tmp_path, language("it", "/* it */") | language("en", "/* en */"))
    moved = share_assets(tmp_path, ("it", "en"))
    assert moved == {PurePosixPath(p) for p in ("main.css", "app.js", "w/search.js")}
    assert sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*.*")) == [
        "assets/app.js",
        "assets/main.css",
        "assets/w/search.js",
        "en/0x1/index.html",
        "en/assets/words.css",
        "en/index.html",
        "it/0x1/index.html",
        "it/assets/words.css",
        "it/index.html",
    ]
    landing = (tmp_path / "it" / "index.html").read_text("utf-8")
    assert 'href="../assets/main.css"' in landing and 'src="../assets/app.js"' in landing
    assert '"search": "../assets/w/search.js"' in landing
    assert 'href="assets/words.css"' in landing
    code = (tmp_path / "en" / "0x1" / "index.html").read_text("utf-8")
    assert 'href="../../assets/main.css"' in code and 'href="../assets/words.css"' in code
    # Text that happens to look like a URL, but leads nowhere from this page, stays.
    assert '<p>"assets/main.css" is only text here</p>' in code
    assert check_site(tmp_path, on_disk=True) == []


def test_assets_missing_from_a_language_stay_where_they_are(tmp_path: Path) -> None:
    files = language("it", "x") | language("en", "x")
    del files["en/assets/app.js"]
    write_files(tmp_path, files)
    moved = share_assets(tmp_path, ("it", "en"))
    assert PurePosixPath("app.js") not in moved
    assert (tmp_path / "it" / "assets" / "app.js").is_file()
    assert 'src="./assets/app.js"' in (tmp_path / "it" / "index.html").read_text("utf-8")


def test_a_language_whose_assets_all_move_keeps_no_empty_folder(tmp_path: Path) -> None:
    write_files(tmp_path, language("it", "same") | language("en", "same"))
    share_assets(tmp_path, ("it", "en"))
    assert not (tmp_path / "it" / "assets").exists()
    assert not (tmp_path / "en" / "assets").exists()


def test_trimming_drops_indentation_but_not_inside_verbatim_elements() -> None:
    text = (
        "<div>\n    <p>one\n      two</p>\n\n\n  <pre><code>  keep\n    this</code></pre>\n"
        "  <p><code>a\n   b</code> <kbd>x\n  y</kbd></p>\n"
        "  <script>if (a)\n    b();</script>\n  <textarea>\n  t</textarea>\n</div>\n"
    )
    assert trim_html(text) == (
        "<div>\n<p>one\ntwo</p>\n<pre><code>  keep\n    this</code></pre>\n"
        "<p><code>a\n   b</code> <kbd>x\n  y</kbd></p>\n"
        "<script>if (a)\n    b();</script>\n<textarea>\n  t</textarea>\n</div>\n"
    )
