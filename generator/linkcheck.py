"""Check a built site on disk: every internal link and ``#anchor`` resolves, no page has
duplicate ids, and nothing is loaded from the network.

Engine-independent (it reads only HTML files), so the build runs it on every site it
makes and on the offline bundle's tree. ``check_site(root, on_disk=True)`` reads links as
a browser does from ``file://``: a folder is not its ``index.html`` and ``/`` is the
disk's root, so links to folders and root-relative links are problems there.
``python -m generator.linkcheck [--on-disk] site`` prints the problems and exits 1 when
there are any.
"""

from __future__ import annotations

import html
import multiprocessing
import os
import posixpath
import re
import sys
from collections import Counter
from collections.abc import Collection
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

__all__ = ["PageScan", "check_site", "main", "scan_html"]

# Attributes whose URL the browser fetches by itself when the page is shown.
_LOADED = {
    ("script", "src"),
    ("img", "src"),
    ("iframe", "src"),
    ("source", "src"),
    ("audio", "src"),
    ("video", "src"),
    ("embed", "src"),
    ("object", "data"),
}
_LOADED_LINK_RELS = {"stylesheet", "icon", "preload", "modulepreload", "manifest", "prefetch"}
_LINKED = {("a", "href"), ("area", "href"), ("link", "href")} | _LOADED
_NOT_CHECKED = ("mailto:", "tel:", "javascript:", "data:", "blob:")


@dataclass
class PageScan:
    """What one HTML page holds: its ids (with repeats) and its URLs."""

    ids: list[str] = field(default_factory=list)
    links: list[tuple[str, bool]] = field(default_factory=list)
    """``(url, loaded)``: ``loaded`` when the browser fetches it to show the page."""


# A start tag and its attributes, a comment, or a declaration. The engine writes well-formed
# HTML; a regular expression over it reads the same ids and links as html.parser (the
# tests compare both on every page of a built site), three times quicker.
_TOKEN = re.compile(
    r"<!--.*?(?:-->|\Z)"
    r"|<![^>]*>|<\?[^>]*>"
    r"""|<([a-zA-Z][^\s/>]*)((?:[^>"']|"[^"]*"|'[^']*')*)>""",
    re.S,
)
_ATTRIBUTE = re.compile(r"""([^\s/>"'=][^\s/>"'=]*)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s>]*))?""")
# Tags without any of these attributes hold nothing to check.
_WANTED = re.compile(r"(?:^|\s)(?:id|name|href|src|data)\s*=", re.I).search
# Elements whose content is text, not markup, up to their end tag.
_RAW_TEXT_END = {name: re.compile(f"</{name}", re.I) for name in ("script", "style")}


def scan_html(text: str) -> PageScan:
    """The ids and URLs of one page."""
    scan = PageScan()
    position = 0
    while match := _TOKEN.search(text, position):
        position = match.end()
        tag, attributes = match.group(1), match.group(2)
        if tag is None:
            continue
        tag = tag.lower()
        if tag in _RAW_TEXT_END:
            end = _RAW_TEXT_END[tag].search(text, position)
            position = end.start() if end else len(text)
        if _WANTED(attributes):
            _add(scan, tag, _values(attributes))
    return scan


def _values(attributes: str) -> dict[str, str]:
    """Attribute names (lower-cased) → values (entities decoded); the last one wins, and
    attributes without a value are left out, as html.parser does."""
    values = {}
    for name, value in _ATTRIBUTE.findall(attributes):
        if not value:
            continue
        if value[0] in "\"'":
            value = value[1:-1]
        values[name.lower()] = html.unescape(value) if "&" in value else value
    return values


def _add(scan: PageScan, tag: str, values: dict[str, str]) -> None:
    if "id" in values:
        scan.ids.append(values["id"])
    if tag == "a" and "name" in values and values.get("id") != values["name"]:
        scan.ids.append(values["name"])
    rels = set(values.get("rel", "").lower().split())
    for name, value in values.items():
        if (tag, name) in _LINKED and value.strip():
            fetched_link = tag == "link" and bool(rels & _LOADED_LINK_RELS)
            loaded = (tag, name) in _LOADED or fetched_link
            scan.links.append((value.strip(), loaded))


def check_site(
    root: Path, absent: Collection[str] = (), *, on_disk: bool = False, jobs: int = 1
) -> list[str]:
    """Every problem of the site under ``root``, one readable line each, sorted.

    ``on_disk``: the site is opened from ``file://`` rather than served. Links into the
    top-level folders named in ``absent`` (languages left out of a partial build) are not
    checked. ``jobs`` processes read the pages of a large site.
    """
    site = _Site(root, scan_site(root, jobs), frozenset(absent), on_disk)
    problems: list[str] = []
    for page, scan in site.pages.items():
        for duplicate in sorted(i for i, count in Counter(scan.ids).items() if count > 1):
            problems.append(f"{page}: duplicate id {duplicate!r}")
        folder = posixpath.dirname(page)
        for url, loaded in scan.links:
            problem = site.check_link(page, folder, url, loaded)
            if problem:
                problems.append(f"{page}: {problem}")
    return sorted(set(problems))


def scan_site(root: Path, jobs: int = 1) -> dict[str, PageScan]:
    """Every HTML page under ``root`` (relative POSIX path → its scan), in path order."""
    names = sorted(path.relative_to(root).as_posix() for path in root.rglob("*.html"))
    if jobs < 2 or len(names) < _PARALLEL_FROM:
        return dict(zip(names, _scan_files(root, names), strict=True))
    # Contiguous slices, several per process, so that a slow slice does not hold up the end.
    size = -(-len(names) // (jobs * 4))
    slices = [names[start : start + size] for start in range(0, len(names), size)]
    # spawn, not fork: the build may have threads running, which fork does not copy.
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
        scans = [
            scan for part in pool.map(_scan_files, [root] * len(slices), slices) for scan in part
        ]
    return dict(zip(names, scans, strict=True))


_PARALLEL_FROM = 1000
"""Below this many pages, starting processes costs more than it saves."""


def _scan_files(root: Path, names: list[str]) -> list[PageScan]:
    return [scan_html((root / name).read_text("utf-8")) for name in names]


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

    def check_link(self, page: str, folder: str, url: str, loaded: bool) -> str | None:
        if url.lower().startswith(_NOT_CHECKED):
            return None
        parts = urlsplit(url)
        if parts.scheme or parts.netloc:
            return f"loads {url} from the network" if loaded else None
        if parts.path.startswith("/"):
            if self.on_disk:
                return f"link {url!r} starts at the disk's root from file://"
            target: str | None = _normalise(unquote(parts.path).lstrip("/"))
        elif parts.path:
            target = _normalise(posixpath.join(folder, unquote(parts.path)))
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
        if self.on_disk and file != target:
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


def _normalise(path: str) -> str | None:
    """``path`` without ``.``, ``..`` and empty parts; ``None`` when it climbs above the
    site's root."""
    parts: list[str] = []
    for part in path.split("/"):
        if part == "..":
            if not parts:
                return None
            parts.pop()
        elif part not in (".", ""):
            parts.append(part)
    return "/".join(parts)


def main(argv: list[str] | None = None) -> int:
    """``python -m generator.linkcheck [--on-disk] SITE``: print the problems, exit 1 if any."""
    args = list(sys.argv[1:] if argv is None else argv)
    on_disk = "--on-disk" in args
    if on_disk:
        args.remove("--on-disk")
    if len(args) != 1 or not Path(args[0]).is_dir():
        print("usage: python -m generator.linkcheck [--on-disk] SITE_FOLDER", file=sys.stderr)
        return 2
    problems = check_site(Path(args[0]), on_disk=on_disk)
    for problem in problems:
        print(problem)
    print(f"{len(problems)} problem(s)", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
