"""What a Markdown string of ``content/`` may not hold, and its language-neutral tokens:
``kb check`` and ``kb import`` ask it of every string.

Two jobs, both on plain text and both pure:

* **Raw HTML** is refused. Content is CommonMark *without* raw HTML, yet the Italian text
  quotes placeholders in angle brackets (``<chiave 5x5>``, ``<ID conferma>``) that must
  stay. The rule, applied after removing code spans (whose content is always literal):

  1. refused: a closing tag ``</name>``; a comment, declaration or processing instruction
     (``<!--``, ``<!DOCTYPE``, ``<![CDATA[``, ``<?xml``);
  2. refused: ``<name`` where *name* is a known HTML element (any case), followed by ``>``,
     by ``/``, or by white space and then ``/`` or an ``attribute=`` (``<br>``, ``<br />``,
     ``<img src=…>``, ``<a href="…">``, ``<script>``);
  3. refused: ``<name`` with any name starting with a letter, followed by one or more
     ``attribute=value`` pairs and ``>`` (``<foo bar="x">``);
  4. refused: an ``on…=`` event attribute anywhere between ``<`` and ``>``;
  5. refused: an HTML character reference (``&nbsp;``, ``&lt;``, ``&#160;``): the importer
     decodes them, so one left over is a bug;
  6. everything else is text: ``<chiave 5x5>`` (not an element, no ``=``), ``<ID>``,
     ``<nome_host>``, an autolink ``<https://…>``, and anything inside a code span.

  Placeholders that happen to be element names with a bare word after them (``<select
  all>``) pass rule 2 on purpose: they read as text, and a real tag needs ``attr=``.

* **Language-neutral tokens** of a text, which must be the same in Italian and English:
  commands (code spans, with the contents of ``<placeholders>`` dropped because those are
  translated), numbers of three or more digits (ports, event IDs), hex codes and URLs
  (with the ``it-it``/``en-us`` locale segment of learn.microsoft.com links dropped).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable

from activation_kb.domain.markdown import code_spans

__all__ = [
    "HTML_ELEMENTS",
    "TOKEN_KINDS",
    "attribute_lists",
    "entities",
    "images",
    "prose",
    "raw_html",
    "refusals",
    "tokens",
    "unsafe_link_targets",
    "url_locales",
]

_ELEMENT_NAMES = """
    a abbr acronym address area article aside audio b base bdi bdo big blockquote body br
    button canvas caption center cite code col colgroup data datalist dd del details dfn
    dialog dir div dl dt em embed fieldset figcaption figure font footer form frame frameset
    h1 h2 h3 h4 h5 h6 head header hgroup hr html i iframe img input ins kbd label legend li
    link main map mark marquee math menu meta meter nav nobr noscript object ol optgroup
    option output p param picture pre progress q rp rt ruby s samp script search section
    select slot small source span strike strong style sub summary sup svg table tbody td
    template textarea tfoot th thead time title tr track tt u ul var video wbr"""
HTML_ELEMENTS = frozenset(_ELEMENT_NAMES.split())

TOKEN_KINDS = ("commands", "numbers", "hex codes", "URLs")
"""The kinds :func:`tokens` returns, in the order problems name them."""

_CLOSING_OR_DECLARATION = re.compile(
    r"</[A-Za-z][A-Za-z0-9-]*\s*>|<!--|<!\[CDATA\[|<![A-Za-z]|<\?[A-Za-z]"
)
_ELEMENT_START = re.compile(r"<([A-Za-z][A-Za-z0-9]*)(?=>|/|\s+/|\s+[A-Za-z_:][\w:.-]*\s*=)")
_ATTRIBUTE = r"\s+[A-Za-z_:][\w:.-]*\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s\"'=<>`]+)"
_TAG_WITH_ATTRIBUTES = re.compile(rf"<[A-Za-z][\w-]*(?:{_ATTRIBUTE})+\s*/?>")
_EVENT_ATTRIBUTE = re.compile(r"<[^<>]*\son[a-z]+\s*=", re.IGNORECASE)
_ENTITY = re.compile(r"&(?:[A-Za-z][A-Za-z0-9]{1,31}|#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6});")

# A link or image: [text](destination …) with one level of brackets in the text and of
# parentheses in the destination, as CommonMark allows; a reference definition
# "[label]: destination"; an autolink "<scheme:…>" (CommonMark accepts any scheme).
_LINK = re.compile(
    r"(?P<bang>!?)\[(?:[^\[\]]|\[[^\[\]]*\])*\]\(\s*<?(?P<dest>(?:[^()\s<>]|\([^()\s]*\))*)"
)
_REFERENCE_DEFINITION = re.compile(r"^ {0,3}\[[^\]]+\]:\s*<?(?P<dest>[^\s>]+)", re.MULTILINE)
_AUTOLINK = re.compile(r"<(?P<dest>[A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*)>")
_WEB_URL = re.compile(r"^https?://\S", re.IGNORECASE)
_URL = re.compile(r"https?://[^\s<>()\[\]\"'`]+")
_URL_LOCALE = re.compile(r"^(https?://(?:learn|docs)\.microsoft\.com/)([a-z]{2}-[a-z]{2})/", re.I)
_HEX = re.compile(r"\b0[xX][0-9A-Fa-f]+\b")
_NUMBER = re.compile(r"(?<![\w.,])\d{3,}(?!\w)")
_THREE_DIGITS = re.compile(r"\d{3}")  # what any _NUMBER holds, searched far quicker
_PLACEHOLDER = re.compile(r"<[^<>]*>")
_BRACES = re.compile(r"\{[^{}\n]*\}")
_FENCE_INFO = re.compile(r"^[ \t>]*(?:`{3,}|~{3,})[ \t]*([^`\n]*\S)", re.MULTILINE)


def refusals(text: str) -> list[str]:
    """Why ``text`` may not be content, one message per kind, empty when it may: raw HTML,
    images, links to anything but web pages, HTML entities, attribute lists."""
    found = []
    for detector, what, hint in _REFUSED:
        if snippets := detector(text):
            listed = ", ".join(f"'{snippet}'" for snippet in snippets)
            found.append(f"{what} not allowed: {listed} ({hint})")
    return found


def raw_html(text: str) -> list[str]:
    """The raw HTML found in ``text`` (rules 1-4 above), each snippet once, in order."""
    prose = _without_code_spans(text)
    if "<" not in prose:
        return []  # every rule starts at a "<"
    found: list[tuple[int, str]] = []
    for match in _CLOSING_OR_DECLARATION.finditer(prose):
        found.append((match.start(), match.group()))
    for match in _ELEMENT_START.finditer(prose):
        if match.group(1).lower() in HTML_ELEMENTS:
            found.append((match.start(), _up_to_closing_bracket(prose, match.start())))
    for pattern in (_TAG_WITH_ATTRIBUTES, _EVENT_ATTRIBUTE):
        for match in pattern.finditer(prose):
            found.append((match.start(), _up_to_closing_bracket(prose, match.start())))
    return _unique(snippet for _, snippet in sorted(found))


def attribute_lists(text: str) -> list[str]:
    """Braces outside code spans that Python-Markdown's attribute lists would read as
    attributes of an element (``{: onfocus="…" }``, ``{#id}``, ``{.class}``, ``{ autofocus }``),
    each once, in order. Other braces are text: a GUID (``{55c92734-d682-…}``), ``{0}``."""
    if "{" not in text:
        return []
    prose = _without_code_spans(text)
    groups = [group for group in _BRACES.findall(prose) if _reads_as_attributes(group)]
    # A fence's info string is read for attributes too ("```{ .x onclick=… }").
    groups += [info for info in _FENCE_INFO.findall(text) if "{" in info]
    return _unique(groups)


def _reads_as_attributes(group: str) -> bool:
    inside = group[1:-1].strip()
    words = inside.split()
    return (
        inside.startswith(":")
        or any(word[0] in "#." or "=" in word for word in words)
        or bool(words and all(word.isalpha() for word in words))
    )


def images(text: str) -> list[str]:
    """Images outside code spans, as written up to their destination: pages show none, and
    an image from another site would be a request outside the site."""
    prose = _without_code_spans(text)
    if "![" not in prose:
        return []
    return _unique(match.group(0) + ")" for match in _LINK.finditer(prose) if match["bang"])


def unsafe_link_targets(text: str) -> list[str]:
    """Link destinations outside code spans that are not ``http(s)://`` URLs:
    ``javascript:``, ``data:``, relative paths (our own pages are never linked from
    content), in inline links, reference definitions and autolinks."""
    prose = _without_code_spans(text)
    if "](" not in prose and "]:" not in prose and "<" not in prose:
        return []  # no inline link, reference definition or autolink
    # Each search only where its pattern's plain characters are (it tries every position).
    found = [m for m in _LINK.finditer(prose) if not m["bang"]] if "](" in prose else []
    if "]:" in prose:
        found += _REFERENCE_DEFINITION.finditer(prose)
    if "<" in prose:
        found += _AUTOLINK.finditer(prose)
    ordered = sorted(found, key=lambda match: match.start())
    return _unique(m["dest"] for m in ordered if not _WEB_URL.match(m["dest"]))


def entities(text: str) -> list[str]:
    """HTML character references outside code spans (rule 5), each once, in order."""
    prose = _without_code_spans(text)
    return _unique(_ENTITY.findall(prose)) if "&" in prose else []


def prose(text: str) -> str:
    """``text`` without its code spans and URLs, whose words belong to no language."""
    return _URL.sub(" ", _without_code_spans(text))


def url_locales(text: str) -> list[tuple[str, str]]:
    """``(url, locale)`` for every learn/docs.microsoft.com URL with a locale segment."""
    found = []
    for url in _urls(text):
        if match := _URL_LOCALE.match(url):
            found.append((url, match.group(2).lower()))
    return found


def tokens(text: str) -> dict[str, dict[str, str]]:
    """The language-neutral tokens of ``text``, per kind of :data:`TOKEN_KINDS`, each as
    ``{compared form: form as written}``."""
    # kb check asks this of every text: each search is skipped when a quick look shows it
    # cannot match, which is most of the time (a pattern whose start is not a plain
    # character is tried at every position).
    commands = {}
    if "`" in text:
        for span in _code_span_texts(text):
            commands.setdefault(_PLACEHOLDER.sub("<>", span), f"`{span}`")
    prose = _without_code_spans(text)
    urls = {}
    if "http" in prose:
        urls = {_URL_LOCALE.sub(r"\1", url): url for url in _urls(prose)}
        prose = _URL.sub(" ", prose)
    hex_codes = {}
    if "0x" in prose or "0X" in prose:
        hex_codes = {code: code for code in _HEX.findall(prose)}
        prose = _HEX.sub(" ", prose)
    numbers = {}
    if _THREE_DIGITS.search(prose):
        numbers = {number: number for number in _NUMBER.findall(prose)}
    return {"commands": commands, "numbers": numbers, "hex codes": hex_codes, "URLs": urls}


_REFUSED: tuple[tuple[Callable[[str], list[str]], str, str], ...] = (
    (raw_html, "raw HTML", "write Markdown; <placeholders> are fine"),
    (images, "image", "pages load nothing from outside the site"),
    (unsafe_link_targets, "link target", "links go to http:// or https:// URLs"),
    (entities, "HTML entity", "write the character itself"),
    (attribute_lists, "attribute list", "content sets no HTML attribute"),
)
"""What :func:`refusals` looks for: the finder, what it finds, and what to do instead."""


def _code_span_texts(text: str) -> list[str]:
    return [span.raw.strip("`").strip() for span in code_spans(text)]


@functools.lru_cache(maxsize=256)
def _without_code_spans(text: str) -> str:
    # Cached: kb check asks it of every text five times, for each rule.
    found = code_spans(text)
    if not found:
        return text
    pieces, position = [], 0
    for span in found:
        pieces += [text[position : span.start], " "]
        position = span.end
    return "".join([*pieces, text[position:]])


def _urls(text: str) -> list[str]:
    return [url.rstrip(".,;:!?") for url in _URL.findall(text)]


def _up_to_closing_bracket(text: str, start: int) -> str:
    end = text.find(">", start)
    if end == -1 or end - start > 120:
        return text[start : start + 60] + "…"
    return text[start : end + 1]


def _unique(items: Iterable[str]) -> list[str]:
    seen: list[str] = []
    for item in items:
        if item not in seen:
            seen.append(item)
    return seen
