"""Turn pydantic's validation errors into problems a content editor understands.

Pydantic says "Input should be a valid string" at ``('en', 'notes', 0)``; the editor needs
"codes/0x8007007b.yaml:41: en.notes[0]: expected text, got a list". Each error entry becomes
one :class:`Problem` with the dotted field path, the line the YAML document gives for that
path, and a message written for people who edit YAML rather than Python.
"""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from activation_kb.content.yaml import FieldPath, YamlDoc
from activation_kb.domain.errors import Problem, echo
from activation_kb.domain.model import LANGUAGES, ActivationType

__all__ = ["problems_from_validation"]

_QUOTED = 60
"""The most characters of a wrong value a message quotes: one line, whatever the file holds."""

_EXPECTED_TYPES = ", ".join(member.value for member in ActivationType)

_PATTERN_MEANINGS = {
    "code": "expected 0x and 8 hex digits, e.g. 0xC004F074",
    "canonical": "expected 0x and 8 upper-case hex digits, e.g. 0xC004F074",
    "anchor": "expected lower-case letters, digits and hyphens",
}


def problems_from_validation(error: ValidationError, doc: YamlDoc) -> list[Problem]:
    """One problem per entry of ``error``, located in ``doc``."""
    problems = []
    for entry in error.errors(include_url=False):
        path: FieldPath = tuple(entry["loc"])
        if path and path[-1] == "[key]":
            # A bad mapping key (an activation type label): report it at the key itself.
            path = path[:-1]
        message = _message(entry, path, doc)
        problems.append(doc.problem(path, message))
    return problems


def _message(entry: Any, path: FieldPath, doc: YamlDoc) -> str:
    kind: str = entry["type"]
    value = entry.get("input")
    ctx = entry.get("ctx") or {}
    if kind == "missing":
        if len(path) == 1 and path[0] in LANGUAGES:
            return f"missing translation: no '{path[0]}' block"
        return "missing field"
    if kind == "extra_forbidden":
        return f"extra field '{path[-1]}' not allowed"
    if kind == "enum":
        return f"unknown activation type '{_quoted(value)}' (expected one of: {_EXPECTED_TYPES})"
    if kind == "string_type":
        return f"expected text, got {_describe(value, path, doc)}"
    if kind == "string_too_short":
        return "must not be empty"
    if kind == "string_too_long":
        return f"is longer than {ctx['max_length']:,} characters ({len(value):,}): shorten it"
    if kind == "string_pattern_mismatch":
        meaning = _PATTERN_MEANINGS.get(str(path[-1]) if path else "", f"expected {ctx['pattern']}")
        return f"'{_quoted(value)}' has the wrong form: {meaning}"
    if kind in ("too_short", "too_long"):
        return _length_message(kind, ctx)
    if kind == "list_type":
        return f"expected a list, got {_describe(value, path, doc)}"
    if kind in ("bool_type", "bool_parsing"):
        return f"expected true or false, got {_describe(value, path, doc)}"
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        if not path and value is None:
            return "the file is empty"
        return f"expected a mapping of fields, got {_describe(value, path, doc)}"
    # Not reached by the current schema; pydantic's own words are better than nothing.
    return str(entry["msg"])


def _length_message(kind: str, ctx: dict[str, Any]) -> str:
    actual = ctx.get("actual_length")
    if kind == "too_short":
        least = ctx["min_length"]
        if least == 1:
            return "must not be empty"
        return f"needs at least {least} items, has {actual}"
    return f"allows at most {ctx['max_length']} items, has {actual}"


def _describe(value: object, path: FieldPath, doc: YamlDoc) -> str:
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, int | float):
        # YAML reads 0x8007007b and 1688 as numbers; show what was written and the fix.
        written = doc.plain_scalars.get(path, str(value))
        return f"the number {written} (put it in quotes to make it text)"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, str):
        return f"the text '{_quoted(value)}'"
    return type(value).__name__


def _quoted(value: object) -> str:
    """A wrong value as a message quotes it: on one line, at most :data:`_QUOTED` long."""
    return echo(" ".join(str(value).split()), _QUOTED)
