"""The loader: every file read, every schema problem located by file, line and field."""

from __future__ import annotations

from pathlib import Path

import pytest

from activation_kb.content.loader import assemble, load
from activation_kb.content.yaml import field_name
from activation_kb.domain.errors import ContentError, Problem
from tests.check.content_tree import VALID, edit, line_of, valid_copy

RECORD = "codes/0x80070490.yaml"


def messages(root: Path) -> list[str]:
    _, problems = assemble(load(root))
    return [str(problem) for problem in ContentError(problems).problems]


def test_the_valid_fixture_loads_in_summary_table_order() -> None:
    content, problems = assemble(load(VALID))
    assert content is not None and problems == []
    assert content.article.codes == ["0x8007007b", "0x80070490", "0xC004F074"]
    assert [record.code for record in content.records] == content.article.codes
    assert content.records[2].related == ["0x8007007B"]


def test_yaml_syntax_error_names_line_and_column(tmp_path: Path) -> None:
    root = valid_copy(tmp_path)
    edit(root, RECORD, "  title: The product key", "  title: The: product key")
    line = line_of(root, RECORD, "title: The: product key")
    assert messages(root) == [
        f"{RECORD}:{line}: YAML syntax error at line {line}, column 13: "
        "mapping values are not allowed here"
    ]


def test_missing_field_is_reported_where_its_block_starts(tmp_path: Path) -> None:
    root = valid_copy(tmp_path)
    edit(
        root,
        RECORD,
        "  summary_message: >-\n    The product",
        "  summary_messages: >-\n    The product",
    )
    en_line = line_of(root, RECORD, "en:")
    extra_line = line_of(root, RECORD, "summary_messages")
    assert messages(root) == [
        f"{RECORD}:{en_line}: en.summary_message: missing field",
        f"{RECORD}:{extra_line}: en.summary_messages: extra field 'summary_messages' not allowed",
    ]


def test_unknown_activation_type_lists_the_vocabulary(tmp_path: Path) -> None:
    root = valid_copy(tmp_path)
    edit(root, RECORD, "activation_types: [mak]", "activation_types: [mak, kms-server]")
    line = line_of(root, RECORD, "activation_types:")
    assert messages(root) == [
        f"{RECORD}:{line}: activation_types[1]: unknown activation type 'kms-server' "
        "(expected one of: mak, kms-client, kms-host, kms)"
    ]


def test_missing_translation_block(tmp_path: Path) -> None:
    root = valid_copy(tmp_path)
    text = (root / RECORD).read_text(encoding="utf-8")
    (root / RECORD).write_text(text[: text.index("\nen:\n") + 1], encoding="utf-8")
    assert messages(root) == [f"{RECORD}:1: en: missing translation: no 'en' block"]


def test_an_unquoted_code_is_shown_as_written_with_the_fix(tmp_path: Path) -> None:
    root = valid_copy(tmp_path)
    edit(root, RECORD, 'code: "0x80070490"', "code: 0x80070490")
    assert messages(root) == [
        f"{RECORD}:1: code: expected text, got the number 0x80070490 "
        "(put it in quotes to make it text)"
    ]


def test_wrong_shapes_deep_in_the_tree(tmp_path: Path) -> None:
    root = valid_copy(tmp_path)
    edit(
        root,
        "article.yaml",
        "  summary_columns: [Error code, Error message, Activation type]",
        "  summary_columns: [Error code, Error message]",
    )
    edit(root, "article.yaml", "      kms: Key Management Service (KMS)\n", "      kms: [KMS]\n")
    edit(root, RECORD, "activation_types: [mak]", "activation_types: []\ndiagnostic_tool: maybe")
    columns = line_of(root, "article.yaml", "[Error code, Error message]")
    kms = line_of(root, "article.yaml", "kms: [KMS]")
    types = line_of(root, RECORD, "activation_types: []")
    assert messages(root) == [
        f"article.yaml:{columns}: en.summary_columns: needs at least 3 items, has 2",
        f"article.yaml:{kms}: en.labels.activation_types.kms: expected text, got a list",
        f"{RECORD}:{types}: activation_types: must not be empty",
        f"{RECORD}:{types + 1}: diagnostic_tool: expected true or false, got the text 'maybe'",
    ]


def test_duplicate_yaml_key_is_not_silently_dropped(tmp_path: Path) -> None:
    root = valid_copy(tmp_path)
    edit(root, RECORD, "activation_types: [mak]", "activation_types: [mak]\nanchor: x")
    first = line_of(root, RECORD, "anchor: 0x80070490")
    assert messages(root) == [
        f"{RECORD}:{first + 2}: anchor: duplicate key 'anchor' (first at line {first})"
    ]


def test_missing_article_and_codes_folder(tmp_path: Path) -> None:
    root = tmp_path / "content"
    root.mkdir()
    assert messages(root) == [
        f"article.yaml: file not found in {root}",
        f"codes/: folder not found in {root}",
    ]
    assert messages(tmp_path / "nowhere") == [f"{tmp_path / 'nowhere'}: content folder not found"]


def test_stray_files_and_empty_record(tmp_path: Path) -> None:
    root = valid_copy(tmp_path)
    (root / "codes" / "notes.txt").write_text("x", encoding="utf-8")
    (root / RECORD).write_text("# nothing yet\n", encoding="utf-8")
    assert messages(root) == [
        f"{RECORD}:1: the file is empty",
        "codes/notes.txt: not a record file (records are codes/<code slug>.yaml); remove it",
    ]


def test_listed_code_without_record_file(tmp_path: Path) -> None:
    root = valid_copy(tmp_path)
    (root / RECORD).unlink()
    line = line_of(root, "article.yaml", '- "0x80070490"')
    assert messages(root) == [
        f"article.yaml:{line}: codes[1]: no record file codes/0x80070490.yaml for 0x80070490"
    ]


def test_every_problem_of_every_file_is_reported_at_once(tmp_path: Path) -> None:
    root = valid_copy(tmp_path)
    edit(root, RECORD, "activation_types: [mak]", "activation_types: [kms-server]")
    edit(root, "codes/0x8007007b.yaml", "  title: DNS name does not exist", "  titel: DNS")
    edit(root, "article.yaml", "    note: Nota\n", "")
    _, problems = assemble(load(root))
    error = ContentError(problems)
    assert [(p.file, p.field) for p in error.problems] == [
        ("article.yaml", "it.labels.note"),
        ("codes/0x8007007b.yaml", "en.title"),
        ("codes/0x8007007b.yaml", "en.titel"),
        (RECORD, "activation_types[0]"),
    ]
    assert str(error).count("\n") == 3


def test_a_file_lacking_only_a_translation_is_kept_for_the_other_checks(tmp_path: Path) -> None:
    root = valid_copy(tmp_path)
    text = (root / RECORD).read_text(encoding="utf-8")
    (root / RECORD).write_text(text[: text.index("\nen:\n") + 1], encoding="utf-8")
    loaded = load(root)
    (record,) = [item for item in loaded.records if item.doc.file == RECORD]
    assert record.languages == ("it",)
    assert loaded.problems == (Problem(RECORD, 1, "en", "missing translation: no 'en' block"),)


@pytest.mark.parametrize(
    ("path", "name"),
    [
        (("en", "title"), "en.title"),
        (("activation_types", 1), "activation_types[1]"),
        (("source", "metadata", "ms.date"), 'source.metadata["ms.date"]'),
        ((), ""),
    ],
)
def test_field_names(path: tuple[str | int, ...], name: str) -> None:
    assert field_name(path) == name


def test_a_field_longer_than_the_limit_is_located_and_not_echoed(tmp_path: Path) -> None:
    root = valid_copy(tmp_path)
    long = "parola " * 2000  # 14,000 characters: the file is still small enough to read
    edit(root, RECORD, "  title: Il codice Product Key", f"  title: {long}Il codice Product Key")
    line = line_of(root, RECORD, "  title: parola")
    assert messages(root) == [
        f"{RECORD}:{line}: it.title: is longer than 10,000 characters (14,042): shorten it"
    ]


def test_a_long_wrong_value_is_quoted_short(tmp_path: Path) -> None:
    root = valid_copy(tmp_path)
    edit(root, RECORD, "activation_types: [mak]", f"activation_types: [{'x' * 500}]")
    [message] = messages(root)
    assert message.startswith(f"{RECORD}:4: activation_types[0]: unknown activation type 'xxx")
    assert "…" in message and len(message) < 200


def test_a_content_file_that_links_outside_the_folder_is_refused_unread(tmp_path: Path) -> None:
    root = valid_copy(tmp_path)
    secret = tmp_path / "secret.yaml"
    secret.write_text("code: top secret text\n", encoding="utf-8")
    (root / "codes" / "0xc004f074.yaml").unlink()
    (root / "codes" / "0xc004f074.yaml").symlink_to(secret)
    found = messages(root)
    assert found == [
        "codes/0xc004f074.yaml: a link to a file outside the content folder; "
        "content files must be in it"
    ]


def test_a_loop_of_links_in_the_codes_folder_is_a_problem_not_a_crash(tmp_path: Path) -> None:
    root = valid_copy(tmp_path)
    (root / "codes" / "loop.yaml").symlink_to(root / "codes" / "loop.yaml")
    assert messages(root) == [
        "codes/loop.yaml: not a record file (records are codes/<code slug>.yaml); remove it"
    ]
