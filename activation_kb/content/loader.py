"""Read ``content/`` into validated models, collecting every problem on the way.

This is the I/O edge between the YAML files and the rest of the generator: everything
after it works on :class:`Content` and never touches the files. Nothing stops at the first
bad file: :func:`load` reads and validates every file and keeps the problems, located by
file, line and field, so that ``kb check`` can show them all at once.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel, ValidationError

from activation_kb.content.schema_messages import problems_from_validation
from activation_kb.content.yaml import YamlDoc, read_yaml
from activation_kb.domain.codes import parse_code, slug
from activation_kb.domain.errors import CodeFormatError, Problem
from activation_kb.domain.model import (
    LANGUAGES,
    Article,
    CodeRecord,
    Content,
    Correction,
    Corrections,
)

__all__ = [
    "ARTICLE_FILE",
    "CODES_DIR",
    "CORRECTIONS_FILE",
    "Loaded",
    "LoadedRecord",
    "assemble",
    "inside",
    "load",
    "record_file",
]

M = TypeVar("M", bound=BaseModel)

ARTICLE_FILE = "article.yaml"
CORRECTIONS_FILE = "corrections.yaml"
CODES_DIR = "codes"


@dataclass(frozen=True)
class LoadedRecord:
    """A record file that passed the schema, with its document for line numbers."""

    doc: YamlDoc
    record: CodeRecord
    languages: tuple[str, ...] = LANGUAGES
    """The translation blocks the file really has. A missing one (reported as a problem) is
    stood in by a copy of the other, so that the language-neutral checks still run."""


@dataclass(frozen=True)
class Loaded:
    """Every file of a content folder, as far as each could be read and validated."""

    root: Path
    article_doc: YamlDoc | None
    """``article.yaml`` as parsed, ``None`` when it is missing or not valid YAML."""
    article: Article | None
    """The validated article, ``None`` when it has schema problems (other than a missing
    translation, see :attr:`LoadedRecord.languages`)."""
    article_languages: tuple[str, ...]
    """The translation blocks ``article.yaml`` really has."""
    record_files: tuple[str, ...]
    """Every ``codes/*.yaml`` file, relative to ``root``, valid or not, sorted."""
    records: tuple[LoadedRecord, ...]
    """The record files that passed the schema (but for a missing translation), in file-name
    order."""
    problems: tuple[Problem, ...]
    """Missing files, YAML syntax errors and schema errors."""
    corrections_doc: YamlDoc | None = None
    """``corrections.yaml`` as parsed, ``None`` when there is none or it is not valid YAML."""
    corrections: tuple[Correction, ...] = ()
    """The corrections of the Italian text, when the file passed the schema."""


def record_file(code: str) -> str:
    """Where the record of ``code`` (any accepted form) lives: ``codes/0xc004f074.yaml``."""
    return f"{CODES_DIR}/{slug(parse_code(code))}.yaml"


def load(root: Path) -> Loaded:
    """Read and validate every file under ``root``; never raises for bad content. A file
    that is a link to a file outside ``root`` is refused unread."""
    problems: list[Problem] = []
    if not root.is_dir():
        problems.append(Problem(str(root), None, "", "content folder not found"))
        return Loaded(root, None, None, (), (), (), tuple(problems))
    article_doc, article, article_languages = _load_one(root, ARTICLE_FILE, Article, problems)
    codes_dir = root / CODES_DIR
    names: list[str] = []
    if codes_dir.is_dir():
        with os.scandir(codes_dir) as listing:
            entries = sorted(listing, key=lambda entry: entry.name)
        for entry in entries:
            if entry.name.startswith("."):
                continue
            if entry.name.endswith(".yaml") and _is_file(entry):
                names.append(f"{CODES_DIR}/{entry.name}")
            else:
                message = "not a record file (records are codes/<code slug>.yaml); remove it"
                problems.append(Problem(f"{CODES_DIR}/{entry.name}", None, "", message))
    else:
        problems.append(Problem(f"{CODES_DIR}/", None, "", f"folder not found in {root}"))
    records = []
    for name in names:
        doc, record, languages = _load_one(root, name, CodeRecord, problems)
        if doc is not None and record is not None:
            records.append(LoadedRecord(doc, record, languages))
    corrections_doc, corrections = None, None
    if (root / CORRECTIONS_FILE).exists():
        corrections_doc, corrections, _ = _load_one(root, CORRECTIONS_FILE, Corrections, problems)
    return Loaded(
        root,
        article_doc,
        article,
        article_languages,
        tuple(names),
        tuple(records),
        tuple(problems),
        corrections_doc,
        tuple(corrections.root) if corrections else (),
    )


def assemble(loaded: Loaded) -> tuple[Content | None, list[Problem]]:
    """Put the records in the article's order; ``None`` unless everything is valid.

    Returns the loader's problems plus those of the article's code list: a code that is not
    a code, a code listed twice, a code without a record file.
    """
    problems = list(loaded.problems)
    article, doc = loaded.article, loaded.article_doc
    if article is None or doc is None:
        return None, problems
    by_file = {item.doc.file: item.record for item in loaded.records}
    files = set(loaded.record_files)  # looked up once per listed code
    ordered: list[CodeRecord] = []
    first_index: dict[str, int] = {}
    for index, code in enumerate(article.codes):
        path = ("codes", index)
        try:
            name = record_file(code)
        except CodeFormatError as error:
            problems.append(doc.problem(path, f"'{code}' is not an error code: {error.reason}"))
            continue
        if name in first_index:
            first = first_index[name]
            problems.append(doc.problem(path, f"{code} listed twice (first at codes[{first}])"))
            continue
        first_index[name] = index
        if name not in files:
            problems.append(doc.problem(path, f"no record file {name} for {code}"))
        elif name in by_file:
            ordered.append(by_file[name])
    if problems:
        return None, problems
    content = Content(article=article, records=tuple(ordered), corrections=loaded.corrections)
    return content, problems


def _is_file(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_file()
    except OSError:  # a loop of links
        return False


def inside(root: Path, name: str) -> Path | None:
    """``root / name`` when it is a file that lies in ``root`` once links are followed,
    else ``None``: content never reaches outside its folder."""
    path = root / name
    try:
        real = path.resolve(strict=True)
        return path if real.is_relative_to(root.resolve(strict=True)) else None
    except (OSError, RuntimeError):  # a missing file, a loop of links
        return None


def _load_one(
    root: Path, name: str, model: type[M], problems: list[Problem]
) -> tuple[YamlDoc | None, M | None, tuple[str, ...]]:
    path = root / name
    if not path.is_file():
        problems.append(Problem(name, None, "", f"file not found in {root}"))
        return None, None, ()
    if inside(root, name) is None:
        message = "a link to a file outside the content folder; content files must be in it"
        problems.append(Problem(name, None, "", message))
        return None, None, ()
    doc, yaml_problems = read_yaml(path, name)
    problems.extend(yaml_problems)
    if doc is None:
        return None, None, ()
    try:
        return doc, model.model_validate(doc.data), LANGUAGES
    except ValidationError as error:
        problems.extend(problems_from_validation(error, doc))
        return doc, *_stand_in(model, doc.data, error)


def _stand_in(
    model: type[M], data: object, error: ValidationError
) -> tuple[M | None, tuple[str, ...]]:
    """While English is not written yet, every file lacks only its ``en`` block; standing in
    the Italian for it lets the language-neutral checks run. Only for that one error."""
    missing = {
        entry["loc"][0]
        for entry in error.errors()
        if entry["type"] == "missing" and len(entry["loc"]) == 1 and entry["loc"][0] in LANGUAGES
    }
    present = tuple(language for language in LANGUAGES if language not in missing)
    if not missing or len(missing) != error.error_count() or not present:
        return None, ()
    assert isinstance(data, dict)
    filled = {**data, **{language: data[present[0]] for language in missing}}
    try:
        return model.model_validate(filled), present
    except ValidationError:
        return None, ()
