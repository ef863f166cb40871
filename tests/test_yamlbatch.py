"""Reading many YAML files in two processes (activation_kb.content.yamlbatch): every file gives what
``read_yaml`` gives, the broken ones included, and the second half is really read by the
other process."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from activation_kb.check.rules import check, read_for_check
from activation_kb.content import yamlbatch
from activation_kb.content.loader import load
from activation_kb.content.yamldoc import read_yaml
from tests.check.content_tree import edit, valid_copy

FILES = {
    "a.yaml": "code: 0x8007007b\ntitle: A\n",
    "b.yaml": "title: 'open\n",  # a syntax error
    "c.yaml": "code: a\nrelated: []\ncode: b\n",  # a duplicate key: not plain
    "d.yaml": "en:\n  notes:\n    - one\n    - |-\n      two\n",
    "e.yaml": "on: yes\ndate: 2024-01-31\nnone:\n",
    "f.yaml": "",
    "g.yaml": "alias: &a {x: 1}\nagain: *a\n",
    "h.yaml": "title: ok\n",
}


@pytest.fixture
def few_make_a_batch(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(yamlbatch, "PARALLEL_FROM", 2)
    # The browser tests' web servers run in threads for the whole session, so can_fork()
    # says no; the forked reader needs none of the locks they could hold.
    monkeypatch.setattr(yamlbatch, "can_fork", lambda: True)


def _write(root: Path) -> list[str]:
    for name, text in FILES.items():
        (root / name).write_text(text, encoding="utf-8")
    (root / "g2.yaml").write_bytes(b"title: caf\xe9\n")  # not UTF-8
    (root / "i.yaml").write_text("bell: \x07\n", encoding="utf-8")  # not printable
    return sorted(path.name for path in root.iterdir())


@pytest.mark.usefixtures("few_make_a_batch")
def test_each_file_reads_as_read_yaml_reads_it(tmp_path: Path) -> None:
    names = _write(tmp_path)
    expected = [read_yaml(tmp_path / name, name) for name in names]
    with yamlbatch.reading(tmp_path, names, jobs=2) as read:
        # Asked for twice, or out of the list: still the same answer.
        assert read(tmp_path / names[-1], names[-1]) == expected[-1]
        got = [read(tmp_path / name, name) for name in names]
        assert read(tmp_path / names[-1], names[-1]) == expected[-1]
    assert got == expected
    assert any(problems for _, problems in got[len(got) // 2 :])  # broken ones in the half


@pytest.mark.usefixtures("few_make_a_batch")
def test_the_clean_files_of_the_second_half_are_not_read_here(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    names = sorted(FILES)
    for name in names:
        (tmp_path / name).write_text("title: ok\n", encoding="utf-8")
    read_here: list[str] = []

    def counted(path: Path, name: str) -> object:
        read_here.append(name)
        return read_yaml(path, name)

    with yamlbatch.reading(tmp_path, names, jobs=2) as read:
        monkeypatch.setattr(yamlbatch, "read_yaml", counted)  # after the fork: here only
        for name in names:
            doc, problems = read(tmp_path / name, name)
            assert doc is not None and doc.data == {"title": "ok"} and not problems
    assert read_here == names[: len(names) // 2]


@pytest.mark.usefixtures("few_make_a_batch")
def test_content_loads_and_checks_alike_in_two_processes(tmp_path: Path) -> None:
    root = valid_copy(tmp_path)
    edit(root, "codes/0xc004f074.yaml", "  title: No Key", "  titel: No Key")
    one, two = read_for_check(root), read_for_check(root, jobs=2)
    assert one == two
    assert check(*one) == check(*two) != []
    assert load(root) == load(root, jobs=2)


@pytest.mark.usefixtures("few_make_a_batch")
def test_the_other_process_is_stopped_when_none_of_its_files_is_asked_for(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    names = _write(tmp_path)
    started: list[yamlbatch.ForkedCall] = []

    class Watched(yamlbatch.ForkedCall):  # the real fork, its process id noted
        def __init__(self, *args: object) -> None:
            super().__init__(*args)
            started.append(self)

    monkeypatch.setattr(yamlbatch, "ForkedCall", Watched)
    with yamlbatch.reading(tmp_path, names, jobs=2) as read:
        assert read(tmp_path / names[0], names[0]) == read_yaml(tmp_path / names[0], names[0])
    assert len(started) == 1
    with pytest.raises(ProcessLookupError):
        os.kill(started[0].pid, 0)  # gone, and waited for
