"""Write the content's Markdown the way Python-Markdown + pymdownx reads it.

This is the one place where the renderer targets an engine: MkDocs, Material and Zensical
all read Markdown through Python-Markdown, which differs from CommonMark in ways that
matter here:

* nested content must be indented by 4 spaces, not to the item's content column;
* a list, an admonition or a quote needs a blank line before it inside a list item;
* ``<chiave 5x5>`` would pass through as a raw HTML tag and vanish, so ``<``, ``>`` and
  ``&`` in text are written as entities (code spans and link targets are left alone);
* callouts are admonitions (``!!! note "Nota"``), not GitHub alerts.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Mapping

from activation_kb.domain.codes import written_codes
from activation_kb.domain.markdown import (
    Alert,
    Block,
    Fence,
    ListBlock,
    Paragraph,
    Quote,
    parse_blocks,
    spans,
)

__all__ = ["CodeLinker", "admonition", "escape_inline", "escape_plain", "to_pymd"]

CodeLinker = Callable[[str], str | None]
"""Given a code as written (``0xC004F038``), the relative URL of its page, or ``None``."""

_INDENT = " " * 4
# A web URL, or a path within the site with neither a scheme (the colon of "javascript:")
# nor a character reference (Python-Markdown keeps "&#106;" in an href, which the browser
# decodes) nor a backslash.
_SAFE_TARGET = re.compile(r"^(?:https?://|[^:&\\\s]*$)", re.IGNORECASE)
_BRACKET = re.compile(r"([\[\]])")
# Braces escaped: "{: onfocus=… }" after a span or at the end of a line would be an
# attribute list (attr_list), and content sets no attribute of the page's elements.
_BRACE = re.compile(r"([{}])")
_FENCE_INFO = re.compile(r"[\w+-]*")
_SETEXT = re.compile(r"(?:=+|-+)[ \t]*")
# A bare code: no letter, digit, "/", "#", "." or "-" right before it (checked apart: a
# pattern that starts with a look-behind is searched for five times slower).
_CODE = re.compile(r"0[xX][0-9A-Fa-f]{8}(?![\w-])")
_NOT_BEFORE_CODE = re.compile(r"[\w/#.-]")
_PLAIN_SPECIAL = re.compile(r"([\\`*_\[\]|{}])")
_ADMONITION_TYPES = {
    "note": "note",
    "tip": "tip",
    "important": "info",
    "warning": "warning",
    "caution": "danger",
}


def _entities(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


@functools.lru_cache(maxsize=4096)
def escape_plain(text: str) -> str:
    """Plain text (titles, messages, table cells) as Markdown that shows it verbatim."""
    # Cached: labels and table headers come back on every page of a large site.
    if _PLAIN_SPECIAL.search(text):
        text = _PLAIN_SPECIAL.sub(r"\\\1", text)
    return _entities(text)


def escape_inline(text: str, link_code: CodeLinker | None = None, *, label: bool = False) -> str:
    """One line of the content's inline Markdown, with text made literal.

    Code spans, link targets and autolinks keep their characters; bare codes that have a
    page become links when ``link_code`` is given. ``kb check`` refuses images and links
    to anything but web URLs; should such content reach this point anyway, it is made
    inert: an image shows its text, a ``javascript:`` (or any other unsafe) link its label.
    """
    out: list[str] = []
    position = 0
    for span in spans(text):
        out.append(_text(text[position : span.start], link_code, label))
        if span.kind in ("link", "image"):
            shown = escape_inline(span.text, label=True)
            if span.kind == "image" or not _SAFE_TARGET.match(span.dest):
                out.append(shown)
            else:
                # Without the title: content sets no attribute of the page's elements.
                out.append(f"[{shown}]({span.dest})")
        else:
            out.append(span.raw)
        position = span.end
    out.append(_text(text[position:], link_code, label))
    return "".join(out)


def _text(text: str, link_code: CodeLinker | None, label: bool = False) -> str:
    escaped = _entities(text)
    # Each substitution only where its characters are: most text has neither (and
    # sub() costs about a microsecond even when nothing matches, on every piece of text).
    if not label and ("[" in escaped or "]" in escaped):
        # Outside a link's text a bracket is text too: "[x]: javascript:…" must not become
        # a reference definition, nor "[x]" a link to one.
        escaped = _BRACKET.sub(r"\\\1", escaped)
    if "{" in escaped or "}" in escaped:
        escaped = _BRACE.sub(r"\\\1", escaped)
    if link_code is None or ("0x" not in escaped and "0X" not in escaped):
        return escaped

    def link(match: re.Match[str]) -> str:
        start = match.start()
        if start and _NOT_BEFORE_CODE.match(escaped, start - 1):
            return match.group(0)
        url = link_code(match.group(0))
        # Linked, a code is written as pages write codes (0x8007007B).
        return f"[{written_codes(match.group(0))}]({url})" if url else match.group(0)

    return _CODE.sub(link, escaped)


def admonition(kind: str, title: str, body: str) -> str:
    """An admonition of pymdownx/Python-Markdown: the syntax of callouts in this engine."""
    lines = [f'!!! {_ADMONITION_TYPES.get(kind, kind)} "{title}"']
    lines += [_INDENT + line if line else "" for line in body.split("\n")]
    return "\n".join(lines)


def to_pymd(
    markdown: str,
    alert_titles: Mapping[str, str],
    link_code: CodeLinker | None = None,
) -> str:
    """A Markdown field of ``content/`` rewritten for Python-Markdown.

    ``alert_titles`` maps an alert kind (``note``, ``tip``…) to its title in the page's
    language.
    """
    return _Writer(alert_titles, link_code).blocks(parse_blocks(markdown))


class _Writer:
    def __init__(self, alert_titles: Mapping[str, str], link_code: CodeLinker | None) -> None:
        self.alert_titles = alert_titles
        self.link_code = link_code

    def blocks(self, blocks: tuple[Block, ...]) -> str:
        return "\n\n".join(self.block(block) for block in blocks)

    def block(self, block: Block) -> str:
        if isinstance(block, Paragraph):
            lines = (escape_inline(line, self.link_code) for line in block.lines)
            return "\n".join(_literal_start(line) for line in lines)
        if isinstance(block, Fence):
            # A language name only: superfences reads attributes ("{ onclick=… }") there.
            info = block.info if _FENCE_INFO.fullmatch(block.info) else ""
            return "\n".join(["```" + info, *block.lines, "```"])
        if isinstance(block, Quote):
            inner = self.blocks(block.children).split("\n")
            return "\n".join(f"> {line}" if line else ">" for line in inner)
        if isinstance(block, Alert):
            title = self.alert_titles.get(block.kind, block.kind.capitalize())
            return admonition(block.kind, title, self.blocks(block.children))
        return self.list(block)

    def list(self, block: ListBlock) -> str:
        # Python-Markdown makes a list loose (items in <p>) when items are blank-separated;
        # keep simple lists tight, as the source shows them.
        loose = not all(_tight(item) for item in block.items)
        items = []
        for number, item in enumerate(block.items, start=block.start):
            marker = f"{number}." if block.ordered else "-"
            first, *rest = self.item(item).split("\n")
            lines = [f"{marker} {first}"] + [_INDENT + line if line else "" for line in rest]
            items.append("\n".join(lines))
        return ("\n\n" if loose else "\n").join(items)

    def item(self, blocks: tuple[Block, ...]) -> str:
        parts: list[str] = []
        for index, block in enumerate(blocks):
            if index:
                follows_text = isinstance(blocks[index - 1], Paragraph)
                parts.append("\n" if follows_text and isinstance(block, ListBlock) else "\n\n")
            parts.append(self.block(block))
        return "".join(parts)


def _literal_start(line: str) -> str:
    """A paragraph's line whose start Python-Markdown would read as a block of its own made
    text: a heading (``#``, which would get an id), an admonition or a details block
    (``!!! kind``, ``??? kind``, whose kind becomes a class), a setext underline."""
    if line.startswith("#") or _SETEXT.fullmatch(line):
        return "\\" + line if line[0] != "=" else "&#61;" + line[1:]
    if line.startswith(("!!!", "???")):
        return ("&#33;" if line[0] == "!" else "&#63;") + line[1:]
    return line


def _tight(item: tuple[Block, ...]) -> bool:
    kinds = [type(block) for block in item]
    return kinds in ([Paragraph], [Paragraph, ListBlock])
