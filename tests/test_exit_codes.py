"""One test per row of the exit-code table (``activation_kb/domain/errors.py``), run through
the installed ``kb`` as a separate process and parametrised over the commands the row
applies to: the exit code, the one ``error: …`` line, and never a traceback."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from activation_kb.cli.common import KbGroup
from activation_kb.domain.errors import EXIT_CONTENT, EXIT_INTERNAL, EXIT_OK, EXIT_USAGE
from tests.check.content_tree import edit
from tests.cli import kb
from tests.files import write_files, write_search_index

ROOT = Path(__file__).resolve().parent.parent
KB = Path(sys.executable).with_name("kb")
SOURCE = ROOT / "content" / "sources" / "activation-error-codes.it-it.md"
DENIED = "codes/0x80070005.yaml"


@pytest.fixture(scope="module")
def place(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder with a copy of the content, a broken copy, a small site and a file."""
    base = tmp_path_factory.mktemp("exit-codes")
    shutil.copytree(ROOT / "content", base / "content")
    shutil.copytree(ROOT / "content", base / "broken")
    edit(base / "broken", DENIED, "  - kms-client\n", "  - kms-server\n")
    page = "<!doctype html><html><head></head><body>{}</body></html>"
    write_files(
        base / "site",
        {"index.html": page.format('<a href="it/">it</a>'), "it/index.html": page.format("")},
    )
    write_search_index(base / "searchable", "it")
    write_files(base / "dead", {"index.html": page.format('<a href="it/x/">x</a>')})
    write_files(base / "dead", {"it/index.html": page.format("")})
    (base / "file").write_text("a file where a folder must be\n", encoding="utf-8")
    shutil.copytree(ROOT / "content", base / "looping")
    (base / "looping" / "codes" / "loop.yaml").symlink_to("loop.yaml")
    return base


def args(place: Path, *parts: str) -> list[str]:
    return [part.replace("{base}", str(place)) for part in parts]


# --- 0: done --------------------------------------------------------------------------------

DONE = {
    "check": ["check", "--content", "{base}/content"],
    "lookup": ["lookup", "0xC004F074", "--content", "{base}/content"],
    "search": ["search", "--site", "{base}/searchable", "0xC004F074"],
    "linkcheck": ["linkcheck", "{base}/site"],
    "import": ["import", str(SOURCE), "--lang", "it", "--content", "{base}/content"],
}


@pytest.mark.parametrize("command", list(DONE))
def test_done_exits_0(place: Path, command: str) -> None:
    run = kb(*args(place, *DONE[command]))
    assert run.code == EXIT_OK, run.err
    assert "error" not in run.err


# --- 1: what was examined has problems ------------------------------------------------------

PROBLEMS = {
    "check": ["check", "--content", "{base}/broken"],
    "build": ["build", "--content", "{base}/broken", "--out", "{base}/out", "--work", "{base}/w"],
    "lookup": ["lookup", "0xC004F074", "--content", "{base}/broken"],
    "serve": ["serve", "--content", "{base}/broken", "--work", "{base}/serve-work"],
    "lookup of an unknown code": ["lookup", "0xC004F0FF", "--content", "{base}/content"],
    "search that finds nothing": ["search", "--site", "{base}/searchable", "zzzz"],
    "linkcheck": ["linkcheck", "{base}/dead"],
}


@pytest.mark.parametrize("command", list(PROBLEMS))
def test_problems_exit_1(place: Path, command: str) -> None:
    run = kb(*args(place, *PROBLEMS[command]))
    assert run.code == EXIT_CONTENT, run.err
    assert not (place / "out").exists()


# --- 2: called wrongly, or the system refused ----------------------------------------------

COMMANDS = ["check", "build", "lookup", "serve", "import", "search", "linkcheck"]


@pytest.mark.parametrize("command", COMMANDS)
def test_an_unknown_option_exits_2(command: str) -> None:
    run = kb(command, "--bogus")
    assert (run.code, run.out) == (EXIT_USAGE, "")
    assert run.err.splitlines()[-1].startswith("Error: No such option '--bogus'.")


@pytest.mark.parametrize("command", ["check", "build", "lookup", "serve"])
def test_a_content_folder_that_does_not_exist_exits_2(tmp_path: Path, command: str) -> None:
    extra = ["0xC004F074"] if command == "lookup" else []
    run = kb(command, *extra, "--content", "nowhere", cwd=tmp_path)
    assert (run.code, run.out) == (EXIT_USAGE, "")
    assert run.err.splitlines()[-1] == (
        "Error: Invalid value for '--content': Directory 'nowhere' does not exist."
    )
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("command", ["check", "build", "lookup", "serve"])
def test_a_loop_of_links_in_the_content_is_a_located_problem(place: Path, command: str) -> None:
    extra = {"lookup": ["0xC004F074"], "build": ["--work", "{base}/w2"]}.get(command, [])
    extra = {"serve": ["--work", "{base}/w3"]}.get(command, extra)
    run = kb(command, *args(place, *extra, "--content", "{base}/looping"))
    assert run.code == EXIT_CONTENT
    problem = "codes/loop.yaml: not a record file (records are codes/<code slug>.yaml); remove it"
    assert problem in (run.out + run.err).splitlines()
    assert "Traceback" not in run.err


CANNOT_WRITE = {
    "build": (["build", "--content", "{base}/content", "--out", "{base}/file/site"], "{base}/file"),
    "linkcheck": (["linkcheck", "{base}/site", "--report", "{base}/file/x.txt"], "{base}/file"),
    "import": (
        ["import", str(SOURCE), "--lang", "it", "--content", "{base}/file/content"],
        "{base}/file",
    ),
}


@pytest.mark.parametrize("command", list(CANNOT_WRITE))
def test_a_folder_that_cannot_be_written_exits_2(place: Path, command: str) -> None:
    command_line, where = CANNOT_WRITE[command]
    run = kb(*args(place, *command_line))
    assert run.code == EXIT_USAGE
    (line,) = run.err.splitlines()[-2 if command == "import" else -1 :][:1]
    assert line.split(": ", 1)[-1].startswith("cannot write ")
    assert where.replace("{base}", str(place)) in line


@pytest.mark.parametrize("epoch", ["99999999999999", "-5", "soon"])
def test_a_source_date_epoch_out_of_range_exits_2(place: Path, epoch: str) -> None:
    run = kb(
        *args(place, "build", "--content", "{base}/content", "--out", "{base}/epoch"),
        SOURCE_DATE_EPOCH=epoch,
    )
    assert (run.code, run.out) == (EXIT_USAGE, "")
    assert run.err == (
        f"error: SOURCE_DATE_EPOCH={epoch!r} is not a date a build can carry: "
        "give a whole number of seconds from 0 to 4294967295 (2106-02-07)\n"
    )
    assert not (place / "epoch").exists()


# --- 3: an error nobody expected -------------------------------------------------------------


def group_with_a_bug() -> click.Group:
    @click.group(cls=KbGroup)
    def group() -> None:
        pass

    @group.command()
    def buggy() -> None:
        {}["missing"]

    return group


def test_an_unexpected_error_is_one_line_and_exits_3() -> None:
    result = CliRunner().invoke(group_with_a_bug(), ["buggy"], env={"KB_DEBUG": ""})
    assert (result.exit_code, result.stdout) == (EXIT_INTERNAL, "")
    assert result.stderr == (
        "error: unexpected KeyError: 'missing' (a bug in kb; KB_DEBUG=1 shows where)\n"
    )


def test_kb_debug_shows_the_traceback_of_an_unexpected_error() -> None:
    result = CliRunner().invoke(group_with_a_bug(), ["buggy"], env={"KB_DEBUG": "1"})
    assert result.exit_code == EXIT_INTERNAL
    assert "Traceback (most recent call last)" in result.stderr
    assert result.stderr.endswith(
        "error: unexpected KeyError: 'missing' (a bug in kb; KB_DEBUG=1 shows where)\n"
    )
