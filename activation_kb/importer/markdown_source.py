"""Read the Markdown of a Microsoft Docs article and write it back as clean CommonMark.

The source is DocFX Markdown with hand-made quirks (HTML entities, stray ``</li>``, bold
commands, relative links to other articles, numbered lists indented by three spaces with
every item numbered ``1.``). :func:`parse_blocks` reads the few block kinds the article uses
(paragraphs, block quotes and ``> [!NOTE]`` callouts, lists, fenced code) and
:func:`render` writes them in the conventions of ``content/``: ``-`` bullets, lists
renumbered from 1, nested content indented to its item's content column, one blank line
between blocks, no trailing spaces. Inline text goes through :class:`InlineRules`.
"""

from __future__ import annotations

import html
import posixpath
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

__all__ = [
    "MAX_NESTING",
    "Block",
    "Fence",
    "InlineRules",
    "Line",
    "ListBlock",
    "Paragraph",
    "Problems",
    "Quote",
    "ShapeError",
    "parse_blocks",
    "plain_text",
    "render",
    "without_comments",
]


class ShapeError(Exception):
    """The Markdown has a shape the importer does not understand (line is 1-based)."""

    def __init__(self, line: int, expected: str) -> None:
        super().__init__(f"line {line}: {expected}")
        self.line, self.expected = line, expected


class Problems:
    """The shape errors found so far: reading goes on past each part that has one, so that
    every problem is told at once, not the first only."""

    def __init__(self) -> None:
        self.errors: list[ShapeError] = []

    def add(self, error: ShapeError) -> None:
        self.errors.append(error)

    @contextmanager
    def collect(self) -> Iterator[None]:
        """Run a part of the reading; a :class:`ShapeError` in it is kept, not raised."""
        try:
            yield
        except ShapeError as error:
            self.errors.append(error)

    def in_order(self) -> list[ShapeError]:
        """Each problem once, by line (in the order found on the same line)."""
        unique = {(error.line, error.expected): error for error in self.errors}
        return sorted(unique.values(), key=lambda error: error.line)


@dataclass(frozen=True)
class Line:
    """One source line and its 1-based number in the source file."""

    number: int
    text: str


@dataclass(frozen=True)
class Paragraph:
    line: int
    lines: tuple[str, ...]


@dataclass(frozen=True)
class Quote:
    line: int
    children: tuple[Block, ...]


@dataclass(frozen=True)
class ListBlock:
    line: int
    ordered: bool
    items: tuple[tuple[Block, ...], ...]
    loose: bool


@dataclass(frozen=True)
class Fence:
    line: int
    lines: tuple[str, ...]


Block = Paragraph | Quote | ListBlock | Fence

_QUOTE = re.compile(r"^ {0,3}> ?(.*)$")
_ITEM = re.compile(r"^( {0,3})([-*+]|\d{1,9}[.)])(?:( +)(.*))?$")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_HEADING = re.compile(r"^ {0,3}#{1,6}(?: |$)")

MAX_NESTING = 8
"""Lists and quotes inside each other: the article uses two; a line such as ``> > > …`` or
``- - - …`` a thousand times deep would otherwise exhaust Python's recursion limit."""


_COMMENT_OPEN, _COMMENT_CLOSE = "<!--", "-->"


def without_comments(lines: list[Line], problems: Problems) -> list[Line]:
    """``lines`` with every HTML comment (``<!-- … -->``, editors' notes) taken out, line
    numbers kept: a line that held only a comment is left blank, which ends a paragraph as
    the comment did. Fenced code is left as it is. A comment that nothing closes is a
    problem; it is then read as ending with its line, so that the rest is still read."""
    last_close = max(
        ((index, line.text.rfind(_COMMENT_CLOSE)) for index, line in enumerate(lines)),
        key=lambda found: (found[1] >= 0, found),
        default=(-1, -1),
    )
    if last_close[1] < 0:
        last_close = (-1, -1)
    result: list[Line] = []
    fence: str | None = None
    in_comment = False
    for index, line in enumerate(lines):
        if not in_comment and (fenced := _FENCE.match(line.text)):
            marker = fenced.group(1)
            if fence is None:
                fence = marker
            elif marker[0] == fence[0] and len(marker) >= len(fence):
                fence = None
            result.append(line)
            continue
        if fence is not None:
            result.append(line)
            continue
        kept, rest, column = [], line.text, 0
        while rest:
            if in_comment:
                end = rest.find(_COMMENT_CLOSE)
                if end < 0:
                    break
                column += end + len(_COMMENT_CLOSE)
                rest, in_comment = rest[end + len(_COMMENT_CLOSE) :], False
            start = rest.find(_COMMENT_OPEN)
            if start < 0:
                kept.append(rest)
                break
            kept.append(rest[:start])
            column += start + len(_COMMENT_OPEN)
            rest = rest[start + len(_COMMENT_OPEN) :]
            if (index, column) > last_close:
                problems.add(ShapeError(line.number, "expected '-->' closing this comment"))
                break  # read as ending with this line
            in_comment = True
        text = "".join(kept)
        result.append(Line(line.number, text if text.strip() else ""))
    return result


def parse_blocks(lines: list[Line], depth: int = 0) -> list[Block]:
    """The blocks of ``lines`` (already stripped of any enclosing container prefix);
    ``depth`` is how many lists and quotes enclose them."""
    if depth > MAX_NESTING and lines:
        raise ShapeError(
            lines[0].number, f"expected at most {MAX_NESTING} lists or quotes inside each other"
        )
    lines = [Line(line.number, line.text.expandtabs(4).rstrip()) for line in lines]
    blocks: list[Block] = []
    index = 0
    while index < len(lines):
        text = lines[index].text
        if not text:
            index += 1
            continue
        if _HEADING.match(text):
            raise ShapeError(lines[index].number, "expected no heading inside this section")
        if _FENCE.match(text):
            block, index = _fence(lines, index)
        elif _QUOTE.match(text):
            block, index = _quote(lines, index, depth)
        elif _ITEM.match(text):
            block, index = _list(lines, index, depth)
        else:
            block, index = _paragraph(lines, index)
        blocks.append(block)
    return blocks


def _interrupts(text: str) -> bool:
    """Whether ``text`` starts a block even right after a paragraph line (CommonMark)."""
    if _QUOTE.match(text) or _FENCE.match(text) or _HEADING.match(text):
        return True
    item = _ITEM.match(text)
    return bool(item and item.group(4) and item.group(2)[:-1] in ("", "1"))


def _paragraph(lines: list[Line], start: int) -> tuple[Paragraph, int]:
    end = start + 1
    while end < len(lines) and lines[end].text and not _interrupts(lines[end].text):
        end += 1
    return Paragraph(
        lines[start].number, tuple(line.text.strip() for line in lines[start:end])
    ), end


def _quote(lines: list[Line], start: int, depth: int) -> tuple[Quote, int]:
    inner: list[Line] = []
    end = start
    while end < len(lines) and lines[end].text:
        marked = _QUOTE.match(lines[end].text)
        if marked:
            inner.append(Line(lines[end].number, marked.group(1)))
        elif inner[-1].text and not _interrupts(lines[end].text):
            inner.append(Line(lines[end].number, lines[end].text.strip()))  # lazy continuation
        else:
            break
        end += 1
    return Quote(lines[start].number, tuple(parse_blocks(inner, depth + 1))), end


def _list(lines: list[Line], start: int, depth: int) -> tuple[ListBlock, int]:
    first = _ITEM.match(lines[start].text)
    assert first is not None
    ordered, delimiter = first.group(2)[-1] in ".)", first.group(2)[-1]
    items: list[tuple[Block, ...]] = []
    loose = False
    index = start
    while index < len(lines):
        item = _ITEM.match(lines[index].text)
        if not item or (item.group(2)[-1] in ".)") != ordered or item.group(2)[-1] != delimiter:
            break
        content, index = _item_lines(lines, index, item)
        while content and not content[-1].text:
            content.pop()
            loose = loose or (index < len(lines) and _ITEM.match(lines[index].text) is not None)
        children = parse_blocks(content, depth + 1)
        loose = loose or _blank_between(content, children)
        items.append(tuple(children))
    return ListBlock(lines[start].number, ordered, tuple(items), loose), index


def _item_lines(lines: list[Line], start: int, item: re.Match[str]) -> tuple[list[Line], int]:
    indent, marker, spaces, text = item.group(1), item.group(2), item.group(3) or "", item.group(4)
    column = len(indent) + len(marker) + (len(spaces) if 0 < len(spaces) <= 4 else 1)
    content = [Line(lines[start].number, text or "")]
    index = start + 1
    while index < len(lines):
        text = lines[index].text
        depth = len(text) - len(text.lstrip(" "))
        if not text or depth >= column:
            content.append(Line(lines[index].number, text[column:]))
        elif content[-1].text and not _interrupts(text) and not _ITEM.match(text):
            content.append(Line(lines[index].number, text.strip()))  # lazy continuation
        else:
            break
        index += 1
    return content, index


def _blank_between(content: list[Line], children: list[Block]) -> bool:
    blank_numbers = {line.number for line in content if not line.text}
    return any(child.line - 1 in blank_numbers for child in children[1:])


def _fence(lines: list[Line], start: int) -> tuple[Fence, int]:
    opening = _FENCE.match(lines[start].text)
    assert opening is not None
    fence = opening.group(1)
    end = start + 1
    while end < len(lines) and not lines[end].text.strip().startswith(fence):
        end += 1
    if end == len(lines):
        raise ShapeError(lines[start].number, f"expected a closing {fence} for this code block")
    return Fence(lines[start].number, tuple(line.text for line in lines[start : end + 1])), end + 1


def render(blocks: list[Block] | tuple[Block, ...], inline: Callable[[str], str]) -> str:
    """``blocks`` as normalised Markdown, inline text passed through ``inline``."""
    return "\n\n".join(_render_block(block, inline) for block in blocks)


def _render_block(block: Block, inline: Callable[[str], str]) -> str:
    if isinstance(block, Paragraph):
        return "\n".join(line.strip() for line in inline("\n".join(block.lines)).split("\n"))
    if isinstance(block, Quote):
        inner = render(block.children, inline)
        return "\n".join(f"> {line}" if line else ">" for line in inner.split("\n"))
    if isinstance(block, ListBlock):
        return _render_list(block, inline)
    return "\n".join(block.lines)


def _render_list(block: ListBlock, inline: Callable[[str], str]) -> str:
    rendered = []
    for number, item in enumerate(block.items, start=1):
        marker = f"{number}. " if block.ordered else "- "
        parts = [_render_block(child, inline) for child in item]
        body = parts[0] if parts else ""
        for previous, child, text in zip(item, item[1:], parts[1:], strict=False):
            # A tight item keeps its blocks together only where CommonMark lets the next
            # block interrupt a paragraph; anywhere else a blank line is needed.
            together = not block.loose and isinstance(previous, Paragraph)
            together = together and not isinstance(child, Paragraph)
            body += ("\n" if together else "\n\n") + text
        indent = " " * len(marker)
        lines = body.split("\n")
        rendered.append(
            "\n".join([marker + lines[0]] + [indent + line if line else "" for line in lines[1:]])
        )
    return ("\n\n" if block.loose else "\n").join(rendered)


_CODE_SPAN = re.compile(r"(`+)(?:.+?)\1", re.DOTALL)
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_LIST_ITEM_TAG = re.compile(r"[ \t]*</?li\s*>")
_SPACES = re.compile(r"[ \t]{2,}")
_BOLD_COMMAND = re.compile(r"\*\*(slmgr\b.*?)\*\*", re.IGNORECASE | re.DOTALL)
_EMPHASISED_PLACEHOLDER = re.compile(r"<([*_]+)([^<>]*?)\1>")
_RELATIVE_LINK = re.compile(r"\]\((?![A-Za-z][A-Za-z0-9+.-]*:|/|#)([^()\s]+?)\.md(#[^()\s]*)?\)")


def decode_text(text: str) -> str:
    """HTML entities decoded, no-break spaces as plain spaces, runs of spaces as one."""
    text = _ENTITY.sub(lambda entity: html.unescape(entity.group(0)), text)
    return _SPACES.sub(" ", text.replace("\u00a0", " "))


def plain_text(text: str) -> str:
    """Text of a heading, table cell or quoted message: decoded, on one line, stripped."""
    return " ".join(decode_text(_LIST_ITEM_TAG.sub("", text)).split())


@dataclass(frozen=True)
class InlineRules:
    """The inline rewrites of ``content/``, for pages in ``locale`` (``it-it``).

    ``article_dir`` is the source article's folder on learn.microsoft.com
    (``windows-server/get-started``): relative ``.md`` links are resolved against it.
    """

    locale: str
    article_dir: str

    def __call__(self, text: str) -> str:
        # Existing code spans are literal; only the text around them is rewritten.
        result, position = [], 0
        for span in _CODE_SPAN.finditer(text):
            result += [self._rewrite(text[position : span.start()]), span.group(0)]
            position = span.end()
        return "".join([*result, self._rewrite(text[position:])])

    def _rewrite(self, text: str) -> str:
        text = decode_text(_LIST_ITEM_TAG.sub("", text))
        text = _BOLD_COMMAND.sub(lambda bold: _code_span(bold.group(1)), text)
        return _RELATIVE_LINK.sub(self._absolute_link, text)

    def _absolute_link(self, link: re.Match[str]) -> str:
        path = posixpath.normpath(posixpath.join(self.article_dir, link.group(1)))
        return f"](https://learn.microsoft.com/{self.locale}/{path}{link.group(2) or ''})"


def _code_span(command: str) -> str:
    command = " ".join(_EMPHASISED_PLACEHOLDER.sub(r"<\2>", command).split())
    # The program name is written one way on every page (the source also has "Slmgr").
    command = "slmgr" + command[5:]
    fence = "``" if "`" in command else "`"
    padding = " " if fence == "``" else ""
    return f"{fence}{padding}{command}{padding}{fence}"
