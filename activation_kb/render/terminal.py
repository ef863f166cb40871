"""Content Markdown rendered for a terminal: the small subset our content uses.

``kb lookup`` prints causes and resolutions in a shell, where raw Markdown reads badly and
a full renderer is overkill. Handled: bold and italic, inline code, links as
"text (url)", backslash escapes, headings, bullet and numbered lists (their indentation is
kept), fenced code, blockquotes, and ``> [!NOTE]``-style callouts as "Note: …" in the
reader's language. Anything else passes through as text, which is still readable.

Colour is a choice of the caller (``kb lookup`` asks the terminal); without it the output is plain
text, with inline code kept between backticks so commands stay delimited.
"""

from __future__ import annotations

import re
from typing import Any

import click

from activation_kb.domain.words import WORDS

__all__ = ["heading", "render"]

_CALLOUT = re.compile(r"\[!(NOTE|TIP|IMPORTANT|WARNING|CAUTION)\]\s*(.*)", re.IGNORECASE)
_QUOTE_LINE = re.compile(r"^(\s*)> ?")
_HEADING = re.compile(r"^ {0,3}#{1,6}\s+(.*?)(?:\s+#+)?\s*$")
_LIST_ITEM = re.compile(r"^(\s*)([-*+]|\d+[.)])\s+(.*)$")
_FENCE = re.compile(r"^\s*(```|~~~)")
_INLINE = re.compile(
    r"(?P<code>(?P<ticks>`+)(?P<code_text>.+?)(?<!`)(?P=ticks)(?!`))"
    r"|(?P<link>\[(?P<link_text>(?:[^\[\]]|\[[^\]]*\])*)\]"
    r"\((?P<url><[^>]*>|[^\s)]+)(?:\s+\"[^\"]*\")?\))"
    r"|(?P<autolink><(?P<auto_url>[A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*)>)"
    r"|\*\*(?P<strong>\S(?:.*?\S)?)\*\*"
    r"|(?<![\w*])\*(?P<em>[^\s*](?:.*?[^\s*])?)\*(?![\w*])"
    r"|(?<!\w)_(?P<em_underscore>[^\s_](?:.*?[^\s_])?)_(?!\w)"
    r"|\\(?P<escaped>[!-/:-@\[-`{-~])"
)


def heading(text: str, *, color: bool) -> str:
    """A section title of the terminal output."""
    return click.style(text, bold=True) if color else text


def render(markdown: str, lang: str, *, color: bool) -> str:
    """``markdown`` as terminal text in ``lang`` (which titles the callouts)."""
    labels = {kind.upper(): title for kind, title in WORDS[lang].alerts.items()}
    return "\n".join(_blocks(markdown.splitlines(), labels, color))


def _blocks(lines: list[str], labels: dict[str, str], color: bool) -> list[str]:
    out: list[str] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        if _FENCE.match(line):
            end = next((i for i in range(index + 1, len(lines)) if _FENCE.match(lines[i])), None)
            body = lines[index + 1 : end if end is not None else len(lines)]
            out.extend("    " + _style(text, color, fg="cyan") for text in body)
            index = len(lines) if end is None else end + 1
        elif quote := _QUOTE_LINE.match(line):
            # A quote nested in a list item keeps the item's indentation.
            indent, quoted = quote.group(1), []
            while index < len(lines) and _QUOTE_LINE.match(lines[index]):
                quoted.append(_QUOTE_LINE.sub("", lines[index], count=1))
                index += 1
            out.extend(indent + text if text else "" for text in _quote(quoted, labels, color))
        else:
            out.append(_line(line, color))
            index += 1
    return out


def _quote(lines: list[str], labels: dict[str, str], color: bool) -> list[str]:
    callout = _CALLOUT.fullmatch(lines[0].strip()) if lines else None
    if callout is None:
        return ["  " + text if text else "" for text in _blocks(lines, labels, color)]
    # Text may follow the marker on its own line (`> [!NOTE] text`); keep it as the first line.
    body = [callout.group(2), *lines[1:]] if callout.group(2) else lines[1:]
    while body and not body[0].strip():
        body.pop(0)
    title = labels[callout.group(1).upper()] + ":"
    rendered = _blocks(body, labels, color) or [""]
    indent = " " * (len(title) + 1)
    first = f"{_style(title, color, bold=True, fg='yellow')} {rendered[0]}".rstrip()
    return [first, *(indent + text if text else "" for text in rendered[1:])]


def _line(line: str, color: bool) -> str:
    if heading_match := _HEADING.match(line):
        return heading(_inline(heading_match.group(1), color), color=color)
    if item := _LIST_ITEM.match(line):
        indent, marker, text = item.groups()
        marker = "-" if marker in "*+" else marker
        return f"{indent}{marker} {_inline(text, color)}"
    return _inline(line, color)


def _inline(text: str, color: bool) -> str:
    parts: list[str] = []
    position = 0
    for match in _INLINE.finditer(text):
        parts.append(text[position : match.start()])
        position = match.end()
        parts.append(_span(match, color))
    parts.append(text[position:])
    return "".join(parts)


def _span(match: re.Match[str], color: bool) -> str:
    if match.group("code"):
        code = match.group("code_text")
        # CommonMark strips one space on each side when both are there (`` `x` ``).
        if len(code) > 2 and code[0] == code[-1] == " " and code.strip():
            code = code[1:-1]
        return _style(code, color, fg="cyan") if color else f"`{code}`"
    if match.group("link"):
        label = _inline(match.group("link_text"), color)
        url = match.group("url").removeprefix("<").removesuffix(">")
        if click.unstyle(label) == url:
            return _style(url, color, underline=True)
        return f"{label} ({_style(url, color, underline=True)})"
    if url := match.group("auto_url"):
        return _style(url, color, underline=True)
    if (strong := match.group("strong")) is not None:
        return _style(_inline(strong, color), color, bold=True)
    emphasis = match.group("em") or match.group("em_underscore")
    if emphasis is not None:
        return _style(_inline(emphasis, color), color, italic=True)
    return match.group("escaped")


def _style(text: str, color: bool, **styles: Any) -> str:
    return click.style(text, **styles) if color else text
