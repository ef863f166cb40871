"""The attribution's link comes from the article, never from the name of the file it was
saved as (issue 13, item 9): ``kb import NEW.md --lang it``, the README's own example,
rewrote ``source.url_path`` to ``…/get-started/NEW`` and broke the CC BY attribution."""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml

from tests.project_copy import ROOT, kb

PUBLISHED = "windows-server/get-started/activation-error-codes"
SOURCE = ROOT / "content" / "sources" / "activation-error-codes.it-it.md"


def url_path(content: Path) -> str:
    article = yaml.safe_load((content / "article.yaml").read_text("utf-8"))
    return article["source"]["url_path"]


def test_a_source_saved_under_another_name_keeps_the_article_s_address(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    shutil.copy(SOURCE, tmp_path / "NEW.md")
    done = kb(ROOT, "import", "NEW.md", "--lang", "it", "--content", content, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert url_path(content) == PUBLISHED
    assert "url_path" not in done.stdout


def test_an_address_recorded_before_is_kept(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    article = content / "article.yaml"
    text = article.read_text("utf-8")
    moved = "windows/client-management/activation-error-codes"
    article.write_text(text.replace(f"url_path: {PUBLISHED}", f"url_path: {moved}"), "utf-8")
    shutil.copy(SOURCE, tmp_path / "NEW.md")
    done = kb(ROOT, "import", tmp_path / "NEW.md", "--lang", "it", "--content", content)
    assert done.returncode == 0, done.stderr
    assert url_path(content) == moved


def test_a_first_import_records_the_article_s_published_address(tmp_path: Path) -> None:
    shutil.copy(SOURCE, tmp_path / "NEW.md")
    content = tmp_path / "content"
    done = kb(ROOT, "import", tmp_path / "NEW.md", "--lang", "it", "--content", content)
    assert done.returncode == 0, done.stderr
    assert url_path(content) == PUBLISHED
