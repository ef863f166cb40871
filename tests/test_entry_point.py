"""The installed ``kb`` script runs the command group (the other tests run it in-process)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

KB = Path(sys.executable).with_name("kb")


def test_the_kb_script_answers_and_exits_with_the_table_s_codes() -> None:
    done = subprocess.run([str(KB), "lookup", "-1073418124"], capture_output=True, text=True)
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout.startswith("0xC004F074 — ")
    done = subprocess.run([str(KB), "lookup", "zz"], capture_output=True, text=True)
    assert done.returncode == 2
    assert done.stderr.startswith("error: 'zz' is not an error code")
