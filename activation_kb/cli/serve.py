"""``kb serve``: live preview of one language that follows edits to ``content/``."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from activation_kb.cli.common import content_option, reports_errors
from activation_kb.domain.model import LANGUAGES
from activation_kb.engine import mkdocs as engine
from activation_kb.pipeline.build import generate

__all__ = ["command"]


@click.command("serve")
@content_option("The content folder to preview; edits to it reload the page.")
@click.option("--lang", type=click.Choice(LANGUAGES), default=LANGUAGES[0], show_default=True)
@click.option(
    "--work",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("build"),
    show_default=True,
    help="Folder for the generated Markdown.",
)
@click.option(
    "--address", default="127.0.0.1:8000", show_default=True, help="host:port to serve on."
)
@reports_errors
def command(content_dir: Path, lang: str, work: Path, address: str) -> None:
    """Preview the site in one language, rebuilt and reloaded when content/ changes."""
    docs_root = work / "docs"
    generate(content_dir, docs_root)
    sys.exit(engine.serve(lang, docs_root, content_dir, work, address))
