"""A query or a code is taken as typed, even when it begins with ``-`` (issue 13, item 7):
``kb search "-2147023174 The RPC server is unavailable."`` once printed the help and
exited 0, because click read options inside the query. Only the command's own options
are options (before or after the text); after ``--`` nothing is."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.files import write_search_index
from tests.project_copy import ROOT, kb


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("search-site")
    write_search_index(folder, "it")
    return folder


def search(*args: str | Path) -> tuple[int, str, str]:
    done = kb(ROOT, "search", *args)
    return done.returncode, done.stdout, done.stderr


def test_a_query_that_begins_with_a_minus_is_searched_as_typed(site: Path) -> None:
    query = "-2147023174 The RPC server is unavailable."
    code, out, err = search("--site", site, "--json", query)
    # Searched as typed: its code (0x800706BA, the RPC server) comes first.
    assert (code, err) == (0, "")
    assert json.loads(out)[0]["url"] == "it/0x800706ba/"


@pytest.mark.parametrize(
    "words",
    [
        ["-1073418124 La chiave"],
        ["-1073418124", "La", "chiave"],
        ["--", "-1073418124", "La", "chiave"],
    ],
)
def test_a_query_in_one_or_several_words_finds_the_same(site: Path, words: list[str]) -> None:
    code, out, _ = search("--site", site, "--limit", "1", *words)
    assert (code, out) == (
        0,
        "1. 0xC004F074 Impossibile contattare un servizio di gestione delle chiavi  "
        "(it/0xc004f074/)\n",
    )


def test_options_work_before_and_after_the_query(site: Path) -> None:
    before = search("--site", site, "--json", "--limit=1", "-1073418124")
    after = search("-1073418124", "--site", site, "--json", "--limit", "1")
    assert before == after
    assert before[0] == 0
    assert [row["url"] for row in json.loads(before[1])] == ["it/0xc004f074/"]


def test_after_a_double_dash_an_option_is_text(site: Path) -> None:
    code, out, err = search("--site", site, "--", "--json")
    assert (code, out, err) == (1, "", "nothing found for '--json'\n")


def test_help_is_still_help() -> None:
    code, out, _ = search("-h")
    assert code == 0 and out.startswith("Usage: kb search [OPTIONS] QUERY...")


def test_a_search_without_a_query_is_a_usage_error(site: Path) -> None:
    code, out, err = search("--site", site)
    assert (code, out) == (2, "")
    assert err.splitlines()[-1] == "Error: Missing argument 'QUERY...'."


@pytest.mark.parametrize(
    "args",
    [
        ["-2147023174"],
        ["-2147023174", "--lang", "en"],
        ["--lang", "en", "-2147023174"],
        ["--", "-2147023174"],
        ["--json", "-2147023174"],
    ],
)
def test_a_negative_decimal_is_a_code(args: list[str]) -> None:
    done = kb(ROOT, "lookup", *args)
    assert done.returncode == 0, done.stderr
    assert "0x800706BA" in done.stdout
