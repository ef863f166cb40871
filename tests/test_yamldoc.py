"""Reading YAML with positions (activation_kb.content.yamldoc): libyaml's quick path and the
pure-Python path give the same document, and bad YAML is always worded by the pure-Python path."""

from __future__ import annotations

from pathlib import Path

import pytest

from activation_kb.content import yamldoc
from activation_kb.content.yamldoc import read_yaml

CONTENT = Path(__file__).resolve().parent.parent / "content"

SAMPLES = {
    "scalars": "code: 0x8007007b\nquoted: '0xC004F074'\ndouble: \"x\"\nnumber: 12288\nnone: null\n",
    "nested": (
        "en:\n  title: A\n  notes:\n    - one\n    - |-\n      two\n      lines\nit: {title: B}\n"
    ),
    "duplicate key": "code: a\nrelated: []\ncode: b\n",
    "empty": "",
    "comment only": "# nothing\n",
    "folded": "text: >\n  folded\n  text\nlist: [a, 'b', \"c\"]\n",
    "typed scalars": "on: yes\ndate: 2024-01-31\nfloat: 1.5e3\nempty:\nhex: 0x1F\n",
    "alias": "base: &b {title: A}\nit: *b\nen: *b\n",
    "merge key": "base: &b {title: A}\nit:\n  <<: *b\n  notes: [x]\n",
    "explicit tags": "code: !!str 0x8007007b\nlist: !!seq [a]\nset: !!set {a, b}\n",
    "keys alike by value": "1: a\n'1': b\n01: c\n",
    "complex key": "? [a, b]\n: c\n",
    "deep": "a: " + "[" * 50 + "]" * 50 + "\n",
}
BROKEN = {
    "unclosed quote": "title: 'open\n",
    "bad indent": "en:\n  title: a\n bad: b\n",
    "tab": "en:\n\ttitle: a\n",
}


def _both(tmp_path: Path, text: str, monkeypatch: pytest.MonkeyPatch) -> tuple[object, object]:
    path = tmp_path / "doc.yaml"
    path.write_text(text, encoding="utf-8")
    fast = read_yaml(path, "doc.yaml")
    with monkeypatch.context() as patch:
        patch.setattr(yamldoc, "_FAST_LOADER", None)
        slow = read_yaml(path, "doc.yaml")
    return fast, slow


def test_libyaml_is_there() -> None:
    # Without it every file takes the slow path: correct, but ten times slower.
    assert yamldoc._FAST_LOADER is not None


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_both_paths_read_the_same_document(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    fast, slow = _both(tmp_path, SAMPLES[name], monkeypatch)
    assert fast == slow


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_bad_yaml_gets_the_same_message_either_way(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    fast, slow = _both(tmp_path, BROKEN[name], monkeypatch)
    assert fast == slow
    doc, problems = fast  # type: ignore[misc]
    assert doc is None and problems


def test_both_paths_read_the_committed_content_alike(monkeypatch: pytest.MonkeyPatch) -> None:
    files = [CONTENT / "article.yaml", *sorted((CONTENT / "codes").glob("*.yaml"))]
    fast = [read_yaml(path, path.name) for path in files]
    monkeypatch.setattr(yamldoc, "_FAST_LOADER", None)
    assert fast == [read_yaml(path, path.name) for path in files]
