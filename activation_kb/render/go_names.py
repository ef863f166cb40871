"""Windows' names of error codes for ``go/``, cut into small script files.

``go/`` decodes a code we do not document (``overrides/assets/javascripts/kb-decode.js``,
the twin of :mod:`activation_kb.domain.hresult`) and names it as the code pages do. The
names of about 6,000 values (:func:`activation_kb.domain.names.named_values`) are some
280 KB of JSON; ``go/names/`` holds them in files of at most :data:`CHUNK` values, and a
page loads, only for a code it does not document, the index, the facilities and the one
file that would hold the value:

- ``names.js``: the index, the first value of each file (``n``), for a binary search (not
  ``index.js``: a file registers under its own name, and the codes' index has that one);
- ``facilities.js``: ``[number, [FACILITY_* names]]`` of every facility;
- ``n<k>.js``: ``[value, [its own names], [Win32 symbols]]`` in ascending order of value,
  the last list left out when empty (:func:`activation_kb.domain.names.names` joins them);
- ``decode.js``: the words of the decoding, loaded first (the script that decodes,
  ``kb-decode.js``, is one of the theme's).

Each file calls ``KbGoCodes.shard(name, data)``, as the files of codes do
(:mod:`activation_kb.render.go_codes`); the files do not depend on the content.
docs/error-tables.md gives their sizes.
"""

from __future__ import annotations

import json

from activation_kb.domain.names import named_facilities, named_values

__all__ = ["CHUNK", "DECODE_FILE", "NAMES_DIR", "name_files"]

CHUNK = 256
"""The most values one file of names holds (about 14 KB, 3 KB compressed)."""
NAMES_DIR = "go/names"
"""The files' folder, from the site's root; ``go/index.html`` names it ``names/``."""
DECODE_FILE = "decode"
"""The file beside them that holds the words of the decoding
(:func:`activation_kb.render.go.go_files` writes it)."""


def name_files(size: int = CHUNK) -> dict[str, str]:
    """The script files, by their path from the site's root; ``size``: values per file."""
    if size < 1:
        raise ValueError("a file of names holds at least one value")
    rows = [
        [value, list(own), list(win32)] if win32 else [value, list(own)]
        for value, own, win32 in named_values()
    ]
    chunks = [rows[start : start + size] for start in range(0, len(rows), size)]
    files: dict[str, object] = {
        "names": {"n": [chunk[0][0] for chunk in chunks]},
        "facilities": [[number, list(names)] for number, names in named_facilities()],
    }
    files |= {f"n{number}": chunk for number, chunk in enumerate(chunks)}
    return {f"{NAMES_DIR}/{name}.js": _script(name, data) for name, data in files.items()}


def _script(name: str, data: object) -> str:
    # ASCII only: the file reads the same whatever charset a server announces for it.
    payload = json.dumps(data, separators=(",", ":"))
    return f"KbGoCodes.shard({json.dumps(name)},{payload});\n"
