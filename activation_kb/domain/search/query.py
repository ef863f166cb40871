"""What a search query holds: the codes written in it, and its words.

A **complete code** is read anywhere in the query, between characters that are not letters
or digits (``hr=0xC004F074``, ``(0xc004f050)``, ``[Error Code: 0x80070005]``):

* ``0x`` and eight hex digits, any case; ``Ox`` too (the letter O typed for the zero);
* eight hex digits without ``0x``, at least one a decimal digit, beginning with 8, 9 or
  A-F (the severity bit of a failure: ``C004F074``, ``8007007B``, ``80070005``;
  ``20191118`` is a date and ``deadbeef`` a word, no code);
* a decimal of nine or ten digits, signed or not, whose 32-bit value has the severity bit
  (``3221549172``, ``-1073418124``; ``12288``, an event ID, and ``1688``, a port, are not);
* a Win32 error number with its hex, ``9003 (0x232B)`` or ``0x232B (9003)``: the HRESULT
  ``0x8007232B`` (``HRESULT_FROM_WIN32``).

Shorter hex after ``0x`` (``0xC004F0``) is no complete code: it is a code being typed, and
the index's code words answer it as any word being typed.

The **words** are the rest of the query read by :mod:`.text`; the last is being typed
unless the query ends with a space or punctuation, and only that one is a prefix.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from activation_kb.domain.search.text import STOP_WORDS, names, pairs, stem, words

__all__ = ["MIN_PREFIX", "Query", "read_query"]

MIN_PREFIX = 3
"""A word being typed is a prefix from this many characters on; shorter, it is a word."""

_SEVERITY = 0x80000000
_WIN32 = 0x80070000
_EDGE = r"(?<![0-9A-Za-z])"
_END = r"(?![0-9A-Za-z])"
_PAIR = re.compile(
    rf"{_EDGE}(?:(?P<d1>[0-9]{{1,5}}) *\( *0[xX](?P<h1>[0-9A-Fa-f]{{1,4}}) *\)"
    rf"|0[xX](?P<h2>[0-9A-Fa-f]{{1,4}}) *\( *(?P<d2>[0-9]{{1,5}}) *\)){_END}"
)
_CODE = re.compile(
    rf"{_EDGE}(?:[0oO][xX](?P<hex>[0-9A-Fa-f]{{8}})|(?P<bare>(?=[A-Fa-f]*[0-9])[0-9A-Fa-f]{{8}})"
    rf"|(?P<decimal>-?[0-9]{{9,10}})){_END}"
)
# A character after which no word is being typed; JavaScript reads a character beyond
# U+FFFF as two, both in the class, so Python's class runs to the last code point.
_LAST_CHARACTER_ENDS_A_WORD = re.compile("[^0-9A-Za-z\u00c0-\U0010ffff]\\Z")


@dataclass(frozen=True)
class Query:
    """A query as the ranking reads it."""

    codes: tuple[int, ...]
    """The complete codes, in the order written, each once."""
    terms: tuple[str, ...]
    """The stems of the words that count (no stop word, no code), each once, in order."""
    typed: str | None
    """The word being typed, folded, when it is long enough to be a prefix."""
    names: tuple[str, ...]
    """Identifiers with underscores, whole (``sl_e_vl_not_enough_count``)."""
    pairs: tuple[str, ...]
    """Consecutive stems of the query's words that count, ``"a b"``: what a pasted
    message shares with the page's message."""


def read_query(text: str, lang: str) -> Query:
    """Read ``text`` typed into the search of the ``lang`` site."""
    codes: list[int] = []
    rest = _take_codes(text, codes)
    folded = words(rest)
    ends_a_word = not rest or _LAST_CHARACTER_ENDS_A_WORD.search(rest) is not None
    counted = [word for word in folded if word not in STOP_WORDS]
    stems = [stem(word, lang) for word in counted]
    typed = None
    if folded and not ends_a_word:
        last = folded[-1]
        if len(last) >= MIN_PREFIX and last not in STOP_WORDS:
            typed = last
    return Query(
        codes=tuple(dict.fromkeys(codes)),
        terms=tuple(dict.fromkeys(stems)),
        typed=typed,
        names=tuple(dict.fromkeys(names(rest))),
        pairs=tuple(dict.fromkeys(pairs(stems))),
    )


def _take_codes(text: str, found: list[int]) -> str:
    """Append the complete codes of ``text`` to ``found``; return the text without them."""

    def pair(match: re.Match[str]) -> str:
        decimal = match.group("d1") or match.group("d2")
        hexadecimal = match.group("h1") or match.group("h2")
        if int(decimal) == int(hexadecimal, 16) and int(decimal) <= 0xFFFF:
            found.append(_WIN32 + int(decimal))
            return " "
        return match.group(0)

    def code(match: re.Match[str]) -> str:
        value = _value(match)
        if value is None:
            return match.group(0)
        found.append(value)
        return " "

    return _CODE.sub(code, _PAIR.sub(pair, text))


def _value(match: re.Match[str]) -> int | None:
    if match.group("hex"):
        return int(match.group("hex"), 16)
    if match.group("bare"):
        value = int(match.group("bare"), 16)
        return value if value >= _SEVERITY else None
    number = int(match.group("decimal"))
    value = number + 2**32 if number < 0 else number
    if number < -(2**31) or value >= 2**32 or value < _SEVERITY:
        return None
    return value
