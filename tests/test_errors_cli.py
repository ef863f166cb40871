"""Every row of docs/errors.md's table of bad inputs, through the installed ``kb``.

Each test breaks a copy of the real ``content/`` (or the source article, or the command
line) in one way, runs ``kb`` as a separate process, and asserts the exact output and exit
code: 1 for content errors, 2 for usage errors, and never a Python traceback.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

from tests.check.content_tree import edit, line_of
from tests.cli import Run, kb

ROOT = Path(__file__).resolve().parent.parent
KB = Path(sys.executable).with_name("kb")
NAME = "activation-error-codes.it-it.md"
DENIED = "codes/0x80070005.yaml"
DNS = "codes/0x8007007b.yaml"
SOURCE = f"sources/{NAME}"
SCHEMA_HINT = "(write Markdown; <placeholders> are fine)"


@pytest.fixture
def content(tmp_path: Path) -> Path:
    """A copy of the committed content, to break in one place."""
    copy = tmp_path / "content"
    shutil.copytree(ROOT / "content", copy)
    return copy


def check(content: Path) -> Run:
    return kb("check", "--content", content)


def assert_problems(run: Run, content: Path, *problems: str) -> None:
    count = len(problems)
    assert (run.code, run.out.splitlines()) == (1, list(problems))
    assert run.err == f"{count} problem{'s' if count != 1 else ''} in {content}\n"


# --- kb check: the files cannot be read ------------------------------------------------


def test_malformed_yaml(content: Path) -> None:
    edit(content, DENIED, "code: '0x80070005'\n", "code: ['0x80070005'\n")
    assert_problems(
        check(content),
        content,
        f"{DENIED}:2: YAML syntax error at line 2, column 1: "
        "expected ',' or ']', but got a value "
        "(while parsing a flow sequence started at line 1, column 7)",
    )


def test_tab_indentation(content: Path) -> None:
    edit(content, DENIED, "  title: Access denied", "\ttitle: Access denied")
    line = line_of(content, DENIED, "title: Access denied")
    assert_problems(
        check(content),
        content,
        f"{DENIED}:{line}: YAML syntax error at line {line}, column 1: "
        "found character '\\t' that cannot start any token",
    )


def test_control_character(content: Path) -> None:
    edit(content, DENIED, "  title: Access denied", "  title: Access\x1b denied")
    line = line_of(content, DENIED, "title: Access\x1b denied")
    assert_problems(
        check(content),
        content,
        f"{DENIED}:{line}: YAML syntax error at line {line}, column 16: "
        "character U+001B is not allowed in YAML (special characters are not allowed)",
    )


def test_not_utf8(content: Path) -> None:
    path = content / DENIED
    line = line_of(content, DENIED, "  title: Access denied")
    path.write_bytes(path.read_bytes().replace(b"Access denied\n", b"Acc\xe8s denied\n", 1))
    assert_problems(
        check(content),
        content,
        f"{DENIED}:{line}: not UTF-8 text: byte 0xe8 at line {line}, column 13 "
        "(invalid continuation byte)",
    )


def test_empty_file(content: Path) -> None:
    (content / DENIED).write_text("", encoding="utf-8")
    assert_problems(check(content), content, f"{DENIED}:1: the file is empty")


def test_missing_article(content: Path) -> None:
    (content / "article.yaml").unlink()
    assert_problems(check(content), content, f"article.yaml: file not found in {content}")


def test_stray_file_in_codes(content: Path) -> None:
    (content / "codes" / "notes.txt").write_text("x", encoding="utf-8")
    assert_problems(
        check(content),
        content,
        "codes/notes.txt: not a record file (records are codes/<code slug>.yaml); remove it",
    )


# --- kb check: schema, all at once ------------------------------------------------------


def test_schema_errors_are_all_reported_at_once(content: Path) -> None:
    edit(content, DENIED, "canonical: '0x80070005'\n", "")
    edit(content, DENIED, "diagnostic_tool: false", "diagnostic_tool: maybe\nseverity: high")
    edit(content, DENIED, "  title: Access denied", "  title: 1688")
    edit(content, DENIED, "  resolution: Run", "  x: 1\n  resolution: Run")
    lines = {name: line_of(content, DENIED, name) for name in ("maybe", "severity", "1688", "x:")}
    assert_problems(
        check(content),
        content,
        f"{DENIED}:1: canonical: missing field",
        f"{DENIED}:{lines['maybe']}: diagnostic_tool: expected true or false, got the text 'maybe'",
        f"{DENIED}:{lines['severity']}: severity: extra field 'severity' not allowed",
        f"{DENIED}:{lines['1688']}: en.title: expected text, got the number 1688 "
        "(put it in quotes to make it text)",
        f"{DENIED}:{lines['x:']}: en.x: extra field 'x' not allowed",
    )


def test_unknown_activation_type(content: Path) -> None:
    edit(content, DENIED, "  - kms-client\n", "  - kms-server\n")
    line = line_of(content, DENIED, "kms-server")
    assert_problems(
        check(content),
        content,
        f"{DENIED}:{line}: activation_types[1]: unknown activation type 'kms-server' "
        "(expected one of: mak, kms-client, kms-host, kms)",
    )


def test_missing_translation_block(content: Path) -> None:
    text = (content / DENIED).read_text(encoding="utf-8")
    (content / DENIED).write_text(text[: text.index("en:\n")], encoding="utf-8")
    assert_problems(check(content), content, f"{DENIED}:1: en: missing translation: no 'en' block")


def test_missing_translated_field(content: Path) -> None:
    edit(
        content,
        DENIED,
        "  full_message: Access denied. The requested action requires elevated privileges.\n",
        "  full_message: null\n",
    )
    line = line_of(content, DENIED, "full_message: null")
    assert_problems(
        check(content),
        content,
        f"{DENIED}:{line}: en.full_message: missing translation: it has text here",
    )


# --- kb check: duplicates ---------------------------------------------------------------


def test_duplicate_code(content: Path) -> None:
    shutil.copy(content / DENIED, content / "codes" / "0x80070006.yaml")
    assert_problems(
        check(content),
        content,
        f"{DENIED}:1: code: duplicate code 0x80070005: also in codes/0x80070006.yaml",
        f"{DENIED}:3: anchor: duplicate anchor '0x80070005-access-denied': "
        "also in codes/0x80070006.yaml",
        "codes/0x80070006.yaml:1: code: code 0x80070005 belongs in codes/0x80070005.yaml",
        f"codes/0x80070006.yaml:1: code: duplicate code 0x80070005: also in {DENIED}",
        "codes/0x80070006.yaml:1: code: not listed in article.yaml codes",
        f"codes/0x80070006.yaml:3: anchor: duplicate anchor '0x80070005-access-denied': "
        f"also in {DENIED}",
    )


def test_duplicate_anchor(content: Path) -> None:
    edit(
        content,
        "article.yaml",
        "  diagnostic_tool: diagnostic-tool",
        "  diagnostic_tool: 0x80070005-access-denied",
    )
    assert_problems(
        check(content),
        content,
        f"{DENIED}:3: anchor: duplicate anchor '0x80070005-access-denied': "
        "also in article.yaml anchors.diagnostic_tool",
    )


def test_duplicate_key(content: Path) -> None:
    # PyYAML would silently keep the second value; the problems about it point at it.
    edit(
        content,
        DENIED,
        "anchor: 0x80070005-access-denied\n",
        "anchor: 0x80070005-access-denied\nanchor: 0x80070005-denied\n",
    )
    line = line_of(content, DENIED, "anchor: 0x80070005-denied")
    title = line_of(content, DENIED, "title: Access denied")
    assert_problems(
        check(content),
        content,
        f"{DENIED}:{line}: anchor: '0x80070005-denied' differs from the source's summary table "
        f"link '#0x80070005-access-denied' ({SOURCE}:{line_of(content, SOURCE, '|[0x80070005]')})",
        f"{DENIED}:{line}: anchor: duplicate key 'anchor' (first at line {line - 1})",
        f"{DENIED}:{title}: en.title: does not match the anchor: slugifies to "
        "'0x80070005-access-denied', expected '0x80070005-denied'",
    )


# --- kb check: markup ---------------------------------------------------------------------


def test_raw_html(content: Path) -> None:
    edit(content, DENIED, "  resolution: Run", '  resolution: <img src=x onerror="alert(1)"> Run')
    line = line_of(content, DENIED, "<img")
    assert_problems(
        check(content),
        content,
        f"{DENIED}:{line}: en.resolution: raw HTML not allowed: "
        f"'<img src=x onerror=\"alert(1)\">' {SCHEMA_HINT}",
    )


def test_image_and_unsafe_link(content: Path) -> None:
    edit(
        content,
        DENIED,
        "  resolution: Run",
        # Folded, because a plain YAML value cannot start with "!".
        "  resolution: >-\n    ![logo](https://example.com/x.png) [here](javascript:alert(1)) Run",
    )
    line = line_of(content, DENIED, "resolution: >-")
    assert_problems(
        check(content),
        content,
        f"{DENIED}:{line}: en.resolution: URLs differ between it and en: "
        "only in en: https://example.com/x.png",
        f"{DENIED}:{line}: en.resolution: image not allowed: '![logo](https://example.com/x.png)' "
        "(pages load nothing from outside the site)",
        f"{DENIED}:{line}: en.resolution: link target not allowed: 'javascript:alert(1)' "
        "(links go to http:// or https:// URLs)",
    )


# --- kb import ------------------------------------------------------------------------------


def source_copy(content: Path, old: str, new: str) -> Path:
    path = content.parent / NAME
    text = (content / SOURCE).read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def snapshot(root: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()
    }


def test_import_of_a_source_it_cannot_parse(content: Path) -> None:
    source = source_copy(content, "</a>Possibile causa", "</a>Motivo")
    before = snapshot(content)
    run = kb("import", source, "--lang", "it", "--content", content)
    line = line_of(content.parent, NAME, "</a>Motivo")
    assert (run.code, run.out) == (1, "")
    assert run.err == (
        f'kb import: {source}:{line}: expected a cause heading ("Possibile causa", "Causa", '
        '"Cause") or a solution heading ("Risoluzione", "Soluzione"), maybe after the code, '
        'not "Motivo"\nNothing was written.\n'
    )
    assert snapshot(content) == before


def test_import_of_an_unknown_activation_type(content: Path) -> None:
    source = source_copy(content, "|MAK |\n", "|Retail |\n")
    run = kb("import", source, "--lang", "it", "--content", content)
    line = line_of(content.parent, NAME, "|Retail |")
    names = (
        '"MAK", "Client del Servizio di gestione delle chiavi", '
        '"Host del Servizio di gestione delle chiavi", "Servizio di gestione delle chiavi"'
    )
    assert (run.code, run.out) == (1, "")
    assert run.err == (
        f'kb import: {source}:{line}: expected activation types among {names}, not "Retail"\n'
        "Nothing was written.\n"
    )


def test_import_of_a_source_that_is_not_utf8(content: Path) -> None:
    source = source_copy(content, "Utenti domestici", "Utenti domestici")
    source.write_bytes(source.read_bytes().replace(b"Utenti", b"Ut\xe9nti", 1))
    line = line_of(content / "sources", NAME, "Utenti domestici")
    run = kb("import", source, "--lang", "it", "--content", content)
    assert (run.code, run.out) == (1, "")
    assert run.err == (
        f"kb import: {source}:{line}: expected UTF-8 text, found byte 0xe9 at line {line}, "
        "column 7 (invalid continuation byte)\nNothing was written.\n"
    )


def test_import_of_a_source_without_a_code_that_has_a_record(content: Path) -> None:
    text = (content / SOURCE).read_text(encoding="utf-8")
    start = text.index('### <a name="0x80070005-access-denied"')
    text = text[:start] + text[text.index("\n### ", start) + 1 :]
    text = "".join(line for line in text.splitlines(True) if not line.startswith("|[0x80070005]"))
    source = content.parent / NAME
    source.write_text(text, encoding="utf-8")
    run = kb("import", source, "--lang", "it", "--content", content)
    assert (run.code, run.out) == (1, "")
    assert run.err == (
        f"kb import: {content / DENIED}: code: 0x80070005 is no longer in {source}; "
        "`kb import --prune` deletes this record, and its English text with it\n"
        "Nothing was written.\n"
    )


def test_import_that_cannot_write_writes_nothing(tmp_path: Path) -> None:
    content = tmp_path / "content"
    content.mkdir()
    (content / "sources").write_text("a file where the sources folder should be\n")
    run = kb("import", ROOT / "content" / SOURCE, "--lang", "it", "--content", content)
    assert (run.code, run.out) == (2, "")
    assert (
        run.err
        == f"kb import: cannot write {content / 'sources'}: File exists\nNothing was written.\n"
    )
    assert sorted(path.name for path in content.iterdir()) == ["sources"]


# --- kb lookup ------------------------------------------------------------------------------


def test_lookup_of_text_that_is_no_code() -> None:
    run = kb("lookup", "xyz", cwd=ROOT)
    assert (run.code, run.out) == (2, "")
    assert run.err == (
        "error: 'xyz' is not an error code: expected hex (0xC004F074 or C004F074) "
        "or a decimal (3221549172 or -1073418124)\n"
    )


def test_lookup_of_an_unknown_code() -> None:
    run = kb("lookup", "0xC004F0FF", "--lang", "en", cwd=ROOT)
    assert run.code == 1
    assert run.out.startswith("0xC004F0FF is not in this knowledge base.\n")


def test_lookup_on_broken_content(content: Path) -> None:
    edit(content, DENIED, "  - kms-client\n", "  - kms-server\n")
    line = line_of(content, DENIED, "kms-server")
    run = kb("lookup", "0x80070005", "--content", content)
    assert (run.code, run.out) == (1, "")
    assert run.err == (
        f"{DENIED}:{line}: activation_types[1]: unknown activation type 'kms-server' "
        "(expected one of: mak, kms-client, kms-host, kms)\n"
        "error: 1 problem in the content\n"
    )


def test_build_refuses_to_replace_a_folder_that_holds_its_input(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "content", tmp_path / "content")
    before = sorted(path.name for path in tmp_path.iterdir())
    run = kb("build", "--out", ".", cwd=tmp_path)
    assert (run.code, run.out) == (2, "")
    assert run.err == (
        f"error: --out {tmp_path} holds the content {tmp_path / 'content'}; the build replaces "
        "--out as a whole, so give it a folder of its own (default: site)\n"
    )
    assert sorted(path.name for path in tmp_path.iterdir()) == before


# --- usage errors ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "last_line"),
    [
        (["frobnicate"], "Error: No such command 'frobnicate'."),
        (["check", "--bogus"], "Error: No such option '--bogus'."),
        (
            ["check", "--content", "nowhere"],
            "Error: Invalid value for '--content': Directory 'nowhere' does not exist.",
        ),
        (
            ["import", "nowhere.md", "--lang", "it"],
            "Error: Invalid value for 'SOURCE': File 'nowhere.md' does not exist.",
        ),
        (
            ["import", f"content/{SOURCE}", "--lang", "en"],
            "Error: Invalid value for '--lang': 'en' is not 'it'.",
        ),
        (
            ["lookup", "0xC004F074", "--content", "nowhere"],
            "Error: Invalid value for '--content': Directory 'nowhere' does not exist.",
        ),
    ],
)
def test_usage_errors_exit_2(args: list[str], last_line: str) -> None:
    run = kb(*args, cwd=ROOT)
    assert (run.code, run.out) == (2, "")
    assert run.err.splitlines()[-1] == last_line
