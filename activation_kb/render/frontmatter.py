"""A page's front matter as YAML the engine reads back exactly, written quickly.

Every value is written as JSON, which is also YAML: a string as a double-quoted scalar, a
list in flow style, one key per line; a mapping's keys follow on lines of their own,
indented. PyYAML's own dumper spends
most of the generator's rendering time in its representer (a third of a large build's
generator stage); this is a ``json.dumps`` per key.

JSON leaves a few characters as they are that YAML reads otherwise: the C1 controls and
U+FFFE/U+FFFF, which PyYAML's reader refuses; U+0085, U+2028 and U+2029, which YAML takes
for line breaks and folds into a space inside a quoted scalar; and the byte-order mark.
They are written as ``\\uXXXX`` escapes, which both read alike.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping

__all__ = ["dump"]

_KEY = re.compile(r"^[a-z][a-z0-9_]*$")
# Plain words YAML 1.1 (PyYAML) reads as a boolean or null, not as a string: quoted.
_YAML_WORDS = frozenset({"y", "n", "yes", "no", "on", "off", "true", "false", "null"})
# What json.dumps(value, ensure_ascii=False) does, without making an encoder per value.
_ENCODE = json.JSONEncoder(ensure_ascii=False).encode
_YAML_SPECIAL = re.compile("[\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]")


def dump(meta: Mapping[str, object]) -> str:
    """``meta`` as YAML lines (each ending in a newline), keys in their order."""
    return "".join(_lines(meta, ""))


def _lines(meta: Mapping[str, object], indent: str) -> list[str]:
    lines = []
    for key, value in meta.items():
        if not _KEY.match(key):
            raise ValueError(f"front matter key {key!r} is not a plain name")
        if key in _YAML_WORDS:
            key = json.dumps(key)
        if isinstance(value, Mapping) and value:
            lines.append(f"{indent}{key}:\n")
            lines += _lines(value, indent + "  ")
            continue
        text = _ENCODE(value)
        lines.append(f"{indent}{key}: {_YAML_SPECIAL.sub(_escape, text)}\n")
    return lines


def _escape(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"
