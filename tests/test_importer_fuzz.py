"""``kb import`` on mangled copies of the real article: it imports or it says why, nothing else.

Each example mutates the committed source (lines dropped, duplicated or swapped, the text cut
short, random bytes or characters inserted, headings in another language) and imports it
through the real CLI into a fresh copy of ``content/``. The outcome must be exit 0, or exit
1/2 with one located message per problem, no traceback and not one byte of ``content/``
changed.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from activation_kb.cli.main import main
from activation_kb.importer.markdown_source import MAX_NESTING

ROOT = Path(__file__).resolve().parent.parent
NAME = "activation-error-codes.it-it.md"
SOURCE_BYTES = (ROOT / "content" / "sources" / NAME).read_bytes()
SOURCE_LINES = SOURCE_BYTES.splitlines(keepends=True)
EXAMPLES = int(os.environ.get("KB_FUZZ_EXAMPLES", "150"))

# The headings every code section repeats, and the article's, as other locales write them.
FOREIGN_HEADINGS: dict[bytes, tuple[bytes, ...]] = {
    b"Possibile causa": (b"Possible cause", "Mögliche Ursache".encode()),
    b"Risoluzione": (b"Resolution", "Lösung".encode()),
    b"Cause e soluzioni": (b"Causes and resolutions", b"Ursachen und Behebung"),
    b"Riepilogo dei codici di errore": (b"Summary of error codes", b"Zusammenfassung"),
    b"Strumento di diagnostica": (b"Diagnostic tool", b"Diagnosetool"),
    b"Tipo di attivazione": (b"Activation type", b"Aktivierungstyp"),
    b"Servizio di gestione delle chiavi": (b"Key Management Service", b"KMS-Dienst"),
}

Mutation = Callable[[list[bytes]], list[bytes]]


def _line_index(lines: list[bytes], fraction: float) -> int:
    return min(int(fraction * len(lines)), len(lines) - 1) if lines else 0


@st.composite
def mutations(draw: st.DrawFn) -> Mutation:
    """One edit of the article, as a function of its lines (bytes, line ends kept)."""
    kind = draw(
        st.sampled_from(["drop", "duplicate", "swap", "truncate", "bytes", "text", "language"])
    )
    where = draw(st.floats(0, 1, exclude_max=True))
    if kind == "drop":
        count = draw(st.integers(1, 5))

        def drop(lines: list[bytes]) -> list[bytes]:
            at = _line_index(lines, where)
            return lines[:at] + lines[at + count :]

        return drop
    if kind == "duplicate":

        def duplicate(lines: list[bytes]) -> list[bytes]:
            at = _line_index(lines, where)
            return lines[: at + 1] + lines[at:]

        return duplicate
    if kind == "swap":
        other = draw(st.floats(0, 1, exclude_max=True))

        def swap(lines: list[bytes]) -> list[bytes]:
            first, second = _line_index(lines, where), _line_index(lines, other)
            swapped = list(lines)
            if swapped:
                swapped[first], swapped[second] = swapped[second], swapped[first]
            return swapped

        return swap
    if kind == "truncate":

        def truncate(lines: list[bytes]) -> list[bytes]:
            data = b"".join(lines)
            return data[: int(where * len(data))].splitlines(keepends=True)

        return truncate
    if kind == "bytes" or kind == "text":
        inserted = (
            draw(st.binary(min_size=1, max_size=20))
            if kind == "bytes"
            else draw(st.text(min_size=1, max_size=20)).encode("utf-8", "surrogatepass")
        )

        def insert(lines: list[bytes]) -> list[bytes]:
            data = b"".join(lines)
            at = int(where * len(data))
            return (data[:at] + inserted + data[at:]).splitlines(keepends=True)

        return insert
    italian = draw(st.sampled_from(sorted(FOREIGN_HEADINGS)))
    foreign = draw(st.sampled_from(FOREIGN_HEADINGS[italian]))
    every = draw(st.booleans())

    def translate(lines: list[bytes]) -> list[bytes]:
        data = b"".join(lines)
        return data.replace(italian, foreign, -1 if every else 1).splitlines(keepends=True)

    return translate


def snapshot(root: Path) -> dict[str, bytes]:
    """Every file under ``root`` (hidden temporaries included) and its bytes."""
    return {
        str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()
    }


def run_import(source_bytes: bytes) -> tuple[int, str, str, Path, bool]:
    """Import ``source_bytes`` through the CLI into a fresh copy of ``content/``: the exit
    code, stdout, stderr, the source's path, and whether ``content/`` is unchanged."""
    with tempfile.TemporaryDirectory() as temporary:
        work = Path(temporary)
        content = work / "content"
        shutil.copytree(ROOT / "content", content)
        source = work / "new" / NAME
        source.parent.mkdir()
        source.write_bytes(source_bytes)
        before = snapshot(content)
        result = CliRunner().invoke(
            main, ["import", str(source), "--lang", "it", "--content", str(content)]
        )
        output = result.stdout + result.stderr
        assert "Traceback" not in output
        assert result.exception is None or isinstance(result.exception, SystemExit), output
        unchanged = snapshot(content) == before
    return result.exit_code, result.stdout, result.stderr, source, unchanged


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(st.lists(mutations(), min_size=1, max_size=3))
def test_import_of_a_mangled_article_succeeds_or_explains_itself(edits: list[Mutation]) -> None:
    lines = list(SOURCE_LINES)
    for edit in edits:
        lines = edit(lines)
    mangled = b"".join(lines)
    code, out, err, source, unchanged = run_import(mangled)
    if code == 0:
        assert err == ""
        assert out.startswith(f"Imported {source} into ")
        return
    assert code in (1, 2), err
    assert out == ""
    *problems, closing = err.splitlines()
    assert problems and closing == "Nothing was written.", err
    first = problems[0].removeprefix("kb import: ")
    assert first != problems[0], err
    # The source's shape ("expected …") or what a block of it may not hold (raw HTML, a
    # link that is not a web page: "0xC004F074 it.resolution: link target not allowed …").
    location = rf"{re.escape(str(source))}:(\d+): (?:expected |0x[0-9A-Fa-f]{{8}} \w+\.\w+: )"
    if re.match(location, first):
        # Every problem at once, each on a line an editor shows (lines end at \n, \r\n or
        # \r only), or the one just past the end for "… before the end of the file".
        lines_shown = len(re.split(rb"\r\n|\r|\n", mangled))
        for problem in [first, *problems[1:]]:
            located = re.match(location, problem)
            assert located and 1 <= int(located.group(1)) <= lines_shown + 1, err
    else:
        # Records the source no longer has: one line each, naming the record file.
        assert all(
            re.match(r"\S+/codes/0x[0-9a-f]{8}\.yaml: code: ", p) for p in [first, *problems[1:]]
        ), err
    assert unchanged


NESTED = '\n#### <a name="resolution"></a>Risoluzione\n'


@pytest.mark.parametrize("marker", ["> ", "- ", "1. "])
def test_a_thousand_nested_quotes_or_lists_are_refused_not_a_crash(marker: str) -> None:
    text = SOURCE_BYTES.decode()
    line = text[: text.index(NESTED)].count("\n") + 2
    mangled = text.replace(NESTED, f"\n{marker * 1000}x\n{NESTED}", 1)
    code, out, err, source, unchanged = run_import(mangled.encode())
    assert (code, out, unchanged) == (1, "", True)
    assert err == (
        f"kb import: {source}:{line}: expected at most {MAX_NESTING} lists or quotes inside "
        "each other\nNothing was written.\n"
    )


def test_a_form_feed_or_line_separator_does_not_shift_line_numbers() -> None:
    text = SOURCE_BYTES.decode().replace("Utenti domestici", "Utenti\x0c\u2028domestici\x85", 1)
    broken = text.replace("</a>Possibile causa", "</a>Motivo", 1)
    line = broken[: broken.index("</a>Motivo")].count("\n") + 1
    code, _, err, source, unchanged = run_import(broken.encode())
    assert (code, unchanged) == (1, True)
    assert err.startswith(f"kb import: {source}:{line}: expected a cause heading (")


def test_bytes_that_are_not_utf8_are_located() -> None:
    text = SOURCE_BYTES.decode()
    at = text.index("Utenti domestici")
    line = text[:at].count("\n") + 1
    column = at - text.rindex("\n", 0, at)
    mangled = text[:at].encode() + b"\xff" + text[at:].encode()
    code, out, err, source, unchanged = run_import(mangled)
    assert (code, out, unchanged) == (1, "", True)
    assert err == (
        f"kb import: {source}:{line}: expected UTF-8 text, found byte 0xff at line {line}, "
        f"column {column} (invalid start byte)\nNothing was written.\n"
    )
