"""``kb build`` never writes into, over or around what the project is made of (issue 13,
item 2): an ``--out``, ``--work`` or ``--dist`` that is, holds or lies inside the content,
the code, the configuration or ``.git`` is refused with one line and exit 2 before anything
is written; so is an ``--out`` that is a folder the build did not make. Run on a copy of
the project (:mod:`tests.project_copy`)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from activation_kb.domain.errors import UsageError
from activation_kb.pipeline.paths import BuildPaths, check_build_paths
from tests.project_copy import ROOT, copy_project, kb, listing

pytestmark = pytest.mark.slow  # runs kb on throwaway copies of the project

# Relative to the project: what a mistyped option could name.
INSIDE_THE_PROJECT = [
    "content",
    "content/codes",
    "content/sources",
    "overrides",
    "overrides/partials",
    "activation_kb",
    "activation_kb/cli",
    ".git",
    ".git/objects",
    "config",
    "vendor",
    "hooks",
    "deploy",
    "deploy/nginx",
    "docs",
    "tests",
    "schemas",
]
# The project, and a folder that holds it.
AROUND_THE_PROJECT = [".", ".."]


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_project(tmp_path_factory.mktemp("paths"))


def assert_refused(done: subprocess.CompletedProcess[str], option: str, *words: str) -> None:
    assert (done.returncode, done.stdout) == (2, ""), done.stderr
    assert len(done.stderr.splitlines()) == 1, done.stderr
    assert done.stderr.startswith(f"error: {option} "), done.stderr
    for word in words:
        assert word in done.stderr, done.stderr


@pytest.mark.parametrize("option", ["--out", "--work", "--dist"])
@pytest.mark.parametrize("where", INSIDE_THE_PROJECT + AROUND_THE_PROJECT)
def test_a_folder_of_the_project_is_refused(option: str, where: str) -> None:
    # The check alone, in this process (it writes nothing), against the real project.
    paths = {"out": ROOT / "site", "work": ROOT / "build", "dist": ROOT / "dist"}
    paths[option.removeprefix("--")] = (ROOT / where).resolve()
    with pytest.raises(UsageError) as refused:
        check_build_paths(BuildPaths(ROOT / "content", **paths), cwd=ROOT)
    message = str(refused.value)
    assert message.startswith(f"{option} {(ROOT / where).resolve()} "), message
    assert "\n" not in message


# The command, end to end, on the copy: each run is a process, so a few of the above.
@pytest.mark.parametrize(
    ("option", "where"),
    [("--out", "content/codes"), ("--work", "activation_kb"), ("--dist", ".git"), ("--out", "..")],
)
def test_kb_build_refuses_a_folder_of_the_project(project: Path, option: str, where: str) -> None:
    before = listing(project.parent)
    done = kb(project, "build", option, where, "--jobs", "1")
    assert_refused(done, option, str((project / where).resolve()))
    assert listing(project.parent) == before


@pytest.mark.parametrize("option", ["--out", "--work", "--dist"])
def test_the_content_elsewhere_is_refused(project: Path, tmp_path: Path, option: str) -> None:
    content = tmp_path / "kb" / "content"
    shutil.copytree(project / "content", content)
    before = listing(tmp_path)
    for where in (content / "codes", tmp_path):
        done = kb(project, "build", "--content", content, option, where, cwd=tmp_path / "kb")
        assert_refused(done, option, f"the content {content}")
    assert listing(tmp_path) == before


def test_the_repository_a_worktree_points_to_is_refused(project: Path, tmp_path: Path) -> None:
    # content/ in a worktree: its .git is a file naming the repository's folders.
    real = tmp_path / "main" / ".git"
    (real / "worktrees" / "wt").mkdir(parents=True)
    (real / "worktrees" / "wt" / "commondir").write_text("../..\n", encoding="utf-8")
    worktree = tmp_path / "wt"
    shutil.copytree(project / "content", worktree / "content")
    (worktree / ".git").write_text(f"gitdir: {real / 'worktrees' / 'wt'}\n", encoding="utf-8")
    before = listing(tmp_path)
    for where in (real, real / "worktrees" / "wt"):
        done = kb(project, "build", "--content", worktree / "content", "--out", where)
        assert_refused(done, "--out", "the repository's metadata")
    assert listing(tmp_path) == before


def test_a_link_to_the_content_is_refused_as_the_content(project: Path, tmp_path: Path) -> None:
    (tmp_path / "site").symlink_to(project / "content" / "codes")
    before = listing(project)
    done = kb(project, "build", "--out", tmp_path / "site", "--work", tmp_path / "work")
    assert_refused(done, "--out", f"the content {project / 'content'}")
    assert listing(project) == before


@pytest.mark.parametrize(
    ("other", "option"), [("w", "--work"), ("w/inner", "--work"), ("d", "--dist")]
)
def test_out_may_not_overlap_the_work_folder_or_dist(
    project: Path, tmp_path: Path, other: str, option: str
) -> None:
    folders = {"--work": tmp_path / "work", "--dist": tmp_path / "dist"}
    folders[option] = tmp_path / other
    out = tmp_path / ("d/site" if option == "--dist" else "w")
    options = [part for pair in folders.items() for part in pair]
    done = kb(project, "build", "--content", project / "content", "--out", out, *options)
    assert_refused(done, "--out", f"{option} {tmp_path / other}")
    assert list(tmp_path.iterdir()) == []


def test_a_folder_the_build_did_not_make_is_not_replaced(project: Path, tmp_path: Path) -> None:
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "todo.txt").write_text("mine\n", encoding="utf-8")
    before = listing(tmp_path)
    done = kb(
        project,
        *("build", "--out", notes, "--work", tmp_path / "work", "--dist", tmp_path / "dist"),
    )
    assert_refused(done, "--out", "is a folder that kb build did not make")
    assert listing(tmp_path) == before


def test_a_work_folder_no_build_used_is_refused(project: Path, tmp_path: Path) -> None:
    home = tmp_path / "home"
    (home / "docs" / "it").mkdir(parents=True)
    (home / "docs" / "it" / "letter.md").write_text("mine\n", encoding="utf-8")
    before = listing(tmp_path)
    done = kb(
        project,
        *("build", "--work", home, "--out", tmp_path / "site", "--dist", tmp_path / "dist"),
    )
    assert_refused(done, "--work", "holds files that no build wrote")
    assert listing(tmp_path) == before
