"""Read one YAML file and remember where every field came from.

``yaml.safe_load`` forgets positions, and a message like "en.resolution: missing field" is
only useful with a line to jump to. We compose the node tree once, build the plain data from
it with PyYAML's own safe constructor, and walk the same tree to record the line of every
mapping key and sequence item, keyed by its path (``("en", "notes", 0)``).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from activation_kb.domain.errors import Problem
from activation_kb.domain.textfile import NotUtf8Error, decode_utf8, split_lines

__all__ = ["FieldPath", "YamlDoc", "field_name", "plain_data", "plain_doc", "read_yaml"]

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
    """Parse ``path`` (shown as ``file``); ``None`` and the problems when it cannot be read."""
    try:
        text = decode_utf8(path.read_bytes())
    except NotUtf8Error as error:
        return None, [Problem(file, error.line, "", error.describe())]
    except OSError as error:
        return None, [Problem(file, None, "", f"cannot read the file: {error.strerror}")]
    fast = _read_fast(file, text)
    if fast is not None:
        return fast
    try:
        # The loader checks every character up front: a control character raises here.
        loader = yaml.SafeLoader(text)
    except yaml.reader.ReaderError as error:
        return None, [_character_problem(file, text, error)]
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as error:
        return None, [_syntax_problem(file, error)]
    except yaml.YAMLError as error:
        return None, [Problem(file, None, "", f"YAML error: {error}")]
    finally:
        loader.dispose()
    walk = _Walk(file, loader)
    if node is not None:
        walk.record(node, ())
    return YamlDoc(file, data, walk.lines, walk.plain_scalars), walk.problems


_FAST_LOADER: type[yaml.SafeLoader] | None = getattr(yaml, "CSafeLoader", None)


def _read_fast(file: str, text: str) -> tuple[YamlDoc | None, list[Problem]] | None:
    """:func:`read_yaml` by libyaml, about ten times quicker (thousands of records load in a
    second); ``None`` when it is not installed or the text is not clean YAML, so that the
    pure-Python loader, whose messages ``kb check`` words, reads it instead."""
    parsed = plain_data(text)
    return None if parsed is None else (plain_doc(file, text, parsed[0]), [])


def plain_data(text: str) -> tuple[object] | None:
    """The data of ``text`` read by libyaml, alone in a tuple; ``None`` when libyaml is not
    installed or the text is not clean YAML (:func:`read_yaml` then reads it the slow way).
    Plain data, cheap to send from one process to another
    (:mod:`activation_kb.content.yamlbatch`)."""
    if _FAST_LOADER is None or yaml.reader.Reader.NON_PRINTABLE.search(text):
        return None
    loader = _FAST_LOADER(text)
    try:
        node = loader.get_single_node()
        return (_plain_data(node, loader, set()) if node is not None else None,)
    except (yaml.YAMLError, _NotPlain, RecursionError):
        return None
    finally:
        loader.dispose()


def plain_doc(file: str, text: str, data: object) -> YamlDoc:
    """The document of ``text``, whose :func:`plain_data` is ``data``.

    Positions are only needed to report a problem, which valid content has none of: they
    are found when first asked for. A mapping that may repeat a key took the full path,
    which reports it.
    """
    assert _FAST_LOADER is not None, "plain_data read it"
    positions = _Positions(file, text, _FAST_LOADER)
    return YamlDoc(file, data, positions.view("lines"), positions.view("plain_scalars"))


class _NotPlain(Exception):
    """The document uses YAML beyond plain mappings, lists and scalars: the full path reads
    it (and reports what needs reporting)."""


_STR, _SEQ, _MAP = (f"tag:yaml.org,2002:{name}" for name in ("str", "seq", "map"))


def _plain_data(node: yaml.Node, loader: yaml.SafeLoader, seen: set[int]) -> object:
    """What ``loader.construct_document(node)`` returns, built directly for the plain
    documents content is made of (PyYAML's constructor took half of the reading time).

    Raises :class:`_NotPlain` for a mapping that repeats a key (written alike or equal),
    a merge key (``<<``), a key that is not a scalar, an explicit collection tag, or a node
    reached twice (an alias): the full path deals with those.
    """
    if isinstance(node, yaml.ScalarNode):
        # The composer has resolved the tag: a string is its text; anything else (a
        # number, a date, null, a boolean) is built by PyYAML as usual.
        return node.value if node.tag == _STR else loader.construct_object(node, deep=True)
    if id(node) in seen:
        raise _NotPlain
    seen.add(id(node))
    if isinstance(node, yaml.SequenceNode) and node.tag == _SEQ:
        return [_plain_data(item, loader, seen) for item in node.value]
    if not isinstance(node, yaml.MappingNode) or node.tag != _MAP:
        raise _NotPlain
    mapping: dict[object, object] = {}
    written: set[str] = set()
    for key_node, value_node in node.value:
        if not isinstance(key_node, yaml.ScalarNode) or key_node.value in written:
            raise _NotPlain
        written.add(key_node.value)
        key = _plain_data(key_node, loader, seen)
        if key == "<<" or key in mapping:
            raise _NotPlain
        mapping[key] = _plain_data(value_node, loader, seen)
    return mapping


class _Positions:
    """The line of every field and the text of plain scalars of one document, found by
    parsing it again when first asked for."""

    def __init__(self, file: str, text: str, loader: type[yaml.SafeLoader]) -> None:
        self.file, self.text, self.loader = file, text, loader
        self._walk: _Walk | None = None

    def view(self, table: str) -> Mapping[FieldPath, object]:
        return _PositionView(self, table)

    def table(self, name: str) -> dict[FieldPath, object]:
        if self._walk is None:
            loader = self.loader(self.text)
            try:
                node = loader.get_single_node()
            finally:
                loader.dispose()
            self._walk = _Walk(self.file, loader)
            if node is not None:
                self._walk.record(node, ())
        found: dict[FieldPath, object] = getattr(self._walk, name)
        return found


class _PositionView(Mapping[FieldPath, object]):
    def __init__(self, positions: _Positions, table: str) -> None:
        self._positions, self._table = positions, table

    def __getitem__(self, key: FieldPath) -> object:
        return self._positions.table(self._table)[key]

    def __iter__(self) -> Iterator[FieldPath]:
        return iter(self._positions.table(self._table))

    def __len__(self) -> int:
        return len(self._positions.table(self._table))


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


class _Walk:
    """Collects lines, plain scalars and duplicate keys over one node tree."""

    def __init__(self, file: str, loader: yaml.SafeLoader) -> None:
        self.file, self.loader = file, loader
        self.lines: dict[FieldPath, int] = {}
        self.plain_scalars: dict[FieldPath, str] = {}
        self.problems: list[Problem] = []

    def record(self, node: yaml.Node, path: FieldPath) -> None:
        self.lines.setdefault(path, node.start_mark.line + 1)
        if isinstance(node, yaml.ScalarNode):
            if not node.style:  # plain: None from PyYAML, "" from libyaml
                self.plain_scalars[path] = node.value
        elif isinstance(node, yaml.SequenceNode):
            for index, item in enumerate(node.value):
                self.record(item, (*path, index))
        elif isinstance(node, yaml.MappingNode):
            self._record_mapping(node, path)

    def _record_mapping(self, node: yaml.MappingNode, path: FieldPath) -> None:
        first_seen: dict[str | int, int] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag.endswith(":merge"):
                continue
            key = self.loader.construct_object(key_node)
            if not isinstance(key, str | int) or isinstance(key, bool):
                key = key_node.value
            key_line = key_node.start_mark.line + 1
            if key in first_seen:
                # PyYAML keeps the last value silently; a checker must not.
                message = f"duplicate key '{key}' (first at line {first_seen[key]})"
                self.problems.append(
                    Problem(self.file, key_line, field_name((*path, key)), message)
                )
                # The data holds the last value: problems with it must point at that one.
                self._forget((*path, key))
            else:
                first_seen[key] = key_line
            self.lines[(*path, key)] = key_line
            self.record(value_node, (*path, key))

    def _forget(self, prefix: FieldPath) -> None:
        for table in (self.lines, self.plain_scalars):
            for path in [path for path in table if path[: len(prefix)] == prefix]:
                del table[path]
