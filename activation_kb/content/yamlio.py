"""Deterministic YAML for ``content/``: the same data always gives the same bytes.

Files under ``content/`` are read and edited by people (translators, reviewers) and diffed
in review, so the writer fixes every choice PyYAML would otherwise leave open: keys in
schema field order, multi-line strings as literal blocks (``|-``), UTF-8 text instead of
``\\u`` escapes, no line folding, indented sequences, one trailing newline.
"""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
import typing
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel

from activation_kb.domain.errors import ContentError, Problem

__all__ = ["dump", "in_field_order", "load_file", "staged", "write_atomic"]


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


def load_file(path: Path, shown_as: str) -> Any:
    """Parse one YAML file; a syntax error becomes a :class:`ContentError` with its line."""
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        reason = getattr(error, "problem", None) or str(error)
        raise ContentError([Problem(shown_as, line, "", f"not valid YAML: {reason}")]) from None
    except UnicodeDecodeError as error:
        raise ContentError([Problem(shown_as, None, "", f"not UTF-8 text: {error}")]) from None


def write_atomic(path: Path, text: str) -> None:
    """Replace ``path`` with ``text`` (UTF-8, ``\\n`` line ends) in one step.

    Readers never see a half-written file: the text goes to a temporary file beside
    ``path`` which then replaces it.
    """
    with staged({path: text}) as commit:
        commit()


@contextmanager
def staged(texts: Mapping[Path, str]) -> Iterator[Callable[[], None]]:
    """Write each text to a temporary file beside its path; yields ``commit``, which moves
    them all into place. Temporaries not committed are removed on the way out, whatever
    happens, so a failure while staging leaves every path as it was, and no folder
    created for it behind."""
    temporaries: dict[Path, Path] = {}
    created: list[Path] = []
    committed = False
    try:
        for path, text in texts.items():
            created += _make_parents(path.parent)
            temporaries[path] = _temporary_copy(path, text)

        def commit() -> None:
            nonlocal committed
            committed = True
            for path in list(temporaries):
                os.replace(temporaries.pop(path), path)

        yield commit
    finally:
        for temporary in temporaries.values():
            temporary.unlink(missing_ok=True)
        if not committed:
            for folder in reversed(created):
                with contextlib.suppress(OSError):  # not empty: something else is in it
                    folder.rmdir()


def _make_parents(folder: Path) -> list[Path]:
    """Create ``folder`` and its missing parents; the ones created, outermost first."""
    missing = [parent for parent in (folder, *folder.parents) if not parent.exists()]
    folder.mkdir(parents=True, exist_ok=True)
    return list(reversed(missing))


def _temporary_copy(path: Path, text: str) -> Path:
    handle, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    temporary = Path(name)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(text.encode("utf-8"))
            stream.flush()
            os.fsync(stream.fileno())
        # mkstemp creates owner-only files; content files are ordinary shared files.
        os.chmod(temporary, path.stat().st_mode & 0o777 if path.exists() else 0o644)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return temporary
