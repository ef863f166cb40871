"""The files of names behind go/'s decoding of a code it does not document
(activation_kb.render.go_names): every name once, in files of bounded size, found by the
index, and the same names as the domain's."""

from __future__ import annotations

import gzip
import json
import re
from bisect import bisect_right

from activation_kb.domain.names import names, win32_symbols
from activation_kb.render.go_names import CHUNK, NAMES_DIR, name_files
from tests.documented import DOCUMENTED, expected_names

_CALL = re.compile(r'KbGoCodes\.shard\("(\w+)",(.*)\);\n\Z', re.S)


def _read(size: int = CHUNK) -> dict[str, object]:
    data = {}
    for path, text in name_files(size).items():
        assert text.isascii()
        match = _CALL.match(text)
        assert match, path
        assert path == f"{NAMES_DIR}/{match[1]}.js"  # a file registers under its own name
        data[match[1]] = json.loads(match[2])
    return data


def _entry(data: dict[str, object], value: int) -> list | None:
    firsts = data["names"]["n"]
    chunk = data[f"n{max(0, bisect_right(firsts, value) - 1)}"]
    found = [row for row in chunk if row[0] == value]
    return found[0] if found else None


def _names(entry: list | None) -> list[str]:
    if entry is None:
        return []
    return list(dict.fromkeys(entry[1] + (entry[2] if len(entry) > 2 else [])))


def test_the_documented_codes_have_their_names_in_the_files() -> None:
    data = _read()
    for row in DOCUMENTED:
        assert _names(_entry(data, row[0])) == expected_names(row[0])


def test_the_issue_s_examples_are_in_the_files() -> None:
    data = _read()
    assert _entry(data, 0x887A0005) == [0x887A0005, ["DXGI_ERROR_DEVICE_REMOVED"]]
    assert _entry(data, 0x80070005) == [0x80070005, ["E_ACCESSDENIED"], ["ERROR_ACCESS_DENIED"]]
    assert _entry(data, 0x8007232B) == [0x8007232B, [], ["DNS_ERROR_RCODE_NAME_ERROR"]]
    assert _entry(data, 0xC004F065) is None
    facilities = dict((number, names) for number, names in data["facilities"])
    assert facilities[2170] == ["FACILITY_DXGI"]
    assert facilities[9] == ["FACILITY_SSPI", "FACILITY_SECURITY"]


def test_every_file_holds_at_most_chunk_values_in_order_and_names_agree() -> None:
    data = _read(97)
    count = len(data["names"]["n"])
    chunks = [data[f"n{number}"] for number in range(count)]
    assert set(data) == {"names", "facilities"} | {f"n{number}" for number in range(count)}
    rows = [row for chunk in chunks for row in chunk]
    values = [row[0] for row in rows]
    assert values == sorted(set(values))
    assert all(len(chunk) == 97 for chunk in chunks[:-1]) and 1 <= len(chunks[-1]) <= 97
    assert data["names"]["n"] == [chunk[0][0] for chunk in chunks]
    for row in rows:
        assert _names(row) == names(row[0])
        assert (row[2] if len(row) > 2 else []) == list(win32_symbols(row[0]))


def test_the_files_stay_small() -> None:
    # What go/ loads for a code it does not document, besides the page and the codes:
    # the index, the facilities and one file of names (docs/error-tables.md gives them).
    files = name_files()
    index = files[f"{NAMES_DIR}/names.js"]
    assert len(gzip.compress(index.encode())) < 400
    assert len(gzip.compress(files[f"{NAMES_DIR}/facilities.js"].encode())) < 2_000
    largest = max(len(text) for path, text in files.items() if re.search(r"/n\d+\.js$", path))
    assert largest < 16_000
