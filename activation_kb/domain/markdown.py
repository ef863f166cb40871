"""The content's Markdown, read once: a small tree of blocks, and the spans of a line.

``content/`` holds a narrow CommonMark subset: paragraphs, ``-`` and ``1.`` lists whose
nested content is indented to the item's content column, blockquotes, GitHub alerts
(``> [!NOTE]``) and, rarely, fenced code; inside a paragraph, code spans, links and
autolinks are the spans whose characters are not text. Every reader of the content's
Markdown goes through here: the page writer (:mod:`activation_kb.render.pymd`, which
writes each construct the way Python-Markdown wants it), the terminal
(:mod:`activation_kb.render.terminal`) and ``kb check`` (:mod:`activation_kb.domain.markup`).

This module knows nothing about any engine: it only reads the content's conventions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

__all__ = [
    "Alert",
    "Block",
    "Fence",
    "ListBlock",
    "Paragraph",
    "Quote",
    "Span",
    "code_spans",
    "parse_blocks",
    "spans",
]

_BULLET = re.compile(r"([-*+])( +)(?=\S)")
_ORDINAL = re.compile(r"(\d{1,9})([.)])( +)(?=\S)")
_FENCE = re.compile(r"(`{3,}|~{3,})")
_ALERT = re.compile(r"\[!(NOTE|TIP|IMPORTANT|WARNING|CAUTION)\]\s*", re.IGNORECASE)


@dataclass(frozen=True)
class Paragraph:
    """Lines of inline Markdown, without their indentation."""

    lines: tuple[str, ...]


@dataclass(frozen=True)
class Fence:
    """A fenced code block: its info string and its literal lines."""

    info: str
    lines: tuple[str, ...]


@dataclass(frozen=True)
class Quote:
    """A plain blockquote."""

    children: tuple[Block, ...]


@dataclass(frozen=True)
class Alert:
    """A GitHub/DocFX alert: ``kind`` is ``note``, ``tip``, ``important``, ``warning`` or
    ``caution``."""

    kind: str
    children: tuple[Block, ...]


@dataclass(frozen=True)
class ListBlock:
    """An ordered (numbered from ``start``) or bulleted list; each item is its blocks."""

    ordered: bool
    start: int
    items: tuple[tuple[Block, ...], ...] = field(default=())


Block = Paragraph | Fence | Quote | Alert | ListBlock


def parse_blocks(text: str) -> tuple[Block, ...]:
    """Parse one Markdown field of ``content/`` into blocks."""
    return _parse(text.expandtabs(4).split("\n"))


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _marker(line: str) -> tuple[bool, int, int] | None:
    """``(ordered, number, content column)`` when ``line`` starts a list item."""
    stripped = line.lstrip(" ")
    indent = len(line) - len(stripped)
    if match := _BULLET.match(stripped):
        return False, 1, indent + match.end()
    if match := _ORDINAL.match(stripped):
        return True, int(match.group(1)), indent + match.end()
    return None


def _interrupts_paragraph(line: str) -> bool:
    # As in CommonMark: only a numbered list starting at 1 may interrupt a paragraph, so a
    # wrapped line that happens to begin "2019. " stays text.
    stripped = line.lstrip(" ")
    marker = _marker(line)
    if marker and (not marker[0] or marker[1] == 1):
        return True
    return stripped.startswith(">") or bool(_FENCE.match(stripped))


def _parse(lines: list[str]) -> tuple[Block, ...]:
    blocks: list[Block] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        stripped = line.strip()
        if not stripped:
            i += 1
        elif fence := _FENCE.match(stripped):
            i = _take_fence(lines, i, fence.group(1), blocks)
        elif stripped.startswith(">"):
            i = _take_quote(lines, i, blocks)
        elif marker := _marker(line):
            i = _take_list(lines, i, marker[0], marker[1], blocks)
        else:
            start = i
            i += 1
            while i < len(lines) and lines[i].strip() and not _interrupts_paragraph(lines[i]):
                i += 1
            blocks.append(Paragraph(tuple(part.strip() for part in lines[start:i])))
    return tuple(blocks)


def _take_fence(lines: list[str], i: int, fence: str, blocks: list[Block]) -> int:
    indent = _indent(lines[i])
    info = lines[i].strip()[len(fence) :].strip()
    body: list[str] = []
    i += 1
    while i < len(lines) and not lines[i].strip().startswith(fence):
        body.append(lines[i][indent:] if _indent(lines[i]) >= indent else lines[i].lstrip(" "))
        i += 1
    blocks.append(Fence(info, tuple(body)))
    return i + 1


def _take_quote(lines: list[str], i: int, blocks: list[Block]) -> int:
    inner: list[str] = []
    while i < len(lines) and lines[i].lstrip(" ").startswith(">"):
        content = lines[i].lstrip(" ")[1:]
        inner.append(content[1:] if content.startswith(" ") else content)
        i += 1
    if inner and (alert := _ALERT.fullmatch(inner[0].strip())):
        blocks.append(Alert(alert.group(1).lower(), _parse(inner[1:])))
    else:
        blocks.append(Quote(_parse(inner)))
    return i


def _take_list(lines: list[str], i: int, ordered: bool, start: int, blocks: list[Block]) -> int:
    items: list[tuple[Block, ...]] = []
    list_indent = _indent(lines[i])
    while i < len(lines):
        marker = _marker(lines[i])
        if marker is None or marker[0] != ordered or _indent(lines[i]) != list_indent:
            break
        column = marker[2]
        body = [lines[i][column:]]
        i += 1
        while i < len(lines):
            line = lines[i]
            if line.strip() and _indent(line) < column:
                break
            if not line.strip():
                # A blank line ends the item unless the next non-blank line is indented into it.
                following = next((rest for rest in lines[i:] if rest.strip()), "")
                if _indent(following) < column:
                    break
            body.append(line[column:])
            i += 1
        items.append(_parse(body))
        while i < len(lines) and not lines[i].strip():
            following = next((rest for rest in lines[i:] if rest.strip()), "")
            if _marker(following) is None or _indent(following) != list_indent:
                break
            i += 1
    blocks.append(ListBlock(ordered, start, tuple(items)))
    return i


# A code span; a link or image ``[text](destination "title")`` with one level of brackets in
# the text and of parentheses in the destination; an autolink to a web page.
_CODE = r"(?P<code>(?P<ticks>`+)(?P<code_text>.+?)(?<!`)(?P=ticks)(?!`))"
_INLINE = re.compile(
    _CODE + r"|(?P<link>(?P<bang>!?)\[(?P<text>(?:[^\[\]]|\[[^\[\]]*\])*)\]"
    r"\((?P<dest>[^()\s]*(?:\([^()\s]*\)[^()\s]*)*)(?P<title>\s+\"[^\"]*\")?\))"
    r"|(?P<auto><(?P<auto_url>https?://[^\s<>]+)>)",
    re.DOTALL,
)
_CODE_SPAN = re.compile(_CODE, re.DOTALL)


@dataclass(frozen=True)
class Span:
    """A piece of a line that is not plain text: ``kind`` is ``code``, ``link``, ``image``
    or ``autolink``; ``raw`` as written, ``start`` and ``end`` its place in the line."""

    kind: str
    raw: str
    start: int
    end: int
    text: str
    """A code span's code (one space each side dropped, as CommonMark does), a link's text,
    an autolink's URL."""
    dest: str = ""
    """A link's destination (its first word), an autolink's URL."""


def code_spans(text: str) -> list[Span]:
    """The code spans of ``text`` alone, links or not around them."""
    if "`" not in text:
        return []
    return [_code_span(match) for match in _CODE_SPAN.finditer(text)]


def _code_span(match: re.Match[str]) -> Span:
    code = match.group("code_text")
    if len(code) > 2 and code[0] == code[-1] == " " and code.strip():
        code = code[1:-1]  # as CommonMark does
    return Span("code", match.group(0), match.start(), match.end(), code)


def spans(line: str) -> list[Span]:
    """The code spans, links, images and autolinks of ``line`` (or of a whole field: a code
    span may run across lines), in order."""
    if "`" not in line and "[" not in line and "<" not in line:
        return []  # each starts with one of these; most lines have none
    found = []
    for match in _INLINE.finditer(line):
        raw, start, end = match.group(0), match.start(), match.end()
        if match.group("code"):
            found.append(_code_span(match))
        elif match.group("link"):
            kind = "image" if match.group("bang") else "link"
            dest = match.group("dest")
            found.append(Span(kind, raw, start, end, match.group("text"), dest))
        else:
            url = match.group("auto_url")
            found.append(Span("autolink", raw, start, end, url, url))
    return found
