"""``kb check`` on mangled copies of the real ``content/``: every outcome is a verdict.

Each example edits one YAML file (lines dropped, duplicated or swapped, the file cut short,
random bytes or characters inserted) and runs the real CLI. The result must be "content OK"
(exit 0) or one located problem per line (exit 1); never a traceback.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from pathlib import Path

from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from activation_kb.cli.main import main

ROOT = Path(__file__).resolve().parent.parent
FILES = sorted(
    str(path.relative_to(ROOT / "content")) for path in (ROOT / "content").rglob("*.yaml")
)
EXAMPLES = int(os.environ.get("KB_FUZZ_EXAMPLES", "60"))
PROBLEM = re.compile(
    r"^(article\.yaml|corrections\.yaml|codes/[^:]+|sources/[^:]+|codes/)(:\d+)?: \S"
)


@st.composite
def mangled(draw: st.DrawFn) -> tuple[str, bytes]:
    """One content file and its new bytes."""
    file = draw(st.sampled_from(FILES))
    lines = (ROOT / "content" / file).read_bytes().splitlines(keepends=True)
    kind = draw(st.sampled_from(["drop", "duplicate", "swap", "truncate", "bytes", "text"]))
    at = draw(st.integers(0, len(lines) - 1))
    if kind == "drop":
        lines = lines[:at] + lines[at + draw(st.integers(1, 3)) :]
    elif kind == "duplicate":
        lines = lines[: at + 1] + lines[at:]
    elif kind == "swap":
        other = draw(st.integers(0, len(lines) - 1))
        lines[at], lines[other] = lines[other], lines[at]
    else:
        data = b"".join(lines)
        cut = draw(st.integers(0, len(data)))
        if kind == "truncate":
            return file, data[:cut]
        inserted = (
            draw(st.binary(min_size=1, max_size=12))
            if kind == "bytes"
            else draw(st.text(min_size=1, max_size=12)).encode("utf-8", "surrogatepass")
        )
        return file, data[:cut] + inserted + data[cut:]
    return file, b"".join(lines)


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(mangled(), min_size=1, max_size=2))
def test_check_of_mangled_content_gives_a_verdict(edits: list[tuple[str, bytes]]) -> None:
    with tempfile.TemporaryDirectory() as temporary:
        content = Path(temporary) / "content"
        shutil.copytree(ROOT / "content", content)
        for file, data in edits:
            (content / file).write_bytes(data)
        result = CliRunner().invoke(main, ["check", "--content", str(content)])
    output = result.stdout + result.stderr
    assert "Traceback" not in output
    assert result.exception is None or isinstance(result.exception, SystemExit), output
    if result.exit_code == 0:
        assert result.stdout.startswith("content OK: ")
        return
    assert result.exit_code == 1, output
    problems = result.stdout.splitlines()
    assert problems, output
    for problem in problems:
        assert PROBLEM.match(problem), problem
    count = len(problems)
    assert result.stderr == f"{count} problem{'s' if count != 1 else ''} in {content}\n"
