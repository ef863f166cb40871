"""Turn an imported article into changes to ``content/``, describe them, apply them.

The importer owns the source-language text and the facts derived from the source; people
own the rest: the ``en`` blocks, ``related``, ``notes``. So a re-import overlays the derived
fields on what each file holds and never creates, changes or deletes anything else. Every
file is computed (and every error raised) before the first one is written; a file whose
data does not change is not rewritten at all.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from activation_kb.content.loader import ARTICLE_FILE, CODES_DIR
from activation_kb.content.yaml import dump, field_name, in_field_order, read_yaml
from activation_kb.domain.codes import parse_code, slug
from activation_kb.domain.errors import ContentError, ImportSourceError, Problem, UsageError
from activation_kb.domain.markup import refusals
from activation_kb.domain.model import Article, CodeRecord
from activation_kb.domain.textfile import NotUtf8Error, decode_utf8
from activation_kb.domain.urls import ARTICLE_PATH
from activation_kb.importer.article import Imported, import_article

__all__ = ["ImportPlan", "describe", "plan_import"]

SOURCES_DIR = "sources"
_MISSING = object()


@dataclass
class ImportPlan:
    """What an import changes. Nothing is on disk until :meth:`apply`."""

    source: Path
    content_dir: Path
    total: int = 0
    writes: dict[Path, str] = field(default_factory=dict)
    deletes: list[Path] = field(default_factory=list)
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    changed: dict[str, list[str]] = field(default_factory=dict)
    anchors_moved: dict[str, tuple[str, str]] = field(default_factory=dict)
    """Codes whose anchor the source changed: (previous anchor, new anchor)."""
    article_changes: list[str] = field(default_factory=list)
    article_created: bool = False
    source_copied: bool = False

    def apply(self) -> None:
        """Write every file, then delete the pruned ones.

        Every new text is staged beside its file first; only when all are on disk does each
        replace its file, so a disk that fills up or a folder that cannot be written stops
        the import before ``content/`` changes.
        """
        try:
            with staged(self.writes) as commit:
                commit()
            for path in self.deletes:
                path.unlink()
        except OSError as error:
            where = error.filename or self.content_dir
            raise UsageError(f"cannot write {where}: {error.strerror}") from None


def plan_import(source: Path, content_dir: Path, lang: str, *, prune: bool = False) -> ImportPlan:
    """Parse ``source`` and work out every file change under ``content_dir``.

    Records whose code left the source are an error unless ``prune`` allows deleting them
    (with their English text).
    """
    try:
        raw = source.read_bytes()
    except OSError as error:
        raise UsageError(f"cannot read {source}: {error.strerror}") from None
    try:
        text = decode_utf8(raw)
    except NotUtf8Error as error:
        expected = f"expected UTF-8 text, found {error.describe().removeprefix('not UTF-8 text: ')}"
        raise ImportSourceError(str(source), error.line, expected) from None
    source_file = f"{SOURCES_DIR}/{source.name}"
    url_path = _recorded_url_path(content_dir)
    imported = import_article(
        text, file=str(source), lang=lang, source_file=source_file, url_path=url_path
    )
    if refused := _refused(imported, lang, str(source), text):
        raise ContentError(refused)
    plan = ImportPlan(source=source, content_dir=content_dir, total=len(imported.records))
    _plan_records(plan, imported, lang, prune)
    _plan_article(plan, imported, lang)
    copy = content_dir / source_file
    if not (copy.exists() and copy.read_bytes() == raw):
        plan.writes[copy] = text
        plan.source_copied = True
    return plan


def _refused(imported: Imported, lang: str, file: str, text: str) -> list[Problem]:
    """What the article would put in content that content may not hold (raw HTML, unsafe
    links, attribute lists…): an upstream article is text from outside, checked before
    anything is written. Located at the first line of the source that holds the snippet."""
    problems = []
    blocks = [("article", imported.article)] + [(r["code"], r) for r in imported.records]
    for owner, data in blocks:
        for path, string in _strings(data.get(lang), (lang,)):
            for message in refusals(string):
                snippet = message.split("'")[1] if "'" in message else string
                at = text.find(snippet)
                line = text.count("\n", 0, at) + 1 if at >= 0 else None
                problems.append(Problem(file, line, f"{owner} {field_name(path)}", message))
    return problems


def _strings(data: object, path: tuple[str | int, ...]) -> list[tuple[tuple[str | int, ...], str]]:
    if isinstance(data, str):
        return [(path, data)]
    if isinstance(data, dict):
        return [found for key, value in data.items() for found in _strings(value, (*path, key))]
    if isinstance(data, list):
        return [found for i, value in enumerate(data) for found in _strings(value, (*path, i))]
    return []


def _recorded_url_path(content_dir: Path) -> str:
    """The article's address as ``article.yaml`` records it, else :data:`ARTICLE_PATH`."""
    path = content_dir / ARTICLE_FILE
    if not path.is_file():
        return ARTICLE_PATH
    source = _load_mapping(path).get("source")
    recorded = source.get("url_path") if isinstance(source, dict) else None
    return (
        recorded.strip("/") if isinstance(recorded, str) and recorded.strip("/") else ARTICLE_PATH
    )


def _plan_records(plan: ImportPlan, imported: Imported, lang: str, prune: bool) -> None:
    codes_dir = plan.content_dir / CODES_DIR
    kept: set[Path] = set()
    for record in imported.records:
        path = codes_dir / f"{slug(parse_code(record['code']))}.yaml"
        kept.add(path)
        old = _load_mapping(path) if path.exists() else None
        new = _merge(old, _with_old_anchors(record, old), lang)
        if old is None:
            plan.added.append(record["code"])
        elif new != old:
            plan.changed[record["code"]] = _changed_fields(old, record, lang)
            if old.get("anchor") != record["anchor"] and isinstance(old.get("anchor"), str):
                plan.anchors_moved[record["code"]] = (old["anchor"], record["anchor"])
        if new != old:
            plan.writes[path] = dump(in_field_order(new, CodeRecord))
    gone = [path for path in sorted(codes_dir.glob("*.yaml")) if path not in kept]
    for path in gone:
        plan.removed.append(str(_load_mapping(path).get("code", path.stem)))
    if gone and not prune:
        raise ContentError(
            [
                Problem(
                    str(path),
                    None,
                    "code",
                    f"{code} is no longer in {plan.source}; "
                    "`kb import --prune` deletes this record, and its English text with it",
                )
                for path, code in zip(gone, plan.removed, strict=True)
            ]
        )
    plan.deletes = gone


def _plan_article(plan: ImportPlan, imported: Imported, lang: str) -> None:
    path = plan.content_dir / ARTICLE_FILE
    old = _load_mapping(path) if path.exists() else None
    new = _merge(old, imported.article, lang)
    if new != old:
        plan.writes[path] = dump(in_field_order(new, Article))
        plan.article_created = old is None
        plan.article_changes = _changed_fields(old or {}, imported.article, lang)


def _with_old_anchors(record: dict[str, Any], old: Mapping[str, Any] | None) -> dict[str, Any]:
    """``record`` with ``old_anchors``: the record's, and its previous anchor when the
    source changed it, so that old links keep working. None is ever dropped, except one
    that is the anchor again. Without any, the field is left out (files stay as they were).
    """
    kept = (old or {}).get("old_anchors", [])
    before = (old or {}).get("anchor")
    if not isinstance(kept, list):
        return record  # not a list of anchors: left as it is, for kb check to point out
    anchors = [*kept, before] if isinstance(before, str) and before != record["anchor"] else kept
    anchors = [anchor for anchor in dict.fromkeys(anchors) if anchor != record["anchor"]]
    if not anchors and "old_anchors" not in (old or {}):
        return record
    return {**record, "old_anchors": anchors}


def _load_mapping(path: Path) -> dict[str, Any]:
    doc, problems = read_yaml(path, str(path))
    if doc is None or problems:
        raise ContentError(problems)
    data = doc.data
    if not isinstance(data, dict):
        raise ContentError([Problem(str(path), 1, "", "expected a mapping of field: value")])
    return data


def _merge(old: Mapping[str, Any] | None, derived: Mapping[str, Any], lang: str) -> dict[str, Any]:
    """``derived`` laid over ``old``: top-level fields and ``lang``'s fields are replaced,
    everything else (``en``, ``related``, ``notes``, …) is kept as it is."""
    if old is None:
        # A new record gets explicit, empty slots for what people add later.
        old = {"related": [], lang: {"notes": []}} if "code" in derived else {}
    merged = {**old, **derived}
    previous = old.get(lang)
    merged[lang] = {**(previous if isinstance(previous, dict) else {}), **derived[lang]}
    return merged


def _changed_fields(old: Mapping[str, Any], derived: Mapping[str, Any], lang: str) -> list[str]:
    """Dotted names of the derived fields whose value differs from ``old``'s."""
    changes = []
    for key, value in derived.items():
        before = old.get(key, _MISSING)
        if isinstance(value, dict) and isinstance(before, dict):
            names = list(value) if key == lang else [*value, *(k for k in before if k not in value)]
            changes += [
                f"{key}.{name}"
                for name in names
                if before.get(name, _MISSING) != value.get(name, _MISSING)
            ]
        elif before != value:
            changes.append(key)
    return changes


def describe(plan: ImportPlan) -> str:
    """The change summary ``kb import`` prints."""
    head = f"Imported {plan.source} into {plan.content_dir}/ ({plan.total} codes)"
    if not plan.writes and not plan.deletes:
        return f"{head}: no changes."
    lines = [f"{head}:"]
    if plan.added:
        lines.append(f"  added:     {', '.join(plan.added)}")
    if plan.removed:
        lines.append(f"  removed:   {', '.join(plan.removed)}")
    for index, (code, fields) in enumerate(plan.changed.items()):
        label = "changed:" if index == 0 else ""
        lines.append(f"  {label:<10} {code} ({', '.join(fields)})")
        if code in plan.anchors_moved:
            before, after = plan.anchors_moved[code]
            lines.append(f"{'':<15}anchor: {before} → {after} (old kept as a redirect)")
    if plan.article_created:
        lines.append("  article:   created")
    elif plan.article_changes:
        lines.append(f"  article:   {', '.join(plan.article_changes)}")
    if plan.source_copied:
        lines.append(f"  source:    copied to {plan.content_dir / SOURCES_DIR / plan.source.name}")
    unchanged = plan.total - len(plan.added) - len(plan.changed)
    lines.append(f"  unchanged: {unchanged} of {plan.total} codes")
    return "\n".join(lines)


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
