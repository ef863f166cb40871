"""Check a built site on disk: every internal link and ``#anchor`` resolves, no page has
duplicate ids, and nothing is loaded from the network.

Engine-independent (it reads only HTML files, plus the two data files whose addresses
readers follow: each language's search index and ``codes.json``), so the build runs it on
every site it makes and on the offline bundle's tree. ``check_site(root, on_disk=True)``
reads links as a browser does from ``file://``: a folder is not its ``index.html`` and
``/`` is the disk's root, so links to folders and root-relative links are problems there.
``kb linkcheck [--on-disk] SITE`` prints the problems and exits 1 when there are any; it
also takes the zip and lists the external links (:func:`external_links`), which are never
fetched: the machines that build the site have no network.

Pages are read by :mod:`activation_kb.site.htmlscan`; links
are resolved against one listing of the site's files rather than a ``stat`` each.
"""

from __future__ import annotations

import json
import os
import posixpath
from collections import Counter
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from activation_kb.render.search_index import INDEX_DIR, read_script
from activation_kb.site.htmlscan import PageScan, scan_html

__all__ = [
    "PageScan",
    "SiteCheck",
    "check_site",
    "external_links",
    "inspect_site",
    "normalise_path",
    "scan_html",
    "scan_site",
]

_NOT_CHECKED = ("mailto:", "tel:", "javascript:", "data:", "blob:")
_NOT_PLACES = ("javascript:", "data:", "blob:")
"""Schemes that hold content or code, not an address to list among external links."""


def external_links(root: Path) -> dict[str, list[str]]:
    """Every link that leaves the site (``https://…``, ``mailto:…``), with the pages that
    have it, both sorted."""
    found: dict[str, set[str]] = {}
    for page, scan in scan_site(root).items():
        for url, _ in scan.links:
            parts = urlsplit(url)
            if (parts.scheme or parts.netloc) and not url.lower().startswith(_NOT_PLACES):
                found.setdefault(url, set()).add(page)
    return {url: sorted(pages) for url, pages in sorted(found.items())}


def check_site(
    root: Path,
    absent: Collection[str] = (),
    *,
    on_disk: bool = False,
    known: Mapping[str, PageScan] | None = None,
) -> list[str]:
    """Every problem of the site under ``root``, one readable line each, sorted.

    ``on_disk``: the site is opened from ``file://`` rather than served. The addresses in
    data files are read by scripts, which add ``index.html`` where needed; they are always
    checked as served. Links into the top-level folders named in ``absent`` (languages left
    out of a partial build) are not checked; ``known`` pages were scanned as they were
    written (:func:`scan_site`).
    """
    return inspect_site(root, absent, on_disk=on_disk, known=known).problems


@dataclass(frozen=True)
class SiteCheck:
    """What :func:`inspect_site` found: the problems, and the inline scripts and styles
    of every page (their hashes, for the Content-Security-Policy)."""

    problems: list[str]
    scripts: frozenset[str]
    styles: frozenset[str]


def inspect_site(
    root: Path,
    absent: Collection[str] = (),
    *,
    on_disk: bool = False,
    known: Mapping[str, PageScan] | None = None,
) -> SiteCheck:
    """:func:`check_site`, with the hashes of the inline scripts and styles read on the
    way (every page is read once for both)."""
    site = _Site(root, scan_site(root, known), frozenset(absent), on_disk)
    problems = _data_problems(root, site)
    scripts: set[str] = set()
    styles: set[str] = set()
    for page, scan in site.pages.items():
        scripts |= scan.scripts
        styles |= scan.styles
        for duplicate in sorted(i for i, count in Counter(scan.ids).items() if count > 1):
            problems.append(f"{page}: duplicate id {duplicate!r}")
        folder = posixpath.dirname(page)
        for url, loaded in scan.links:
            problem = site.check_link(page, folder, url, loaded)
            if problem:
                problems.append(f"{page}: {problem}")
    return SiteCheck(sorted(set(problems)), frozenset(scripts), frozenset(styles))


def scan_site(root: Path, known: Mapping[str, PageScan] | None = None) -> dict[str, PageScan]:
    """Every HTML page under ``root`` (relative POSIX path → its scan), in path order;
    pages in ``known`` (scanned as they were written) are not read again."""
    known = known or {}
    every = sorted(path.relative_to(root).as_posix() for path in root.rglob("*.html"))
    names = [name for name in every if name not in known]
    scanned = dict(known)
    scanned.update((name, scan_html((root / name).read_text("utf-8"))) for name in names)
    return {name: scanned[name] for name in every}


class _Site:
    """The pages and files of one site, for resolving its links without touching the disk."""

    def __init__(
        self, root: Path, pages: dict[str, PageScan], absent: frozenset[str], on_disk: bool
    ) -> None:
        self.pages, self.absent, self.on_disk = pages, absent, on_disk
        self.files: set[str] = set()
        self.folders: set[str] = {""}
        for folder, subfolders, names in os.walk(root):
            base = Path(folder).relative_to(root).as_posix()
            prefix = "" if base == "." else f"{base}/"
            self.folders.update(prefix + name for name in subfolders)
            self.files.update(prefix + name for name in names)
        self._ids: dict[str, set[str]] = {}

    def check_link(
        self, page: str, folder: str, url: str, loaded: bool, *, served: bool = False
    ) -> str | None:
        """The problem of ``url`` on ``page`` (in ``folder``), ``None`` when it is sound;
        ``served``: read it as served even on a site checked for ``file://``."""
        on_disk = self.on_disk and not served
        if url.lower().startswith(_NOT_CHECKED):
            return None
        parts = urlsplit(url)
        if parts.scheme or parts.netloc:
            return f"loads {url} from the network" if loaded else None
        if parts.path.startswith("/"):
            if on_disk:
                return f"link {url!r} starts at the disk's root from file://"
            target: str | None = normalise_path(unquote(parts.path).lstrip("/"))
        elif parts.path:
            target = normalise_path(posixpath.join(folder, unquote(parts.path)))
            if target is None:
                return f"link {url!r} leaves the site"
        else:
            target = page
        if target is None:
            return f"dead link {url!r}"
        if target and target.split("/", 1)[0] in self.absent:
            return None
        file = self._existing_file(target, parts.path.endswith("/"))
        if file is None:
            return f"dead link {url!r}"
        if on_disk and file != target:
            return f"link {url!r} names a folder: from file:// it shows the folder, not {file}"
        fragment = unquote(parts.fragment)
        if fragment and file.endswith(".html") and fragment not in self._page_ids(file):
            return f"missing anchor {url!r}: {file} has no id {fragment!r}"
        return None

    def _existing_file(self, target: str, directory: bool) -> str | None:
        if not directory and target in self.files:
            return target
        index = f"{target}/index.html" if target else "index.html"
        if target in self.folders and index in self.files:
            return index
        return None

    def _page_ids(self, file: str) -> set[str]:
        if file not in self._ids:
            self._ids[file] = set(self.pages[file].ids)
        return self._ids[file]


def _data_problems(root: Path, site: _Site) -> list[str]:
    """Addresses in data files: the search index's pages (relative to their language's
    folder) and the ``url`` of every code in ``codes.json`` (relative to the site's root)."""
    found: list[tuple[Path, str, str]] = []
    for rows in sorted(root.glob(f"*/{INDEX_DIR}/d*.js")):
        base = rows.relative_to(root).parts[0]
        for row in read_script(rows.read_text("utf-8"))[1]:
            found.append((rows, base, str(row[0])))
    codes = root / "codes.json"
    if codes.is_file():
        found += [(codes, "", url) for url in _urls(json.loads(codes.read_text("utf-8")))]
    problems = []
    for file, folder, url in found:
        page = f"{folder}/index.html" if folder else "index.html"
        problem = site.check_link(page, folder, url, loaded=False, served=True)
        if problem:
            problems.append(f"{file.relative_to(root).as_posix()}: {problem}")
    return problems


def _urls(data: object) -> list[str]:
    """Every string under a ``url`` key, at any depth, that points inside the site."""
    if isinstance(data, list):
        return [url for item in data for url in _urls(item)]
    if not isinstance(data, dict):
        return []
    urls = [value for key, value in data.items() if key == "url" and isinstance(value, str)]
    return [u for u in urls if not urlsplit(u).scheme] + _urls(list(data.values()))


def normalise_path(path: str) -> str | None:
    """``path`` without ``.``, ``..`` and empty parts; ``None`` when it climbs above the
    root it is relative to."""
    parts: list[str] = []
    for part in path.split("/"):
        if part == "..":
            if not parts:
                return None
            parts.pop()
        elif part not in (".", ""):
            parts.append(part)
    return "/".join(parts)
