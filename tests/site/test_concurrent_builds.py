"""Two builds that share the work folder but publish different content to different places
(issue 13, item 4): each publishes its own content, neither fails; the second waits for
the first, saying so on one line, because a build holds the lock of every folder it
writes in for the whole build."""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from pathlib import Path

import pytest

from tests.project_copy import KB, copy_project

pytestmark = pytest.mark.slow

RECORD = "codes/0x80070005.yaml"


def content_titled(project: Path, folder: Path, title: str) -> Path:
    content = folder / "content"
    shutil.copytree(project / "content", content)
    record = content / RECORD
    text = record.read_text("utf-8")
    assert text.count("  title: Accesso negato\n") == 1
    record.write_text(text.replace("  title: Accesso negato\n", f"  title: {title}\n"), "utf-8")
    return content


def start(project: Path, content: Path, out: Path, work: Path) -> subprocess.Popen[str]:
    command = [str(KB), "build", "--content", str(content), "--out", str(out)]
    command += ["--work", str(work), "--lang", "it", "--jobs", "1"]
    return subprocess.Popen(
        command,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(project)},
    )


def test_builds_sharing_the_work_folder_publish_their_own_content(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    titles = {"a": "Accesso rifiutato", "b": "Permesso negato"}
    contents = {name: content_titled(project, tmp_path / name, t) for name, t in titles.items()}
    work = tmp_path / "shared-work"
    first = start(project, contents["a"], tmp_path / "a" / "site", work)
    time.sleep(0.5)
    second = start(project, contents["b"], tmp_path / "b" / "site", work)
    builds = {"a": first, "b": second}
    results = {name: build.communicate(timeout=600) for name, build in builds.items()}
    for name, build in builds.items():
        err = results[name][1]
        assert "Traceback" not in err, err
        assert build.returncode == 0, err
    for name, title in titles.items():
        page = tmp_path / name / "site" / "it" / "0x80070005" / "index.html"
        assert f"<title>0x80070005 {title} -" in page.read_text("utf-8"), name
    assert results["b"][1].splitlines()[0] == (
        f"waiting for another kb build or kb serve that uses {work}"
    )
