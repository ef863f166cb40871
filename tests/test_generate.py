"""The generator stage (generator.generate): languages rendered side by side in forked
processes write exactly what one process writes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from bench.synthetic import write_content
from generator.generate import PARALLEL_FROM, generate

ROOT = Path(__file__).resolve().parent.parent

# In a process of its own: pytest runs threads, and the generator forks only without them.
_FORKED = """
import json, sys
from pathlib import Path
from generator import generate as module
content = module.checked_content(Path(sys.argv[1]))
side_by_side = module._side_by_side(2, ("it", "en"), content)
_, reports = module.generate(Path(sys.argv[1]), Path(sys.argv[2]), jobs=2)
print(json.dumps({"side_by_side": side_by_side,
                  "written": {lang: len(r.written) for lang, r in reports.items()}}))
"""


def _tree(root: Path) -> dict[str, bytes]:
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def test_forked_languages_write_what_one_process_writes(tmp_path: Path) -> None:
    content = tmp_path / "content"
    write_content(PARALLEL_FROM, content)
    _, reports = generate(content, tmp_path / "alone", jobs=1)
    result = subprocess.run(
        [sys.executable, "-c", _FORKED, str(content), str(tmp_path / "forked")],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=True,
    )
    answer = json.loads(result.stdout)
    assert answer["side_by_side"] is True
    assert answer["written"] == {lang: len(report.written) for lang, report in reports.items()}
    assert _tree(tmp_path / "forked") == _tree(tmp_path / "alone")
    assert len(_tree(tmp_path / "alone")) > 2 * PARALLEL_FROM
