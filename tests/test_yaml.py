"""The one YAML module (activation_kb.content.yaml): documents read with the line of every
field, what content may not hold refused where it is, and data written as stable YAML."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from activation_kb.content.yaml import MAX_FILE_BYTES, dump, in_field_order, parse_yaml, read_yaml
from activation_kb.domain.model import ActivationType, CodeRecord

CONTENT = Path(__file__).resolve().parent.parent / "content"


def messages(text: str) -> list[str]:
    _doc, problems = parse_yaml(text, "doc.yaml")
    return [str(problem) for problem in problems]


def test_data_lines_and_plain_scalars() -> None:
    text = (
        "code: 0x8007007b\nquoted: '0xC004F074'\nnumber: 12288\nnone: null\n"
        "en:\n  title: A\n  notes:\n    - one\n    - |-\n      two\n      lines\n"
    )
    doc, problems = parse_yaml(text, "doc.yaml")
    assert problems == [] and doc is not None
    assert doc.data == {
        "code": 0x8007007B,
        "quoted": "0xC004F074",
        "number": 12288,
        "none": None,
        "en": {"title": "A", "notes": ["one", "two\nlines"]},
    }
    assert doc.line("en", "notes", 1) == 9
    assert doc.line("en", "missing") == 5  # a missing field: at its mapping's key
    assert doc.plain_scalars[("code",)] == "0x8007007b"
    assert ("quoted",) not in doc.plain_scalars


def test_every_committed_file_reads_as_yaml_safe_load_reads_it() -> None:
    files = [CONTENT / "article.yaml", *sorted((CONTENT / "codes").glob("*.yaml"))]
    for path in files:
        doc, problems = read_yaml(path, path.name)
        assert problems == [] and doc is not None
        assert doc.data == yaml.safe_load(path.read_text(encoding="utf-8")), path.name


def test_a_duplicate_key_is_reported_and_the_last_value_kept() -> None:
    doc, problems = parse_yaml("code: a\nrelated: []\ncode: b\n", "doc.yaml")
    assert [str(p) for p in problems] == [
        "doc.yaml:3: code: duplicate key 'code' (first at line 1)"
    ]
    assert doc is not None and doc.data == {"code": "b", "related": []}


def test_an_alias_bomb_is_refused_at_once() -> None:
    # A few hundred bytes that expand to 9**9 strings when aliases are followed.
    lines = ["a0: &a0 [a,a,a,a,a,a,a,a,a]"]
    lines += [f"a{n}: &a{n} [" + ",".join([f"*a{n - 1}"] * 9) + "]" for n in range(1, 10)]
    text = "\n".join(lines) + "\n"
    assert len(text) < 450
    started = time.monotonic()
    _doc, problems = parse_yaml(text, "codes/bomb.yaml")
    assert time.monotonic() - started < 1
    assert problems[0] == problems[0].__class__(
        "codes/bomb.yaml", 2, "a1[0]", "aliases (*name) are not allowed: write the value out"
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "base: &b {title: A}\nit: *b\n",
            "doc.yaml:2: it: aliases (*name) are not allowed: write the value out",
        ),
        ("it:\n  <<: {title: A}\n", "doc.yaml:2: it: merge keys (<<) not allowed"),
        ("set: !!set {a, b}\n", "doc.yaml:1: set: the tag tag:yaml.org,2002:set is not allowed"),
        ("x: !custom 1\n", "doc.yaml:1: x: the tag !custom is not allowed"),
        ("? [a, b]\n: c\n", "doc.yaml:1: keys must be plain text"),
    ],
)
def test_yaml_that_content_never_needs_is_refused_where_it_is(text: str, expected: str) -> None:
    assert messages(text) == [expected]


def test_deep_nesting_is_a_problem_not_a_crash() -> None:
    assert messages("a: " + "[" * 1100 + "]" * 1100 + "\n") == [
        "doc.yaml: the document is nested too deeply"
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "title: 'open\n",
            "doc.yaml:2: YAML syntax error at line 2, column 1: found unexpected end of the file",
        ),
        (
            "en:\n\ttitle: a\n",
            "doc.yaml:2: YAML syntax error at line 2, column 1: "
            "found character '\\t' that cannot start any token",
        ),
        (
            "a: \x1b\n",
            "doc.yaml:1: YAML syntax error at line 1, column 4: "
            "character U+001B is not allowed in YAML (special characters are not allowed)",
        ),
    ],
)
def test_bad_yaml_is_worded_with_line_and_column(text: str, expected: str) -> None:
    assert messages(text)[0].startswith(expected)


def test_a_file_over_the_size_limit_is_refused_unread(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    path.write_text("x: '" + "a" * MAX_FILE_BYTES + "'\n", encoding="utf-8")
    doc, problems = read_yaml(path, "codes/big.yaml")
    assert doc is None
    assert [str(p) for p in problems] == [
        "codes/big.yaml: the file is larger than 256 KB; split it"
    ]


def test_layout() -> None:
    data = {
        "code": "0x8007007b",
        "types": [ActivationType.KMS_CLIENT, "mak"],
        "empty": [],
        "missing": None,
        "flag": False,
        "markdown": 'Primo paragrafo: <chiave 5x5> & "virgolette".\n\n- voce\n  > [!NOTE]',
        "word": "yes",
        "number": "80826354",
        "accented": "è più",
        "long": "parola " * 40 + "fine",
        "nested": {"ms.date": "9/18/2019"},
    }
    expected = (
        "code: '0x8007007b'\n"
        "types:\n"
        "  - kms-client\n"
        "  - mak\n"
        "empty: []\n"
        "missing: null\n"
        "flag: false\n"
        "markdown: |-\n"
        '  Primo paragrafo: <chiave 5x5> & "virgolette".\n'
        "\n"
        "  - voce\n"
        "    > [!NOTE]\n"
        "word: 'yes'\n"
        "number: '80826354'\n"
        "accented: è più\n"
        f"long: {'parola ' * 40}fine\n"
        "nested:\n"
        "  ms.date: 9/18/2019\n"
    )
    assert dump(data) == expected


def test_every_content_file_re_dumps_to_the_same_bytes() -> None:
    files = [CONTENT / "article.yaml", *sorted((CONTENT / "codes").glob("*.yaml"))]
    assert len(files) > 1
    for path in files:
        text = path.read_text(encoding="utf-8")
        assert dump(yaml.safe_load(text)) == text, path.name


# Realistic text: letters, punctuation, symbols and spaces, with YAML-significant pieces mixed in.
_TEXT = st.lists(
    st.text(
        alphabet=st.characters(
            categories=("L", "N", "P", "S", "Zs"), exclude_characters="\u2028\u2029\u0085\ufeff"
        ),
        max_size=10,
    )
    | st.sampled_from(["\n", " ", "\n\n", "  ", "'", '"', ": ", " #", "- ", "|", ">", "0x1F"]),
    max_size=8,
).map("".join)
_VALUES = st.recursive(
    st.none() | st.booleans() | _TEXT,
    lambda children: (
        st.lists(children, max_size=3)
        | st.dictionaries(
            st.text(alphabet="abcdefghij._-", min_size=1, max_size=8), children, max_size=3
        )
    ),
    max_leaves=10,
)


@settings(deadline=None)  # pure, but a loaded CI machine can take longer than 200 ms
@given(st.dictionaries(st.text(alphabet="abcdefghij_", min_size=1, max_size=8), _VALUES))
def test_dump_round_trips_and_is_stable(data: dict[str, object]) -> None:
    text = dump(data)
    assert yaml.safe_load(text) == data
    assert dump(yaml.safe_load(text)) == text
    assert text.endswith("\n")


def test_in_field_order_follows_the_schema_and_keeps_unknown_keys() -> None:
    scrambled = {
        "extra": 1,
        "it": {"resolution": "r", "title": "t", "notes": []},
        "related": [],
        "code": "0x80070005",
        "anchor": "a",
    }
    ordered = in_field_order(scrambled, CodeRecord)
    assert list(ordered) == ["code", "anchor", "related", "it", "extra"]
    assert list(ordered["it"]) == ["title", "resolution", "notes"]
