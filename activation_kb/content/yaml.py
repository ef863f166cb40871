"""YAML for ``content/``, both ways: read a file remembering where every field came from,
and write data as stable, reviewable YAML.

**Reading.** ``yaml.safe_load`` forgets positions, and a message like "en.resolution:
missing field" is only useful with a line to jump to. :func:`parse_yaml` composes the node
tree once (libyaml, when installed) and walks it once, building the plain data and the
line of every mapping key and sequence item, keyed by its path (``("en", "notes", 0)``).
Content is plain mappings, lists and scalars, so the walk refuses what content never
needs and an attacker would: aliases (``*name``, a few hundred bytes of them expand to
gigabytes), merge keys and collection tags, each reported at its line. Text that is not
YAML is worded by PyYAML's pure-Python parser, whose messages name line and column.

**Writing.** Files under ``content/`` are edited by people and diffed in review, so
:func:`dump` fixes every choice PyYAML would otherwise leave open: keys in schema field
order (:func:`in_field_order`), multi-line strings as literal blocks (``|-``), UTF-8 text
instead of ``\\u`` escapes, no line folding, indented sequences, one trailing newline.
"""

from __future__ import annotations

import sys
import typing
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel

from activation_kb.domain.errors import Problem
from activation_kb.domain.textfile import NotUtf8Error, decode_utf8, split_lines

__all__ = [
    "MAX_FILE_BYTES",
    "FieldPath",
    "YamlDoc",
    "dump",
    "field_name",
    "in_field_order",
    "parse_yaml",
    "read_yaml",
]

MAX_FILE_BYTES = 256 * 1024
"""The largest YAML file read: a record is a few kilobytes, the article about twenty."""

FieldPath = tuple[str | int, ...]
"""Where a value sits in a document: mapping keys and sequence indexes, outermost first."""


@dataclass(frozen=True)
class YamlDoc:
    """One parsed YAML file: its data, and the line (1-based) of each field path."""

    file: str
    """The file's path relative to the content root, with ``/`` separators."""
    data: object
    lines: Mapping[FieldPath, int] = field(default_factory=dict)
    plain_scalars: Mapping[FieldPath, str] = field(default_factory=dict)
    """The source text of unquoted scalars, to show ``0x8007007b`` rather than the number
    YAML turned it into."""

    def line(self, *path: str | int) -> int:
        """The line of ``path``, or of its nearest ancestor that exists (a missing field is
        reported where its parent mapping starts)."""
        for end in range(len(path), -1, -1):
            found = self.lines.get(tuple(path[:end]))
            if found is not None:
                return found
        return 1

    def problem(self, path: FieldPath, message: str) -> Problem:
        """A :class:`Problem` at ``path`` of this file."""
        return Problem(self.file, self.line(*path), field_name(path), message)


def field_name(path: FieldPath) -> str:
    """``en.notes[0]``; keys that are not simple names are quoted: ``metadata["ms.date"]``."""
    name = ""
    for part in path:
        if isinstance(part, int):
            name += f"[{part}]"
        elif not part or any(char in part for char in '.[]" '):
            name += f'["{part}"]'
        else:
            name += f".{part}" if name else part
    return name


def read_yaml(path: Path, file: str) -> tuple[YamlDoc | None, list[Problem]]:
    """Parse ``path`` (shown as ``file``); ``None`` and the problems when it cannot be read.
    Files larger than :data:`MAX_FILE_BYTES` are refused unread."""
    try:
        with path.open("rb") as stream:
            raw = stream.read(MAX_FILE_BYTES + 1)
    except OSError as error:
        return None, [Problem(file, None, "", f"cannot read the file: {error.strerror}")]
    if len(raw) > MAX_FILE_BYTES:
        limit = f"{MAX_FILE_BYTES // 1024} KB"
        return None, [Problem(file, None, "", f"the file is larger than {limit}; split it")]
    try:
        text = decode_utf8(raw)
    except NotUtf8Error as error:
        return None, [Problem(file, error.line, "", error.describe())]
    return parse_yaml(text, file)


def parse_yaml(text: str, file: str) -> tuple[YamlDoc | None, list[Problem]]:
    """Parse ``text`` (shown as ``file``): its document, ``None`` when it is not YAML, and
    the problems (a document with problems, duplicate keys say, is still returned)."""
    if yaml.reader.Reader.NON_PRINTABLE.search(text):
        return None, [_worded(file, text)]  # libyaml lets some of these through
    loader = _LOADER(text)
    try:
        node = loader.get_single_node()
    except (yaml.YAMLError, RecursionError):
        return None, [_worded(file, text)]
    finally:
        loader.dispose()
    walk = _Walk(file, loader)
    try:
        data = walk.value(node, ()) if node is not None else None
    except RecursionError:
        return None, [_too_deep(file)]
    return YamlDoc(file, data, walk.lines, walk.plain_scalars), walk.problems


_LOADER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""libyaml's composer, about ten times quicker than PyYAML's (thousands of records load in
a second); every value is then built by :class:`_Walk`, the same either way."""

def _too_deep(file: str) -> Problem:
    return Problem(file, None, "", "the document is nested too deeply")


_STR, _SEQ, _MAP = (f"tag:yaml.org,2002:{name}" for name in ("str", "seq", "map"))


class _Walk:
    """Builds the data of one node tree, with the line of every path, the text of plain
    scalars, and the problems of what content may not hold."""

    def __init__(self, file: str, loader: yaml.SafeLoader) -> None:
        self.file, self.loader = file, loader
        self.lines: dict[FieldPath, int] = {}
        self.plain_scalars: dict[FieldPath, str] = {}
        self.problems: list[Problem] = []
        self._seen: set[int] = set()

    def value(self, node: yaml.Node, path: FieldPath) -> object:
        if id(node) in self._seen:
            # The composer hands an alias the very node its anchor named, whose position
            # is the anchor's: the alias is reported at its key, or at its list.
            line = self.lines.get(path) or self.lines.get(path[:-1], 1)
            message = "aliases (*name) are not allowed: write the value out"
            self.problems.append(Problem(self.file, line, field_name(path), message))
            return None
        self._seen.add(id(node))
        self.lines.setdefault(path, node.start_mark.line + 1)
        if isinstance(node, yaml.ScalarNode):
            if not node.style:  # plain: None from PyYAML, "" from libyaml
                self.plain_scalars[path] = node.value
            return self._scalar(node, path)
        if isinstance(node, yaml.SequenceNode) and node.tag == _SEQ:
            return [self.value(item, (*path, index)) for index, item in enumerate(node.value)]
        if isinstance(node, yaml.MappingNode) and node.tag == _MAP:
            return self._mapping(node, path)
        return self._refuse(node, path, f"the tag {node.tag} is not allowed")

    def _scalar(self, node: yaml.ScalarNode, path: FieldPath) -> object:
        if node.tag == _STR:
            return node.value
        try:  # a number, a date, null, a boolean: built by PyYAML as usual
            return self.loader.construct_object(node, deep=True)
        except yaml.YAMLError:
            return self._refuse(node, path, f"the tag {node.tag} is not allowed")

    def _mapping(self, node: yaml.MappingNode, path: FieldPath) -> dict[object, object]:
        mapping: dict[object, object] = {}
        first_seen: dict[object, int] = {}
        for key_node, value_node in node.value:
            key_line = key_node.start_mark.line + 1
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag.endswith(":merge"):
                what = "merge keys (<<)" if isinstance(key_node, yaml.ScalarNode) else "keys"
                message = f"{what} must be plain text" if what == "keys" else f"{what} not allowed"
                self.problems.append(Problem(self.file, key_line, field_name(path), message))
                continue
            key = self._scalar(key_node, path)
            shown = key if isinstance(key, str | int) and not isinstance(key, bool) else None
            where = (*path, key_node.value if shown is None else shown)
            if key in first_seen:
                # PyYAML keeps the last value silently; a checker must not.
                message = f"duplicate key '{where[-1]}' (first at line {first_seen[key]})"
                self.problems.append(Problem(self.file, key_line, field_name(where), message))
                # The data holds the last value: problems with it must point at that one.
                self._forget(where)
            else:
                first_seen[key] = key_line
            self.lines[where] = key_line
            mapping[key] = self.value(value_node, where)
        return mapping

    def _refuse(self, node: yaml.Node, path: FieldPath, message: str) -> None:
        line = node.start_mark.line + 1
        self.problems.append(Problem(self.file, line, field_name(path), message))

    def _forget(self, prefix: FieldPath) -> None:
        for table in (self.lines, self.plain_scalars):
            for path in [path for path in table if path[: len(prefix)] == prefix]:
                del table[path]


def _worded(file: str, text: str) -> Problem:
    """The problem of ``text``, which libyaml could not read, as PyYAML's own parser words
    it (line and column, the token expected)."""
    try:
        # The reader checks every character up front: a control character raises here.
        loader = yaml.SafeLoader(text)
    except yaml.reader.ReaderError as error:
        return _character_problem(file, text, error)
    try:
        loader.get_single_node()
    except RecursionError:
        return _too_deep(file)
    except yaml.MarkedYAMLError as error:
        return _syntax_problem(file, error)
    except yaml.YAMLError as error:
        return Problem(file, None, "", f"YAML error: {error}")
    finally:
        loader.dispose()
    return Problem(file, None, "", "YAML syntax error")  # libyaml alone refused it


# PyYAML names tokens by their grammar ids; these say what the editor sees.
_TOKEN_WORDS = {
    "'<scalar>'": "a value",
    "<block end>": "the end of the indented block",
    "'<block end>'": "the end of the indented block",
    "'<block sequence start>'": "a list item ('- ')",
    "'<block mapping start>'": "a new 'key: value'",
    "'<stream end>'": "the end of the file",
    "end of stream": "end of the file",
}


def _syntax_problem(file: str, error: yaml.MarkedYAMLError) -> Problem:
    mark = error.problem_mark or error.context_mark
    what = error.problem or error.context or "cannot parse"
    for token, words in _TOKEN_WORDS.items():
        what = what.replace(token, words)
    started = error.context_mark
    if error.problem and error.context and started is not None and started is not mark:
        # Where the unclosed bracket or quote opened is often the line to fix.
        what += (
            f" ({error.context} started at line {started.line + 1}, column {started.column + 1})"
        )
    if mark is None:
        return Problem(file, None, "", f"YAML syntax error: {what}")
    line, column = mark.line + 1, mark.column + 1
    return Problem(file, line, "", f"YAML syntax error at line {line}, column {column}: {what}")


def _character_problem(file: str, text: str, error: yaml.reader.ReaderError) -> Problem:
    before = split_lines(text[: error.position] + "x")
    line, column = len(before), len(before[-1])
    what = f"character U+{error.character:04X} is not allowed in YAML ({error.reason})"
    return Problem(file, line, "", f"YAML syntax error at line {line}, column {column}: {what}")


class _Dumper(yaml.SafeDumper):
    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        # PyYAML writes list items flush with their key; indenting them reads better.
        super().increase_indent(flow, False)


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    # str() also turns StrEnum members (activation types) into their plain value.
    text = str.__str__(value)
    style = "|" if "\n" in text else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", text, style=style)


_Dumper.add_representer(str, _represent_str)
_Dumper.add_multi_representer(str, _represent_str)


def dump(data: Any) -> str:
    """``data`` as YAML text; dict keys keep their insertion order (see :func:`in_field_order`)."""
    return yaml.dump(
        data,
        Dumper=_Dumper,
        allow_unicode=True,
        sort_keys=False,
        default_flow_style=False,
        width=sys.maxsize,
    )


def in_field_order(data: Mapping[str, Any], model: type[BaseModel]) -> dict[str, Any]:
    """A copy of ``data`` with keys in ``model``'s field order, nested models included.

    Keys the model does not know are kept, after the known ones, in their own order: the
    writer never drops data, validation is the loader's job.
    """
    ordered: dict[str, Any] = {}
    for name, info in model.model_fields.items():
        if name in data:
            nested = _model_in(info.annotation)
            value = data[name]
            if nested is not None and isinstance(value, Mapping):
                value = in_field_order(value, nested)
            ordered[name] = value
    for name, value in data.items():
        ordered.setdefault(name, value)
    return ordered


def _model_in(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for argument in typing.get_args(annotation):  # ``Model | None``
        if found := _model_in(argument):
            return found
    return None
