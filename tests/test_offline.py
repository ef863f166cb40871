"""The offline bundle's folder (activation_kb.site.offline), assembled from hand-made web
builds: the assets both languages share move to the bundle's root, pages follow."""

from __future__ import annotations

from pathlib import Path

from activation_kb.site.offline import assemble, trim_html
from tests.files import write_files

LANGUAGES = ("it", "en")


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


def bundle(tmp_path: Path, files: dict[str, str]) -> Path:
    """The bundle's folder assembled from a web build of ``files``; it must check clean."""
    online = write_files(tmp_path / "online", {**files, "codes.json": '{"codes": []}'})
    tree = tmp_path / "bundle"
    assert assemble(online, tree, {}, LANGUAGES) == []
    return tree


def test_common_assets_move_to_the_root_and_pages_follow(tmp_path: Path) -> None:
    tree = bundle(tmp_path, language("it", "/* it */") | language("en", "/* en */"))
    files = sorted(p.relative_to(tree).as_posix() for p in tree.rglob("*.*"))
    assert [name for name in files if "iframe-worker" not in name] == [
        "assets/app.js",
        "assets/main.css",
        "assets/w/search.js",
        "codes.json",
        "en/0x1/index.html",
        "en/assets/words.css",
        "en/index.html",
        "it/0x1/index.html",
        "it/assets/words.css",
        "it/index.html",
    ]
    landing = (tree / "it" / "index.html").read_text("utf-8")
    assert 'href="../assets/main.css"' in landing and 'src="../assets/app.js"' in landing
    assert '"search": "../assets/w/search.js"' in landing
    assert 'href="assets/words.css"' in landing
    code = (tree / "en" / "0x1" / "index.html").read_text("utf-8")
    assert 'href="../../assets/main.css"' in code and 'href="../assets/words.css"' in code
    # Text that happens to look like a URL, but leads nowhere from this page, stays.
    assert '<p>"assets/main.css" is only text here</p>' in code


def test_assets_missing_from_a_language_stay_where_they_are(tmp_path: Path) -> None:
    english = language("en", "x")
    del english["en/assets/app.js"]
    for name in ("en/index.html", "en/0x1/index.html"):
        english[name] = english[name].replace("app.js", "main.css")
    tree = bundle(tmp_path, language("it", "x") | english)
    assert not (tree / "assets" / "app.js").exists()
    assert (tree / "it" / "assets" / "app.js").is_file()
    assert 'src="./assets/app.js"' in (tree / "it" / "index.html").read_text("utf-8")


def test_a_language_whose_assets_all_move_keeps_no_empty_folder(tmp_path: Path) -> None:
    tree = bundle(tmp_path, language("it", "same") | language("en", "same"))
    assert not (tree / "it" / "assets").exists()
    assert not (tree / "en" / "assets").exists()


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
