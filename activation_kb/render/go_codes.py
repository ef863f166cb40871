"""The site's codes for ``go/`` and the root 404 page, cut into small script files.

Both pages must know every code (is this one ours? which are the closest?), but a page
that carried them all would grow with the catalogue. So ``go/codes/`` holds the codes in
files of at most :data:`CHUNK` codes each, and the pages load only the few they need:

- ``v<n>.js``: the codes in ascending order of value, ``[value, title it, title en]``;
  a known code is looked up here, and its titles are read from here.
- ``f<n>.js``: the same values ordered by facility, code, then severity
  (:func:`activation_kb.domain.nearest.order_key`). The related codes of one we do not
  document are of its facility, nearest code first
  (:func:`activation_kb.domain.nearest.nearest_codes`), and they sit together in this
  order only; values only, to stay small.
- ``index.js``: the first value (``v``) and the first facility key (``f``) of each file,
  for a binary search, and the languages of the titles. It grows by one number per
  :data:`CHUNK` codes, the pages not at all.

Each file is a script calling ``KbGoCodes.shard(name, data)``: a page adds it as a
``<script src>`` element, which browsers run from ``file://`` too, where ``fetch()`` of a
JSON file is refused. Related codes need the file where the value would be and its two
neighbours, so a file holds at least :data:`MIN_CHUNK` codes (see kb-go-codes.js's ``closest``).
"""

from __future__ import annotations

import json

from activation_kb.domain.codes import parse_code
from activation_kb.domain.model import LANGUAGES, Content
from activation_kb.domain.nearest import CLOSEST, order_key

__all__ = ["CHUNK", "CLOSEST", "MIN_CHUNK", "SHARD_DIR", "shard_files"]

CHUNK = 256
"""The most codes one file holds."""
MIN_CHUNK = CLOSEST + 3
"""Fewer codes per file and the related ones might lie beyond a neighbouring file: in the
order of :func:`~activation_kb.domain.nearest.order_key`, each of the :data:`CLOSEST` most
related codes is among the ``CLOSEST + 3`` codes on its side of where the value would be
(before it come only codes ranked before it, and up to 3 other severities of its code)."""
SHARD_DIR = "go/codes"
"""The files' folder, from the site's root; ``go/index.html`` names it ``codes/``."""


def shard_files(content: Content, size: int = CHUNK) -> dict[str, str]:
    """The script files, by their path from the site's root; ``size``: codes per file."""
    if size < MIN_CHUNK:
        raise ValueError(f"a file of codes holds at least {MIN_CHUNK} codes, not {size}")
    rows = sorted(
        [parse_code(record.code), *(getattr(record, lang).title for lang in LANGUAGES)]
        for record in content.records
    )
    by_value = _chunks(rows, size)
    by_facility = _chunks(sorted((row[0] for row in rows), key=order_key), size)
    index = {
        "languages": list(LANGUAGES),
        "v": [chunk[0][0] for chunk in by_value],
        "f": [order_key(chunk[0]) for chunk in by_facility],
    }
    files = {"index": index}
    files |= {f"v{number}": chunk for number, chunk in enumerate(by_value)}
    files |= {f"f{number}": chunk for number, chunk in enumerate(by_facility)}
    return {f"{SHARD_DIR}/{name}.js": _script(name, data) for name, data in files.items()}


def _chunks(items: list, size: int) -> list[list]:
    return [items[start : start + size] for start in range(0, len(items), size)]


def _script(name: str, data: object) -> str:
    # ASCII only: the file reads the same whatever charset a server announces for it.
    payload = json.dumps(data, separators=(",", ":"))
    return f"KbGoCodes.shard({json.dumps(name)},{payload});\n"
