"""Read many YAML files in two processes: the record files of a large catalogue.

Reading is most of loading (libyaml builds the nodes, Python the data), while validating
them is quick. Thousands of files take a couple of seconds on one core, with the other one
idle; a forked process reads the second half of them while this one reads the first, and
sends back only plain data (dicts, lists and strings, which pickle quickly) and each file's
text, from which this process makes the documents (:func:`activation_kb.content.yamldoc.plain_doc`).
A file that is not clean YAML, or cannot be read, is read again here the ordinary way
(:func:`activation_kb.content.yamldoc.read_yaml`), which words its problems.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from activation_kb.content.yamldoc import YamlDoc, plain_data, plain_doc, read_yaml
from activation_kb.domain.errors import Problem
from activation_kb.parallel import ForkedCall, can_fork

__all__ = ["PARALLEL_FROM", "Reader", "reading"]

PARALLEL_FROM = 1000
"""From this many files, a second process reads half of them; below it, starting it costs
more than it saves."""

Reader = Callable[[Path, str], tuple[YamlDoc | None, list[Problem]]]
"""What :func:`activation_kb.content.yamldoc.read_yaml` is: a file's path and its name as shown →
its document (``None`` when unreadable) and its problems."""

_Parsed = tuple[object, str] | None
"""A file's plain data and text, ``None`` when it must be read the ordinary way."""


@contextmanager
def reading(root: Path, names: Sequence[str], jobs: int) -> Iterator[Reader]:
    """A :data:`Reader` for the files ``names`` (relative to ``root``), asked for in this
    order: with ``jobs`` > 1 and many files, the second half is read ahead by another
    process. Any other file is read on demand."""
    if jobs < 2 or len(names) < PARALLEL_FROM or not can_fork():
        yield read_yaml
        return
    # Half each: tried 40 to 60 %, this one ends first. The forked process shares this
    # one's modules and memory: it starts at once.
    ahead = list(names[len(names) // 2 :])
    prefetched = _Prefetched(ForkedCall(_read_plain, root, ahead), ahead)
    try:
        yield prefetched.read
    finally:
        prefetched.close()


class _Prefetched:
    """Serves the files another process read, and reads any other one itself."""

    def __init__(self, reader: ForkedCall[list[_Parsed]], names: list[str]) -> None:
        self._reader: ForkedCall[list[_Parsed]] | None = reader
        self._names = names
        self._wanted = frozenset(names)
        self._parsed: dict[str, _Parsed] | None = None

    def read(self, path: Path, name: str) -> tuple[YamlDoc | None, list[Problem]]:
        if name not in self._wanted:
            return read_yaml(path, name)
        if self._parsed is None:  # the first file of the second half: wait for them all
            self._parsed = dict(zip(self._names, self._result(), strict=True))
        parsed = self._parsed.pop(name, None)
        if parsed is None:
            return read_yaml(path, name)
        data, text = parsed
        return plain_doc(name, text, data), []

    def _result(self) -> list[_Parsed]:
        assert self._reader is not None, "read once"
        reader, self._reader = self._reader, None
        return reader.result().value

    def close(self) -> None:
        """Stop the other process if none of its files was asked for."""
        if self._reader is not None:
            self._reader.cancel()
            self._reader = None


def _read_plain(root: Path, names: list[str]) -> list[_Parsed]:
    """Runs in the forked process: each file's plain data and text, when it is clean YAML."""
    return [_parsed(root / name) for name in names]


def _parsed(path: Path) -> _Parsed:
    try:
        text = path.read_bytes().decode("utf-8")
    except (OSError, UnicodeDecodeError):
        return None  # read_yaml words the problem
    data = plain_data(text)
    return None if data is None else (data[0], text)
