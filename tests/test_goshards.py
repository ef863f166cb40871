"""The files of codes behind go/ and the 404 page: every code once, in order, in files of
bounded size, with an index that finds them."""

from __future__ import annotations

import json
import re
from bisect import bisect_right

import pytest

from activation_kb.domain.codes import parse_code
from activation_kb.domain.model import LANGUAGES, Content
from activation_kb.domain.nearest import order_key
from activation_kb.render.go_codes import CHUNK, MIN_CHUNK, SHARD_DIR, shard_files

_CALL = re.compile(r'KbGoCodes\.shard\("(\w+)",(.*)\);\n\Z', re.S)


def _read(files: dict[str, str]) -> dict[str, object]:
    """Each file's data, by the name it registers; that name is the file's own."""
    data = {}
    for path, text in files.items():
        assert path.startswith(f"{SHARD_DIR}/") and path.endswith(".js")
        assert text.isascii()
        match = _CALL.match(text)
        assert match, path
        assert path == f"{SHARD_DIR}/{match[1]}.js"
        data[match[1]] = json.loads(match[2])
    return data


@pytest.mark.parametrize("size", [MIN_CHUNK, 7, CHUNK])
def test_every_code_is_in_one_file_of_each_order(content: Content, size: int) -> None:
    data = _read(shard_files(content, size))
    index = data.pop("index")
    assert index["languages"] == list(LANGUAGES)
    by_value = [data[f"v{n}"] for n in range(len(index["v"]))]
    by_facility = [data[f"f{n}"] for n in range(len(index["f"]))]
    assert len(data) == len(by_value) + len(by_facility)
    records = {parse_code(record.code): record for record in content.records}
    rows = [row for chunk in by_value for row in chunk]
    assert [row[0] for row in rows] == sorted(records)
    for value, *titles in rows:
        assert titles == [getattr(records[value], lang).title for lang in LANGUAGES]
    keys = [order_key(value) for chunk in by_facility for value in chunk]
    assert keys == sorted(order_key(value) for value in records)
    for chunks in (by_value, by_facility):
        assert all(len(chunk) == size for chunk in chunks[:-1])
        assert 1 <= len(chunks[-1]) <= size
    assert index["v"] == [chunk[0][0] for chunk in by_value]
    assert index["f"] == [order_key(chunk[0]) for chunk in by_facility]


def test_the_index_finds_the_file_of_every_code(content: Content) -> None:
    data = _read(shard_files(content, MIN_CHUNK))
    firsts = data["index"]["v"]
    for value in (parse_code(record.code) for record in content.records):
        chunk = data[f"v{bisect_right(firsts, value) - 1}"]
        assert value in [row[0] for row in chunk]




def test_the_30_codes_are_one_file_of_each_order(content: Content) -> None:
    assert sorted(shard_files(content)) == [f"{SHARD_DIR}/{n}.js" for n in ("f0", "index", "v0")]


def test_files_too_small_for_the_closest_codes_are_refused(content: Content) -> None:
    with pytest.raises(ValueError, match="at least"):
        shard_files(content, MIN_CHUNK - 1)


def test_no_codes_make_empty_files(content: Content) -> None:
    empty = Content(content.article, ())
    data = _read(shard_files(empty))
    assert data == {"index": {"languages": list(LANGUAGES), "v": [], "f": []}}
