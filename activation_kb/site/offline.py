"""The offline bundle's folder: both languages' web build made one small, self-contained
site for ``file://``.

:func:`assemble` takes each language of the web build (``site/{lang}/`` as the engine wrote
it) and

1. copies it as the engine would have built it for ``file://``
   (:mod:`activation_kb.engine.offline`: links naming ``index.html``, the search index as a
   script, the iframe shim; no second run of the engine);
2. moves every file under ``{lang}/assets/`` that is the same in all languages to one
   ``assets/`` at the root, and points the pages at it. The theme's scripts and styles
   weigh more than all the pages of a language, and a zip compresses each file on its
   own, so two copies would cost twice;
3. drops the indentation of every page's lines (:func:`trim_html`), 25 KB of the zip;
4. writes the files outside the languages: the language redirect ``index.html``, the
   deep links' ``go/index.html`` (its links naming ``index.html``) with its files of
   codes, and copies the web build's ``codes.json``;
5. checks the folder as a reader on disk sees it (:func:`activation_kb.site.linkcheck.check_site`
   with ``on_disk``) and returns the problems.

Each page is read once from the web build and written once, already in its final form.
The languages' 404 pages stay out: from ``file://`` no server shows a 404 page, so nothing
reaches them.
"""

from __future__ import annotations

import posixpath
import re
import shutil
from collections.abc import Mapping
from pathlib import Path
from typing import NamedTuple

from activation_kb.domain.urls import NOT_FOUND_DIR
from activation_kb.engine.offline import copy_files, file_page
from activation_kb.render.codes_json import FILE_NAME as CODES_JSON
from activation_kb.site.htmlscan import PageScan, scan_html
from activation_kb.site.linkcheck import check_site, normalise_path
from activation_kb.site.writer import write_files

__all__ = ["SHARED", "assemble", "trim_html"]

SHARED = "assets"
"""The folder of each language whose common files move to the bundle's root."""

# Elements whose white space shows (or may matter to a script): kept as they are. The
# theme styles inline code with white-space: pre-wrap.
_VERBATIM = re.compile(r"(<(pre|textarea|script|style|code|kbd)\b.*?</\2\s*>)", re.S | re.I)
_INDENT = re.compile(r"\n\s+")
# A relative URL into a language's assets, as the engine writes it in pages: in
# attributes (src, href) and in the theme's inline JSON configuration (the search
# worker's URL), always quoted.
_ASSET_URL = re.compile(r"""(?P<quote>["'])(?P<url>(?:\./)?(?:\.\./)*assets/[^"'?#\s]+)""")


def assemble(
    online: Path,
    tree: Path,
    root: Mapping[str, str | bytes],
    languages: tuple[str, ...],
) -> list[str]:
    """Make ``tree`` the bundle's folder from the web build ``online`` (holding ``{lang}/``
    for each of ``languages``, which it leaves as it is) and ``root``, the files of its root
    made for ``file://`` (by path, their text or bytes); return the bundle's problems,
    empty when it is ready to be zipped."""
    pages = [
        _Page(str(online / lang / page), str(tree / lang / page), page.parent.as_posix())
        for lang in languages
        for page in copy_files(online / lang, tree / lang)
        if page.parts[0] != NOT_FOUND_DIR
    ]
    common = _common_assets(tree, languages)
    scans = [(page, _rewrite(page, common)) for page in pages]
    _move_assets(tree, languages, common)
    # The same on disk as on the web: copied, not made again (the longest of these files).
    shutil.copyfile(online / CODES_JSON, tree / CODES_JSON)
    write_files(root, tree)
    scanned = {Path(page.target).relative_to(tree).as_posix(): scan for page, scan in scans}
    return check_site(tree, on_disk=True, known=scanned)


def _common_assets(tree: Path, languages: tuple[str, ...]) -> frozenset[str]:
    """The files under the first language's ``assets/`` that every other has alike."""
    first, *others = (tree / lang / SHARED for lang in languages)
    common = set()
    for file in sorted(first.rglob("*")):
        if not file.is_file():
            continue
        relative = file.relative_to(first)
        copies = [other / relative for other in others]
        if all(copy.is_file() and copy.read_bytes() == file.read_bytes() for copy in copies):
            common.add(relative.as_posix())
    return frozenset(common)


def _move_assets(tree: Path, languages: tuple[str, ...], common: frozenset[str]) -> None:
    first, *others = (tree / lang / SHARED for lang in languages)
    for relative in sorted(common):
        target = tree / SHARED / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        (first / relative).rename(target)
        for other in others:
            (other / relative).unlink()
    for lang in languages:
        _remove_empty_folders(tree / lang / SHARED)


class _Page(NamedTuple):
    """A page read from ``source`` and written to ``target``; ``folder`` is where it
    lies in its language (``.`` at the top)."""

    source: str
    target: str
    folder: str


def _rewrite(page: _Page, common: frozenset[str]) -> PageScan:
    """Write ``page`` made an offline page, pointed at the shared copies of ``common`` and
    trimmed (one read, one write); return what the link checker reads in it as written, so
    that the check need not read it again."""
    text = Path(page.source).read_text(encoding="utf-8")
    folder = "" if page.folder == "." else page.folder
    changed = trim_html(_repoint(file_page(text, folder), folder, common))
    Path(page.target).parent.mkdir(parents=True, exist_ok=True)
    Path(page.target).write_text(changed, encoding="utf-8")
    return scan_html(changed)


def _repoint(text: str, folder: str, common: frozenset[str]) -> str:
    """``text`` of a page in ``folder`` of its language, pointed at the shared copies of
    ``common``.

    A URL that reaches the language's ``assets/`` climbs one folder more to reach the
    bundle's: ``../assets/x.js`` becomes ``../../assets/x.js``.
    """

    def shared(match: re.Match[str]) -> str:
        url = match.group("url")
        # Where the URL leads inside the language ("" when outside it).
        reached = normalise_path(posixpath.join(folder, url)) or ""
        if not reached.startswith(f"{SHARED}/"):
            return match.group(0)
        if reached.removeprefix(f"{SHARED}/") not in common:
            return match.group(0)
        return match.group("quote") + "../" + url.removeprefix("./")

    return _ASSET_URL.sub(shared, text)


def trim_html(text: str) -> str:
    """``text`` without indentation and blank lines, outside the elements that keep theirs.

    A browser shows a run of white space that holds a line break as one space, so the
    page looks the same; only the bytes go.
    """
    kept = []
    start = 0
    for verbatim in _VERBATIM.finditer(text):
        kept.append(_INDENT.sub("\n", text[start : verbatim.start()]))
        kept.append(verbatim.group(0))
        start = verbatim.end()
    kept.append(_INDENT.sub("\n", text[start:]))
    return "".join(kept)


def _remove_empty_folders(folder: Path) -> None:
    if not folder.is_dir():
        return
    for path in sorted(folder.rglob("*"), reverse=True):
        if path.is_dir() and not any(path.iterdir()):
            path.rmdir()
    if not any(folder.iterdir()):
        folder.rmdir()
