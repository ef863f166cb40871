"""Check a built site on disk: every internal link and ``#anchor`` resolves, no page has
duplicate ids, and nothing is loaded from the network.

Engine-independent (it reads only HTML files, plus the two data files whose addresses
readers follow: each language's search index and ``codes.json``), so the build runs it on
every site it makes and on the offline bundle's tree. ``check_site(root, on_disk=True)``
reads links as a browser does from ``file://``: a folder is not its ``index.html`` and
``/`` is the disk's root, so links to folders and root-relative links are problems there.
``python -m generator.linkcheck [--on-disk] site`` prints the problems and exits 1 when
there are any; ``kb linkcheck`` also takes the zip and lists the external links
(:func:`external_links`), which are never fetched: the machines that build the site have
no network.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

__all__ = ["PageScan", "check_site", "external_links", "main", "scan_html"]

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
_NOT_PLACES = ("javascript:", "data:", "blob:")
"""Schemes that hold content or code, not an address to list among external links."""


@dataclass
class PageScan:
    """What one HTML page holds: its ids (with repeats) and its URLs."""

    ids: list[str] = field(default_factory=list)
    links: list[tuple[str, bool]] = field(default_factory=list)
    """``(url, loaded)``: ``loaded`` when the browser fetches it to show the page."""


class _Scanner(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.scan = PageScan()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value for name, value in attrs if value is not None}
        if "id" in values:
            self.scan.ids.append(values["id"])
        if tag == "a" and "name" in values and values.get("id") != values["name"]:
            self.scan.ids.append(values["name"])
        rels = set(values.get("rel", "").lower().split())
        for name, value in values.items():
            if (tag, name) in _LINKED and value.strip():
                fetched_link = tag == "link" and bool(rels & _LOADED_LINK_RELS)
                loaded = (tag, name) in _LOADED or fetched_link
                self.scan.links.append((value.strip(), loaded))

    handle_startendtag = handle_starttag


def scan_html(text: str) -> PageScan:
    """The ids and URLs of one page."""
    scanner = _Scanner()
    scanner.feed(text)
    scanner.close()
    return scanner.scan


def _scan_pages(root: Path) -> dict[PurePosixPath, PageScan]:
    return {
        PurePosixPath(path.relative_to(root).as_posix()): scan_html(path.read_text("utf-8"))
        for path in sorted(root.rglob("*.html"))
    }


def external_links(root: Path) -> dict[str, list[str]]:
    """Every link that leaves the site (``https://…``, ``mailto:…``), with the pages that
    have it, both sorted."""
    found: dict[str, set[str]] = {}
    for page, scan in _scan_pages(root).items():
        for url, _ in scan.links:
            parts = urlsplit(url)
            if (parts.scheme or parts.netloc) and not url.lower().startswith(_NOT_PLACES):
                found.setdefault(url, set()).add(str(page))
    return {url: sorted(pages) for url, pages in sorted(found.items())}


def check_site(root: Path, *, on_disk: bool = False) -> list[str]:
    """Every problem of the site under ``root``, one readable line each, sorted.

    ``on_disk``: the site is opened from ``file://`` rather than served. The addresses in
    data files are read by scripts, which add ``index.html`` where needed; they are always
    checked as served.
    """
    pages = _scan_pages(root)
    problems = _data_problems(root, pages)
    for page, scan in pages.items():
        for duplicate in sorted(i for i, count in Counter(scan.ids).items() if count > 1):
            problems.append(f"{page}: duplicate id {duplicate!r}")
        for url, loaded in scan.links:
            problem = _check_link(root, pages, page, url, loaded, on_disk)
            if problem:
                problems.append(f"{page}: {problem}")
    return sorted(set(problems))


def _data_problems(root: Path, pages: dict[PurePosixPath, PageScan]) -> list[str]:
    """Addresses in data files: search results (relative to their language's folder) and
    the ``url`` of every code in ``codes.json`` (relative to the site's root)."""
    found: list[tuple[Path, PurePosixPath, str]] = []
    for index in sorted(root.glob("*/search/search_index.json")):
        base = PurePosixPath(index.parent.parent.relative_to(root).as_posix(), "index.html")
        for doc in json.loads(index.read_text("utf-8")).get("docs", []):
            found.append((index, base, str(doc.get("location", ""))))
    codes = root / "codes.json"
    if codes.is_file():
        found += [
            (codes, PurePosixPath("index.html"), url)
            for url in _urls(json.loads(codes.read_text("utf-8")))
        ]
    problems = []
    for file, base, url in found:
        problem = _check_link(root, pages, base, url, loaded=False, on_disk=False)
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


def _check_link(
    root: Path,
    pages: dict[PurePosixPath, PageScan],
    page: PurePosixPath,
    url: str,
    loaded: bool,
    on_disk: bool,
) -> str | None:
    if url.lower().startswith(_NOT_CHECKED):
        return None
    parts = urlsplit(url)
    if parts.scheme or parts.netloc:
        return f"loads {url} from the network" if loaded else None
    if parts.path.startswith("/"):
        if on_disk:
            return f"link {url!r} starts at the disk's root from file://"
        target = PurePosixPath(unquote(parts.path).lstrip("/"))
    elif parts.path:
        target = _normalise(page.parent / unquote(parts.path))
        if target is None:
            return f"link {url!r} leaves the site"
    else:
        target = page
    file = _existing_file(root, target, parts.path.endswith("/"))
    if file is None:
        return f"dead link {url!r}"
    if on_disk and file != target:
        return f"link {url!r} names a folder: from file:// it shows the folder, not {file}"
    fragment = unquote(parts.fragment)
    if fragment and file.suffix == ".html" and fragment not in set(pages[file].ids):
        return f"missing anchor {url!r}: {file} has no id {fragment!r}"
    return None


def _normalise(path: PurePosixPath) -> PurePosixPath | None:
    parts: list[str] = []
    for part in path.parts:
        if part == "..":
            if not parts:
                return None
            parts.pop()
        elif part not in (".", ""):
            parts.append(part)
    return PurePosixPath(*parts)


def _existing_file(root: Path, target: PurePosixPath, directory: bool) -> PurePosixPath | None:
    on_disk = root / target
    if not directory and on_disk.is_file():
        return target
    if on_disk.is_dir() and (on_disk / "index.html").is_file():
        return target / "index.html"
    return None


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
