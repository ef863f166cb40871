"""``kb`` run in this process, as a test sees it: exit code, standard output, standard error.

The real command group (``activation_kb.cli.main``) through click's runner, started in a
given folder and environment: what a shell would run, without starting Python again for
each command (a second apiece). ``tests/test_entry_point.py`` runs the installed script once.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from pathlib import Path

from click.testing import CliRunner

from activation_kb.cli.main import main

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Run:
    """What ``kb`` did; also named as :class:`subprocess.CompletedProcess` names it."""

    code: int
    out: str
    err: str

    @property
    def returncode(self) -> int:
        return self.code

    @property
    def stdout(self) -> str:
        return self.out

    @property
    def stderr(self) -> str:
        return self.err


def kb(*args: str | Path, cwd: Path | None = None, **environment: str) -> Run:
    """``kb args`` started in ``cwd`` (default: the project) with ``environment`` added."""
    with contextlib.chdir(cwd or ROOT):
        result = CliRunner().invoke(
            main, [str(arg) for arg in args], env=environment or None, prog_name="kb"
        )
    escaped = result.exception is not None and not isinstance(result.exception, SystemExit)
    assert not escaped, f"kb raised {result.exception!r}"
    assert "Traceback" not in result.stdout + result.stderr, result.stderr
    return Run(result.exit_code, result.stdout, result.stderr)
