"""The checker's quick HTML scanner (activation_kb.site.htmlscan.scan_html) reads the same ids and
links as the standard library's HTML parser, on every built page and on awkward markup;
and the check gives the same answer in one process or several."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest

from activation_kb.site import htmlscan
from activation_kb.site.linkcheck import PageScan, check_site, scan_html

AWKWARD = {
    "script text": '<script>var a = "<a href=\'nope\'>";</script><a href="yes">y</a>',
    "script source": '<SCRIPT SRC="x.js"></SCRIPT><style>a[href="q"]{}</style>',
    "comment": '<!-- <a href="hidden"> --><a id="shown" href=\'#shown\'>s</a>',
    "unclosed comment": '<a href="before"><!-- <a href="after">',
    "quoted greater-than": '<a title="a > b" href="x.html">x</a>',
    "entities": '<a href="a.html?x=1&amp;y=2#s&eacute;">e</a><h2 id="&lt;t&gt;">t</h2>',
    "unquoted and bare": "<a href=plain.html download>p</a><input disabled id=box>",
    "repeated attribute": '<a href="first" href="second">r</a>',
    "anchor name": '<a name="old"></a><a id="same" name="same"></a>',
    "stylesheet": '<link rel="Stylesheet preload" href="s.css"><link rel="alternate" href="a">',
    "declarations": '<!doctype html><?xml version="1.0"?><img src="i.png"/>',
    "upper case": '<A HREF="UP.html" ID="Up">u</A><IFRAME SRC="f.html"></IFRAME>',
    "empty values": '<a href="">e</a><h3 id="">h</h3><object data="o.svg"></object>',
    "inline scripts and styles": '<script>a("</p>")</script><script type="application/json">'
    '{"b": 1}</script><script type="module">c()</script><script src="d.js"></script>'
    "<STYLE>p{color:red}</STYLE><script TYPE='text/javascript'>\n e()\n</script>",
}


class _Reference(HTMLParser):
    """What the checker read before it had its own scanner: html.parser's view."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.scan = PageScan()
        self.raw: tuple[str, dict[str, str], list[str]] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value for name, value in attrs if value is not None}
        htmlscan.add_tag(self.scan, tag, values)
        if tag in ("script", "style"):
            self.raw = (tag, values, [])

    handle_startendtag = handle_starttag

    def handle_data(self, data: str) -> None:
        if self.raw is not None:
            self.raw[2].append(data)

    def handle_endtag(self, tag: str) -> None:
        if self.raw is not None and tag == self.raw[0]:
            htmlscan.add_inline(self.scan, self.raw[0], self.raw[1], "".join(self.raw[2]))
            self.raw = None


def reference(text: str) -> PageScan:
    parser = _Reference()
    parser.feed(text)
    parser.close()
    return parser.scan


@pytest.mark.parametrize("name", sorted(AWKWARD))
def test_awkward_markup_reads_as_html_parser_reads_it(name: str) -> None:
    text = f"<html><body>{AWKWARD[name]}</body></html>"
    assert scan_html(text) == reference(text)


def test_every_built_page_reads_as_html_parser_reads_it(built_site: Path) -> None:
    pages = sorted(built_site.rglob("*.html"))
    assert len(pages) > 60
    for path in pages:
        text = path.read_text("utf-8")
        assert scan_html(text) == reference(text), path.relative_to(built_site)


def test_pages_scanned_as_written_are_not_read_again(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text('<a href="a.html">a</a>', "utf-8")
    (tmp_path / "a.html").write_text('<h1 id="x">a</h1>', "utf-8")
    assert check_site(tmp_path) == []
    # What the writer saw is what counts: here it said index.html links to a missing page.
    known = {"index.html": scan_html('<a href="missing.html">m</a>')}
    assert check_site(tmp_path, known=known) == ["index.html: dead link 'missing.html'"]
