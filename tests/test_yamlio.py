"""The YAML writer: fixed layout, stable bytes, atomic files."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from activation_kb.content.yamlio import dump, in_field_order, load_file, write_atomic
from activation_kb.domain.errors import ContentError
from activation_kb.domain.model import ActivationType, CodeRecord

CONTENT = Path(__file__).resolve().parent.parent / "content"


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


def test_write_atomic_replaces_the_file_and_leaves_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "codes" / "0x80070005.yaml"
    write_atomic(target, "code: uno\n")
    write_atomic(target, "code: due è\n")
    assert target.read_bytes() == "code: due è\n".encode()
    assert stat.S_IMODE(target.stat().st_mode) == 0o644
    assert [p.name for p in target.parent.iterdir()] == [target.name]


def test_write_atomic_failure_keeps_the_old_file(tmp_path: Path) -> None:
    target = tmp_path / "article.yaml"
    target.write_text("old\n", encoding="utf-8")
    with pytest.raises(UnicodeEncodeError):
        write_atomic(target, "bad \udcff surrogate")
    assert target.read_text(encoding="utf-8") == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["article.yaml"]


def test_load_file_reports_the_line_of_a_syntax_error(tmp_path: Path) -> None:
    path = tmp_path / "broken.yaml"
    path.write_text("code: '0x1\nit:\n  title: [\n", encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        load_file(path, "codes/broken.yaml")
    problem = caught.value.problems[0]
    assert problem.file == "codes/broken.yaml" and problem.line is not None
    assert "not valid YAML" in problem.message
