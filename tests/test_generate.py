"""The generator stage (activation_kb.pipeline.generate): languages rendered side by side in forked
processes write exactly what one process writes, and nothing when the check fails."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from activation_kb.pipeline.generate import PARALLEL_FROM, generate
from bench.synthetic import write_content

ROOT = Path(__file__).resolve().parent.parent

# In a process of its own: pytest runs threads, and the generator forks only without them.
_FORKED = """
import json, sys
from pathlib import Path
from activation_kb.pipeline import generate as module
from activation_kb.domain.errors import ContentError
from activation_kb.content.loader import load_content
side_by_side = module._side_by_side(2, ("it", "en"), load_content(Path(sys.argv[1])))
try:
    _, reports = module.generate(Path(sys.argv[1]), Path(sys.argv[2]), jobs=2)
except ContentError as error:
    print(json.dumps({"side_by_side": side_by_side, "problems": len(error.problems)}))
else:
    print(json.dumps({"side_by_side": side_by_side,
                      "written": {lang: len(r.written) for lang, r in reports.items()}}))
"""


def _tree(root: Path) -> dict[str, bytes]:
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def _forked(content: Path, docs: Path) -> dict[str, object]:
    result = subprocess.run(
        [sys.executable, "-c", _FORKED, str(content), str(docs)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=True,
    )
    answer: dict[str, object] = json.loads(result.stdout)
    assert answer["side_by_side"] is True
    return answer


def test_forked_languages_write_what_one_process_writes(tmp_path: Path) -> None:
    content = tmp_path / "content"
    write_content(PARALLEL_FROM, content)
    _, reports = generate(content, tmp_path / "alone", jobs=1)
    answer = _forked(content, tmp_path / "forked")
    assert answer["written"] == {lang: len(report.written) for lang, report in reports.items()}
    assert _tree(tmp_path / "forked") == _tree(tmp_path / "alone")
    assert len(_tree(tmp_path / "alone")) > 2 * PARALLEL_FROM


def test_content_the_check_refuses_leaves_the_pages_alone(tmp_path: Path) -> None:
    content = tmp_path / "content"
    codes = write_content(PARALLEL_FROM, content)
    docs = tmp_path / "docs"
    _forked(content, docs)
    before = _tree(docs)
    # Valid YAML and schema, so the pages render; the check refuses raw HTML.
    record = content / "codes" / f"{codes[0].lower()}.yaml"
    text = record.read_text("utf-8")
    record.write_text(text.replace("resolution: ", "resolution: <b>x</b> ", 1), "utf-8")
    answer = _forked(content, docs)
    assert answer == {"side_by_side": True, "problems": 1}
    assert _tree(docs) == before


def test_a_refused_first_build_leaves_nothing_behind(tmp_path: Path) -> None:
    content = tmp_path / "content"
    codes = write_content(PARALLEL_FROM, content)
    record = content / "codes" / f"{codes[0].lower()}.yaml"
    text = record.read_text("utf-8")
    record.write_text(text.replace("resolution: ", "resolution: <b>x</b> ", 1), "utf-8")
    docs = tmp_path / "docs"
    # The languages are written beside their folders while the check runs.
    assert _forked(content, docs) == {"side_by_side": True, "problems": 1}
    assert not docs.exists() or list(docs.iterdir()) == []
