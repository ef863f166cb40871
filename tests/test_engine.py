"""The engine's configuration files (activation_kb.engine.mkdocs), offline and online."""

from __future__ import annotations

from pathlib import Path

import yaml

from activation_kb.engine.mkdocs import CONFIG_DIR, IFRAME_WORKER, OVERRIDES, write_config


def test_a_web_build_only_points_the_committed_config_at_our_folders(tmp_path: Path) -> None:
    path = write_config("it", tmp_path / "docs" / "it", tmp_path)
    assert path == tmp_path / "mkdocs.it.yml"
    assert yaml.safe_load(path.read_text("utf-8")) == {
        "INHERIT": str(CONFIG_DIR / "it.yml"),
        "docs_dir": str((tmp_path / "docs" / "it").resolve()),
        "theme": {"custom_dir": str(OVERRIDES)},
    }


def test_an_offline_build_adds_material_s_offline_plugin_and_our_shim(tmp_path: Path) -> None:
    path = write_config("en", tmp_path / "docs" / "en", tmp_path, offline=True)
    assert path == tmp_path / "mkdocs.en.offline.yml"
    settings = yaml.safe_load(path.read_text("utf-8"))
    # A mapping: INHERIT merges it with mkdocs.yml's plugins instead of replacing them.
    assert settings["plugins"] == {"offline": {}}
    (polyfill,) = settings["extra"]["polyfills"]
    # Material's offline plugin adds unpkg.com's shim unless a polyfill names iframe-worker.
    assert "iframe-worker" in polyfill and not polyfill.startswith(("http:", "https:", "//"))
    assert (IFRAME_WORKER / "shim.js").is_file() and (IFRAME_WORKER / "LICENSE").is_file()


def test_the_shared_config_keeps_plugins_a_mapping() -> None:
    shared = yaml.safe_load((CONFIG_DIR.parent / "mkdocs.yml").read_text("utf-8"))
    assert isinstance(shared["plugins"], dict) and "search" in shared["plugins"]
