"""The build's stages (activation_kb.pipeline.build): timed in the report, and nothing left behind
when the site's check fails."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from activation_kb.pipeline import build
from activation_kb.pipeline.build import BrokenSiteError, build_site
from activation_kb.site.linkcheck import SiteCheck
from tests.site.conftest import CONTENT

# The zip is written by a forked process beside the check, or after it where the build may
# not fork (the test session's server threads usually forbid it): both ways are tested.
ZIP_FORKED = pytest.mark.parametrize("forked", [True, False], ids=["zip-forked", "zip-after"])


@ZIP_FORKED
def test_every_stage_is_timed_and_the_engine_builds_overlap(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, forked: bool
) -> None:
    monkeypatch.setattr(build, "can_fork", lambda: forked)
    report = build_site(
        CONTENT, tmp_path / "site", tmp_path / "work", dist=tmp_path / "dist", jobs=2
    )
    stages = {stage.name: stage for stage in report.stages}
    engines = {name for name in stages if name.startswith("engine:")}
    # One engine build per language; the offline bundle is derived from them.
    assert engines == {"engine:it", "engine:en"}
    assert {"generate", "root-files", "offline", "check", "zip", "swap", "cleanup"} <= set(stages)
    first, last = sorted((stages[name] for name in engines), key=lambda stage: stage.started)[:2]
    assert last.started < first.started + first.seconds  # two engine builds at once
    assert report.bundle is not None and report.bundle.is_file()
    assert report.jobs == 2
    assert sum(stage.seconds for stage in report.stages) > report.seconds
    zip_stage, check = stages["zip"], stages["check"]
    assert stages["offline"].started < check.started
    assert zip_stage.cpu is not None and zip_stage.cpu > 0
    if forked:  # the zip began as the check did, not after it
        assert zip_stage.started < check.started + check.seconds
    else:
        assert zip_stage.started >= check.started + check.seconds


@ZIP_FORKED
def test_a_failed_site_check_leaves_no_zip_behind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, forked: bool
) -> None:
    def broken(*args: object, **kwargs: object) -> SiteCheck:
        time.sleep(0.5)  # the forked zip is under way meanwhile
        return SiteCheck(["it/index.html: dead link 'nowhere/'"], frozenset(), frozenset())

    monkeypatch.setattr(build, "can_fork", lambda: forked)
    monkeypatch.setattr(build, "inspect_site", broken)
    with pytest.raises(BrokenSiteError, match="nowhere"):
        build_site(CONTENT, tmp_path / "site", tmp_path / "work", dist=tmp_path / "dist")
    assert not (tmp_path / "site").exists()
    assert not list(tmp_path.glob("dist/*")) and not list(tmp_path.glob("dist/.*"))
