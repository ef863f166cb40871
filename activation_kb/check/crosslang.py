"""Compare the Italian and English text of one file, field by field.

The English is a translation of the Italian, so both must have the same shape (a field
filled in one is filled in the other, lists have as many items) and carry the same
language-neutral facts: commands, numbers, hex codes and URLs (see
:mod:`activation_kb.domain.markup`).
Each string is also checked on its own: not blank, no raw HTML, no leftover HTML entity,
and learn.microsoft.com links in the page's own locale.

Free-keyed mappings (the activation-type labels) are compared on their common keys only;
which keys each language must have is :mod:`activation_kb.check.rules`'s business.
"""

from __future__ import annotations

import re

from pydantic import BaseModel

from activation_kb.content.yaml import FieldPath, YamlDoc
from activation_kb.domain.errors import Problem
from activation_kb.domain.markup import (
    TOKEN_KINDS,
    prose,
    refusals,
    tokens,
    url_locales,
)

__all__ = ["LOCALES", "check_language", "compare_languages"]

LOCALES = {"it": "it-it", "en": "en-us"}
"""The learn.microsoft.com locale of each language's links."""


def check_language(doc: YamlDoc, block: BaseModel, language: str) -> list[Problem]:
    """Every problem of the strings of one language's block of ``doc``, on their own:
    each is checked whatever the other language has."""
    problems: list[Problem] = []
    for path, text in _strings(block.model_dump(mode="json"), ()):
        _check_string(doc, text, (language, *path), LOCALES[language], problems)
    problems += _language_problems(doc, block, language)
    return problems


def compare_languages(doc: YamlDoc, it: BaseModel, en: BaseModel) -> list[Problem]:
    """Every difference between the ``it`` and ``en`` blocks of ``doc``: shape and
    language-neutral facts."""
    problems: list[Problem] = []
    _walk(doc, it.model_dump(mode="json"), en.model_dump(mode="json"), (), problems)
    return problems


def _strings(data: object, path: FieldPath) -> list[tuple[FieldPath, str]]:
    if isinstance(data, str):
        return [(path, data)]
    if isinstance(data, dict):
        return [found for key, value in data.items() for found in _strings(value, (*path, key))]
    if isinstance(data, list):
        return [
            found for index, value in enumerate(data) for found in _strings(value, (*path, index))
        ]
    return []


def _walk(doc: YamlDoc, it: object, en: object, path: FieldPath, problems: list[Problem]) -> None:
    if isinstance(it, dict) and isinstance(en, dict):
        for key in it.keys() & en.keys():
            _walk(doc, it[key], en[key], (*path, key), problems)
    elif isinstance(it, list) and isinstance(en, list):
        if len(it) != len(en):
            message = f"it has {_items(len(it))}, en has {_items(len(en))}"
            problems.append(doc.problem(("en", *path), message))
            return
        for index, (it_item, en_item) in enumerate(zip(it, en, strict=True)):
            _walk(doc, it_item, en_item, (*path, index), problems)
    elif isinstance(it, str) and isinstance(en, str):
        # Windows' messages are quoted as Windows prints them in each language, not
        # translated from each other: "0x8007007b DNS name does not exist." in English.
        if path[-1:] not in (("summary_message",), ("full_message",)):
            _compare_strings(doc, it, en, path, problems)
    elif it is None and isinstance(en, str):
        problems.append(doc.problem(("en", *path), "en has text here but it has none"))
    elif en is None and isinstance(it, str):
        problems.append(doc.problem(("en", *path), "missing translation: it has text here"))


def _check_string(
    doc: YamlDoc, text: str, where: FieldPath, expected: str, problems: list[Problem]
) -> None:
    if not text.strip():
        problems.append(doc.problem(where, "empty text"))
    problems += [doc.problem(where, message) for message in refusals(text)]
    for url, locale in url_locales(text):
        if locale != expected:
            message = f"link has locale '{locale}', expected '{expected}': {url}"
            problems.append(doc.problem(where, message))


def _compare_strings(
    doc: YamlDoc, it: str, en: str, path: FieldPath, problems: list[Problem]
) -> None:
    it_tokens, en_tokens = tokens(it), tokens(en)
    for kind in TOKEN_KINDS:
        if it_tokens[kind].keys() == en_tokens[kind].keys():
            continue  # the usual case, told without sorting and joining
        only_it = _only_in(it_tokens[kind], en_tokens[kind])
        only_en = _only_in(en_tokens[kind], it_tokens[kind])
        parts = [
            f"only in {lang}: {only}" for lang, only in (("it", only_it), ("en", only_en)) if only
        ]
        if parts:
            message = f"{kind} differ between it and en: {'; '.join(parts)}"
            problems.append(doc.problem(("en", *path), message))


def _only_in(these: dict[str, str], others: dict[str, str]) -> str:
    """The tokens of ``these`` (as written) whose compared form ``others`` lacks."""
    return ", ".join(these[key] for key in sorted(these.keys() - others.keys()))


def _items(count: int) -> str:
    return f"{count} item" if count == 1 else f"{count} items"


# Words frequent in one language's prose and rare in the other's: an ``it`` block whose
# text is mostly English words (an English article imported as Italian) is caught.
_STOP_WORDS = {
    "it": frozenset(
        [
            "il",
            "lo",
            "la",
            "gli",
            "le",
            "di",
            "del",
            "della",
            "dei",
            "delle",
            "degli",
            "che",
            "per",
            "con",
            "una",
            "uno",
            "sono",
            "questo",
            "questa",
            "nel",
            "nella",
            "alla",
            "dal",
            "dalla",
            "anche",
            "più",
            "essere",
            "viene",
            "può",
            "se",
        ]
    ),
    "en": frozenset(
        [
            "the",
            "and",
            "of",
            "to",
            "is",
            "that",
            "for",
            "with",
            "this",
            "are",
            "be",
            "on",
            "you",
            "your",
            "from",
            "by",
            "can",
            "when",
            "which",
            "was",
            "will",
            "have",
            "has",
        ]
    ),
}
_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")
_LEAST_WORDS = 3
"""Fewer stop words than this in a block, and it is too short to tell."""


def _language_problems(doc: YamlDoc, block: BaseModel, language: str) -> list[Problem]:
    """A block that reads as the other language: most of its frequent words are that
    language's."""
    text = " ".join(prose(text) for _, text in _strings(block.model_dump(mode="json"), ()))
    words = [word.lower() for word in _WORD.findall(text)]
    counts = {lang: sum(word in stop for word in words) for lang, stop in _STOP_WORDS.items()}
    other = next(lang for lang in _STOP_WORDS if lang != language)
    if counts[other] < _LEAST_WORDS or counts[other] <= 2 * counts[language]:
        return []
    names = {"it": "Italian", "en": "English"}
    message = (
        f"the {language} block reads as {names[other]} ({counts[other]} {names[other]} and "
        f"{counts[language]} {names[language]} common words): write {names[language]} here"
    )
    return [doc.problem((language,), message)]
