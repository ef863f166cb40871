"""The build's stages (generator.build): timed in the report, the zip written while the
site is checked, and nothing left behind when that check fails."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator import build
from generator.build import BrokenSiteError, build_site
from tests.site.conftest import CONTENT


def test_every_stage_is_timed_and_the_zip_overlaps_the_check(tmp_path: Path) -> None:
    report = build_site(
        CONTENT, tmp_path / "site", tmp_path / "work", dist=tmp_path / "dist", jobs=2
    )
    stages = {stage.name: stage for stage in report.stages}
    engines = {name for name in stages if name.startswith("engine:")}
    assert engines == {"engine:it", "engine:en", "engine:it.offline", "engine:en.offline"}
    assert {"generate", "root-files", "offline", "check", "zip", "swap", "cleanup"} <= set(stages)
    zip_, check = stages["zip"], stages["check"]
    assert zip_.started < check.started + check.seconds  # zipping began before checking ended
    assert report.bundle is not None and report.bundle.is_file()
    assert report.jobs == 2
    assert sum(stage.seconds for stage in report.stages) > report.seconds


def test_a_failed_site_check_leaves_no_zip_behind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: object, **kwargs: object) -> list[str]:
        return ["it/index.html: dead link 'nowhere/'"]

    monkeypatch.setattr(build, "check_site", broken)
    with pytest.raises(BrokenSiteError, match="nowhere"):
        build_site(CONTENT, tmp_path / "site", tmp_path / "work", dist=tmp_path / "dist")
    assert not (tmp_path / "site").exists()
    assert list((tmp_path / "dist").iterdir()) == []
