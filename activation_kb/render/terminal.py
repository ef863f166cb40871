"""Content Markdown rendered for a terminal: the small subset our content uses.

``kb lookup`` prints causes and resolutions in a shell, where raw Markdown reads badly and
a full renderer is overkill. The blocks and spans come from the one reader of the
content's Markdown (:mod:`activation_kb.domain.markdown`): paragraphs, bullet and numbered
lists (nested ones indented under their item), fenced code, blockquotes, and
``> [!NOTE]``-style callouts as "Note: …" in the reader's language; inline code, links as
"text (url)", bold and italic, backslash escapes. Anything else passes through as text,
which is still readable.

Colour is a choice of the caller (``kb lookup`` asks the terminal); without it the output
is plain text, with inline code kept between backticks so commands stay delimited.
"""

from __future__ import annotations

import re
from typing import Any

import click

from activation_kb.domain.markdown import (
    Alert,
    Block,
    Fence,
    ListBlock,
    Paragraph,
    Quote,
    Span,
    parse_blocks,
    spans,
)
from activation_kb.domain.words import WORDS

__all__ = ["heading", "render"]

_HEADING = re.compile(r"^#{1,6}\s+(.*?)(?:\s+#+)?\s*$")
# Emphasis and escapes, read on a line whose spans stand in as placeholders (private-use
# characters), so that bold may hold a code span and a star in code is no emphasis.
_EMPHASIS = re.compile(
    r"\*\*(?P<strong>\S(?:.*?\S)?)\*\*"
    r"|(?<![\w*])\*(?P<em>[^\s*](?:.*?[^\s*])?)\*(?![\w*])"
    r"|(?<!\w)_(?P<em_underscore>[^\s_](?:.*?[^\s_])?)_(?!\w)"
    r"|\\(?P<escaped>[!-/:-@\[-`{-~])"
)
_PLACEHOLDER = 0xF0000
_PLACEHOLDERS = re.compile("[\U000f0000-\U000fffff]")


def heading(text: str, *, color: bool) -> str:
    """A section title of the terminal output."""
    return click.style(text, bold=True) if color else text


def render(markdown: str, lang: str, *, color: bool) -> str:
    """``markdown`` as terminal text in ``lang`` (which titles the callouts)."""
    return "\n".join(_Writer(WORDS[lang].alerts, color).blocks(parse_blocks(markdown)))


class _Writer:
    def __init__(self, alerts: dict[str, str], color: bool) -> None:
        self.alerts, self.color = alerts, color

    def blocks(self, blocks: tuple[Block, ...]) -> list[str]:
        lines: list[str] = []
        for index, block in enumerate(blocks):
            if index:
                lines.append("")
            lines += self.block(block)
        return lines

    def block(self, block: Block) -> list[str]:
        if isinstance(block, Paragraph):
            return [self.line(line) for line in block.lines]
        if isinstance(block, Fence):
            return ["    " + self.style(line, fg="cyan") for line in block.lines]
        if isinstance(block, Quote):
            return ["  " + line if line else "" for line in self.blocks(block.children)]
        if isinstance(block, Alert):
            return self.alert(block)
        return self.list(block)

    def alert(self, block: Alert) -> list[str]:
        title = self.alerts.get(block.kind, block.kind.capitalize()) + ":"
        body = self.blocks(block.children) or [""]
        indent = " " * (len(title) + 1)
        first = f"{self.style(title, bold=True, fg='yellow')} {body[0]}".rstrip()
        return [first, *(indent + line if line else "" for line in body[1:])]

    def list(self, block: ListBlock) -> list[str]:
        # Items follow each other line by line; the blocks of one item are apart.
        lines: list[str] = []
        for number, item in enumerate(block.items, start=block.start):
            marker = f"{number}." if block.ordered else "-"
            first, *rest = self.blocks(item) or [""]
            indent = " " * (len(marker) + 1)
            lines += [f"{marker} {first}", *(indent + line if line else "" for line in rest)]
        return lines

    def line(self, line: str) -> str:
        if match := _HEADING.match(line):
            return heading(self.inline(match.group(1)), color=self.color)
        return self.inline(line)

    def inline(self, text: str) -> str:
        found = spans(text)
        rendered = [self.span(span) for span in found]
        # Each span becomes one private-use character while emphasis is read.
        marked, position = [], 0
        for index, span in enumerate(found):
            marked += [text[position : span.start], chr(_PLACEHOLDER + index)]
            position = span.end
        marked.append(text[position:])
        out = self.emphasis("".join(marked))
        return _PLACEHOLDERS.sub(lambda m: rendered[ord(m.group()) - _PLACEHOLDER], out)

    def emphasis(self, text: str) -> str:
        def replace(match: re.Match[str]) -> str:
            if (strong := match.group("strong")) is not None:
                return self.style(self.emphasis(strong), bold=True)
            emphasis = match.group("em") or match.group("em_underscore")
            if emphasis is not None:
                return self.style(self.emphasis(emphasis), italic=True)
            return match.group("escaped")

        return _EMPHASIS.sub(replace, text)

    def span(self, span: Span) -> str:
        if span.kind == "code":
            return self.style(span.text, fg="cyan") if self.color else f"`{span.text}`"
        url = self.style(span.dest, underline=True)
        if span.kind == "autolink":
            return url
        label = self.inline(span.text)
        return url if click.unstyle(label) == span.dest else f"{label} ({url})"

    def style(self, text: str, **styles: Any) -> str:
        return click.style(text, **styles) if self.color else text
