"""Compare the Italian and English text of one file, field by field.

The English is a translation of the Italian, so both must have the same shape (a field
filled in one is filled in the other, lists have as many items) and carry the same
language-neutral facts: commands, numbers, hex codes and URLs (see
:mod:`activation_kb.check.markup`).
Each string is also checked on its own: not blank, no raw HTML, no leftover HTML entity,
and learn.microsoft.com links in the page's own locale.

Free-keyed mappings (the activation-type labels) are compared on their common keys only;
which keys each language must have is :mod:`activation_kb.check.rules`'s business.
"""

from __future__ import annotations

from pydantic import BaseModel

from activation_kb.check.markup import (
    TOKEN_KINDS,
    entities,
    images,
    raw_html,
    tokens,
    unsafe_link_targets,
    url_locales,
)
from activation_kb.content.yaml import FieldPath, YamlDoc
from activation_kb.domain.errors import Problem

__all__ = ["LOCALES", "compare_languages"]

LOCALES = {"it": "it-it", "en": "en-us"}
"""The learn.microsoft.com locale of each language's links."""


def compare_languages(doc: YamlDoc, it: BaseModel, en: BaseModel) -> list[Problem]:
    """Every problem between the ``it`` and ``en`` blocks of ``doc``."""
    problems: list[Problem] = []
    _walk(doc, it.model_dump(mode="json"), en.model_dump(mode="json"), (), problems)
    return problems


def _walk(doc: YamlDoc, it: object, en: object, path: FieldPath, problems: list[Problem]) -> None:
    if isinstance(it, dict) and isinstance(en, dict):
        for key in it:
            if key in en:
                _walk(doc, it[key], en[key], (*path, key), problems)
    elif isinstance(it, list) and isinstance(en, list):
        if len(it) != len(en):
            message = f"it has {_items(len(it))}, en has {_items(len(en))}"
            problems.append(doc.problem(("en", *path), message))
            return
        for index, (it_item, en_item) in enumerate(zip(it, en, strict=True)):
            _walk(doc, it_item, en_item, (*path, index), problems)
    elif isinstance(it, str) and isinstance(en, str):
        _compare_strings(doc, it, en, path, problems)
    elif it is None and isinstance(en, str):
        problems.append(doc.problem(("en", *path), "en has text here but it has none"))
    elif en is None and isinstance(it, str):
        problems.append(doc.problem(("en", *path), "missing translation: it has text here"))


def _compare_strings(
    doc: YamlDoc, it: str, en: str, path: FieldPath, problems: list[Problem]
) -> None:
    for language, text in (("it", it), ("en", en)):
        where = (language, *path)
        if not text.strip():
            problems.append(doc.problem(where, "empty text"))
        if tags := raw_html(text):
            listed = ", ".join(f"'{tag}'" for tag in tags)
            message = f"raw HTML not allowed: {listed} (write Markdown; <placeholders> are fine)"
            problems.append(doc.problem(where, message))
        if shown := images(text):
            listed = ", ".join(f"'{image}'" for image in shown)
            message = f"image not allowed: {listed} (pages load nothing from outside the site)"
            problems.append(doc.problem(where, message))
        if targets := unsafe_link_targets(text):
            listed = ", ".join(f"'{target}'" for target in targets)
            message = f"link target not allowed: {listed} (links go to http:// or https:// URLs)"
            problems.append(doc.problem(where, message))
        if refs := entities(text):
            listed = ", ".join(f"'{ref}'" for ref in refs)
            message = f"HTML entity not allowed: {listed} (write the character itself)"
            problems.append(doc.problem(where, message))
        expected = LOCALES[language]
        for url, locale in url_locales(text):
            if locale != expected:
                message = f"link has locale '{locale}', expected '{expected}': {url}"
                problems.append(doc.problem(where, message))
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
