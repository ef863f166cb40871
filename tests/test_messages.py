"""Windows' own messages, quoted exactly: every English message of content/ is the one
Microsoft's English original of the article quotes (issue 14). The original is parsed here,
on its own, not by the importer."""

from __future__ import annotations

import html
import re

import pytest

from activation_kb.domain.model import Content
from tests.conftest import PROJECT_CONTENT

ORIGINAL = PROJECT_CONTENT / "sources" / "activation-error-codes.en-us.md"
_ROW = re.compile(r"^\|\[(0x[0-9A-Fa-f]{8})\]\(#[^)]*\) *\|(.*?)\|[^|]*\|\s*$", re.MULTILINE)
_SECTION = re.compile(r"^### (0x[0-9A-Fa-f]{8}) ", re.MULTILINE)
_FULL = re.compile(
    r"^The full text of this error(?: message)? resembles the following:\s*\n(?:\s*\n)?> (.*)$",
    re.MULTILINE,
)


def _plain(cell: str) -> str:
    """A cell or quote of the original as text: entities decoded, white space trimmed."""
    return " ".join(html.unescape(cell).split())


def _summary_messages() -> dict[str, str]:
    text = ORIGINAL.read_text(encoding="utf-8")
    return {code.upper(): _plain(message) for code, message in _ROW.findall(text)}


def _full_messages() -> dict[str, str]:
    text = ORIGINAL.read_text(encoding="utf-8")
    starts = list(_SECTION.finditer(text))
    found = {}
    for section, after in zip(starts, [*starts[1:], None], strict=True):
        body = text[section.end() : after.start() if after else len(text)]
        if match := _FULL.search(body):
            found[section.group(1).upper()] = _plain(match.group(1))
    return found


def test_the_original_is_parsed_whole() -> None:
    assert len(_summary_messages()) == 30
    assert len(_full_messages()) == 8


@pytest.mark.parametrize("code", sorted(_summary_messages()))
def test_each_english_message_is_the_originals(content: Content, code: str) -> None:
    record = content.record_of(code)
    assert record is not None
    assert record.en.summary_message == _summary_messages()[code]
    assert record.en.full_message == _full_messages().get(code)
