"""Shared pytest options, and the project's own content loaded once for the session."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from activation_kb.check.rules import checked_content
from activation_kb.domain.model import LANGUAGES, Content
from activation_kb.render.files import render_language
from activation_kb.render.search_index import index_files
from activation_kb.site.search import SiteSearch
from tests.mounts import Mounts

PROJECT_CONTENT = Path(__file__).resolve().parent.parent / "content"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        default=False,
        help="Rewrite the expected files of golden tests instead of comparing (review the diff!).",
    )


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


@pytest.fixture(scope="session")
def content() -> Content:
    """The project's ``content/``, loaded once: its article and records are frozen models.
    Modules that need other content define a ``content`` fixture of their own."""
    return checked_content(PROJECT_CONTENT)


@pytest.fixture(scope="session")
def rendered(content: Content) -> dict[str, dict[str, str]]:
    """Every page of ``content/`` in each language: language → path → Markdown."""
    return {lang: render_language(content, lang) for lang in LANGUAGES}


@pytest.fixture
def mounts() -> Iterator[Mounts]:
    """Read-only folders and tiny file systems for one test (:class:`tests.mounts.Mounts`)."""
    made = Mounts()
    yield made
    made.undo()


@pytest.fixture(scope="session")
def searches(content: Content) -> dict[str, SiteSearch]:
    """The search of each language over the index of ``content/``, as ``kb search`` reads
    it from a built site (the same files, made here without building)."""
    return {lang: SiteSearch(files=index_files(content, lang)) for lang in LANGUAGES}
