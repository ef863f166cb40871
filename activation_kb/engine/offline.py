"""The engine's web build made fit for ``file://``, without running the engine again.

Material's ``offline`` plugin builds each language a second time with three differences
from the web build: links name ``index.html`` instead of a folder (no directory URLs), the
search index is also written as a script (``var __index = …``, which a page on disk can
load where it cannot fetch JSON), and a polyfill script runs the search worker in an
iframe (we ship our copy of ``iframe-worker``'s shim, never unpkg.com's). Those are
mechanical, so the bundle derives them from the web build's files: at 10,000 codes a
second run of the engine costs about a minute per language, this a few seconds.

Like :mod:`activation_kb.engine.mkdocs`, this module knows the engine's output; the rest of the
generator does not. ``tests/test_engine_offline.py`` compares what it derives with what
the offline plugin itself builds, so a change of the engine that this module misses fails
there.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from activation_kb.engine.mkdocs import IFRAME_WORKER, SHIM

__all__ = ["SHIM", "copy_files", "file_page"]

_INDEX = "search/search_index.json"
# Material's search worker and the lunr files it loads: our search worker replaces it
# (overrides/assets/javascripts/kb-material.js), so a bundle on disk needs neither.
_MATERIAL_SEARCH = re.compile(
    r"^assets/javascripts/(?:lunr/.*|workers/search\.[0-9a-f]+\.min\.js)$"
)
# What a reader on disk cannot use: from file:// Material's bundle loads the index from
# search_index.js, never the JSON; no browser asks for a sitemap.
_UNUSED = frozenset({"sitemap.xml", "sitemap.xml.gz", _INDEX})
_SOURCE_MAP_COMMENT = re.compile(r"\n(?://|/\*)# sourceMappingURL=\S+(?: \*/)?\s*\Z")

# A link in a page: the engine quotes attributes with double quotes. A plain string to
# look for, which the regular expression engine finds quickly (a \b before it made the
# search ten times slower); the character before it must end the previous attribute.
_HREF = re.compile(r'href="(?P<url>[^"]*)"')
_BEFORE_ATTRIBUTE = frozenset(" \t\n\r")
# Not relative to the page: a scheme (https:, mailto:), the site's root, a fragment.
_NOT_RELATIVE = re.compile(r"^(?:[a-zA-Z][a-zA-Z0-9+.-]*:|/|#|\?|$)")
_FIRST_SCRIPT = re.compile(r"<script\b")
_QUERY_OR_FRAGMENT = re.compile(r"[?#]")
_LOCATION = re.compile(r'"location":"(?P<url>[^"]*)"')


def file_page(text: str, folder: str) -> str:
    """A web page of the engine, ``text``, in ``folder`` of its language (``""`` at its
    top), as the offline build writes it: links to a folder name its ``index.html``, and
    the shim loads before any other script."""

    def to_file(match: re.Match[str]) -> str:
        if text[match.start() - 1] not in _BEFORE_ATTRIBUTE:
            return match.group()  # data-href=, xlink:href=: not the element's link
        return f'href="{file_url(match.group("url"))}"'

    text = _HREF.sub(to_file, text)
    up = "../" * len(folder.split("/")) if folder else ""
    shim = f'<script src="{up}{SHIM}"></script>\n'
    first = _FIRST_SCRIPT.search(text)
    at = first.start() if first else text.find("</head>")
    return text[:at] + shim + text[at:] if at >= 0 else text


def file_url(url: str) -> str:
    """``url`` of a web page as an offline page names it: ``../0xc004f064/`` →
    ``../0xc004f064/index.html``, ``..`` → ``../index.html``, ``.`` → ``index.html``;
    query and fragment kept; other URLs unchanged."""
    if _NOT_RELATIVE.match(url):
        return url
    cut = _QUERY_OR_FRAGMENT.search(url)
    path, rest = (url[: cut.start()], url[cut.start() :]) if cut else (url, "")
    if path == "." or path.endswith("/."):
        return f"{path[:-1]}index.html{rest}"
    if path == ".." or path.endswith("/.."):
        return f"{path}/index.html{rest}"
    if path.endswith("/"):
        return f"{path}index.html{rest}"
    return url


def _file_location(match: re.Match[str]) -> str:
    url = match.group("url")
    path, mark, fragment = url.partition("#")
    if path == "" or path.endswith("/"):
        path += "index.html"
    return f'"location":"{path}{mark}{fragment}"'


def copy_files(online: Path, offline: Path) -> list[Path]:
    """Copy a language's web build ``online`` to ``offline`` as the offline plugin would
    build it, but for its pages: return those (relative to ``online``), for the caller to
    write through :func:`file_page`.

    Left out: sitemaps, the JSON index (its script is written instead, locations naming
    ``index.html``), source maps (and the comments naming them), Material's search worker
    and lunr (ours replaces them). Added: the shim.
    """
    pages = []
    for source in sorted(online.rglob("*")):
        if not source.is_file():
            continue
        relative = source.relative_to(online)
        name = relative.as_posix()
        if source.suffix == ".html":
            pages.append(relative)
            continue
        if name in _UNUSED or source.suffix == ".map" or _MATERIAL_SEARCH.match(name):
            continue
        target = offline / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        if source.with_name(source.name + ".map").is_file():
            text = source.read_text(encoding="utf-8")
            target.write_text(_SOURCE_MAP_COMMENT.sub("\n", text), encoding="utf-8")
        else:
            shutil.copyfile(source, target)
    index = online / _INDEX
    if index.is_file():
        data = _LOCATION.sub(_file_location, index.read_text(encoding="utf-8"))
        script = offline / "search" / "search_index.js"
        script.parent.mkdir(parents=True, exist_ok=True)
        script.write_text(f"var __index = {data}", encoding="utf-8")
    shim = offline / SHIM
    shim.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(IFRAME_WORKER / "shim.js", shim)
    shutil.copyfile(IFRAME_WORKER / "LICENSE", shim.parent / "LICENSE")
    return pages
