"""What the link checker reads in a page: its ids and the URLs it links or loads.

The engine writes well-formed HTML; one regular expression over it finds the start tags,
skipping comments, declarations and the text of ``<script>`` and ``<style>``, and reads
the same ids and links as the standard library's ``html.parser`` (the tests compare both
on every page of a built site), about three times quicker: it matters on a site of
thousands of pages, read twice (online and offline) by every build.

It also reads the text of the inline ``<script>`` and ``<style>`` elements, as the hashes
a Content-Security-Policy allows them by (:func:`inline_hash`): the build writes them for
the web server (:mod:`activation_kb.site.csp`).
"""

from __future__ import annotations

import base64
import hashlib
import html
import re
from dataclasses import dataclass, field

__all__ = ["PageScan", "add_inline", "add_tag", "inline_hash", "scan_html"]

# Attributes whose URL the browser fetches by itself when the page is shown.
_LOADED = {
    ("script", "src"),
    ("img", "src"),
    ("iframe", "src"),
    ("source", "src"),
    ("audio", "src"),
    ("video", "src"),
    ("embed", "src"),
    ("object", "data"),
}
_LOADED_LINK_RELS = {"stylesheet", "icon", "preload", "modulepreload", "manifest", "prefetch"}
_LINKED = {("a", "href"), ("area", "href"), ("link", "href")} | _LOADED


@dataclass
class PageScan:
    """What one HTML page holds: its ids (with repeats) and its URLs."""

    ids: list[str] = field(default_factory=list)
    links: list[tuple[str, bool]] = field(default_factory=list)
    """``(url, loaded)``: ``loaded`` when the browser fetches it to show the page."""
    scripts: set[str] = field(default_factory=set)
    """The hashes of its inline scripts that run (``'sha256-…'``, as a policy names them)."""
    styles: set[str] = field(default_factory=set)
    """The hashes of its ``<style>`` elements."""


# Script types a browser runs (an empty or missing type is JavaScript too); others, such
# as Material's application/json configuration, are data.
_RUN_TYPES = {"", "text/javascript", "application/javascript", "module", "text/ecmascript"}


# A start tag and its attributes, a comment, or a declaration. Possessive quantifiers: a
# tag's attributes are taken in runs and never backtracked into (quicker, and a "<" that
# never closes costs linear time).
_TOKEN = re.compile(
    r"<!--.*?(?:-->|\Z)"
    r"|<![^>]*>|<\?[^>]*>"
    r"""|<([a-zA-Z][^\s/>]*+)((?:[^>"']++|"[^"]*+"|'[^']*+')*+)>""",
    re.S,
)
_ATTRIBUTE = re.compile(r"""([^\s/>"'=][^\s/>"'=]*)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s>]*))?""")
# Tags without any of these attributes hold nothing to check.
_WANTED = re.compile(r"(?:^|\s)(?:id|name|href|src|data)\s*=", re.I).search
# Elements whose content is text, not markup, up to their end tag.
_RAW_TEXT_END = {name: re.compile(f"</{name}", re.I) for name in ("script", "style")}


def scan_html(text: str) -> PageScan:
    """The ids and URLs of one page."""
    scan = PageScan()
    position = 0
    while match := _TOKEN.search(text, position):
        position = match.end()
        tag, attributes = match.group(1), match.group(2)
        if tag is None:
            continue
        tag = tag.lower()
        values = None
        if tag in _RAW_TEXT_END:
            end = _RAW_TEXT_END[tag].search(text, position)
            content = text[position : end.start() if end else len(text)]
            position = end.start() if end else len(text)
            values = _values(attributes)
            add_inline(scan, tag, values, content)
        if _WANTED(attributes):
            add_tag(scan, tag, values if values is not None else _values(attributes))
    return scan


def inline_hash(text: str) -> str:
    """The source expression a Content-Security-Policy allows an inline element by: the
    SHA-256 of its text exactly as the page has it (UTF-8), in base64."""
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def add_inline(scan: PageScan, tag: str, values: dict[str, str], content: str) -> None:
    """Record the hash of an inline ``<script>`` that runs, or of a ``<style>``."""
    if tag == "style":
        scan.styles.add(inline_hash(content))
    elif "src" not in values and values.get("type", "").strip().lower() in _RUN_TYPES:
        scan.scripts.add(inline_hash(content))


def _values(attributes: str) -> dict[str, str]:
    """Attribute names (lower-cased) → values (entities decoded); the last one wins, and
    attributes without a value are left out, as html.parser does."""
    values = {}
    for name, value in _ATTRIBUTE.findall(attributes):
        if not value:
            continue
        if value[0] in "\"'":
            value = value[1:-1]
        values[name.lower()] = html.unescape(value) if "&" in value else value
    return values


def add_tag(scan: PageScan, tag: str, values: dict[str, str]) -> None:
    """Record what one start tag (``values``: its attributes) adds to ``scan``."""
    if "id" in values:
        scan.ids.append(values["id"])
    if tag == "a" and "name" in values and values.get("id") != values["name"]:
        scan.ids.append(values["name"])
    rels = set(values.get("rel", "").lower().split())
    for name, value in values.items():
        if (tag, name) in _LINKED and value.strip():
            fetched_link = tag == "link" and bool(rels & _LOADED_LINK_RELS)
            loaded = (tag, name) in _LOADED or fetched_link
            scan.links.append((value.strip(), loaded))
