"""``kb serve``: live preview of one language that follows edits to ``content/``."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from activation_kb.cli.common import content_option, folder_option, reports_errors
from activation_kb.domain.model import LANGUAGES
from activation_kb.engine import mkdocs as engine
from activation_kb.pipeline.build import generate, mark_work_folder
from activation_kb.pipeline.paths import check_serve_paths, check_work_folder
from activation_kb.site.publish import locked

__all__ = ["command"]


@click.command("serve")
@content_option("The content folder to preview; edits to it reload the page.")
@click.option("--lang", type=click.Choice(LANGUAGES), default=LANGUAGES[0], show_default=True)
@folder_option("work", "build", "Folder for the generated Markdown (shared with kb build).")
@click.option(
    "--address", default="127.0.0.1:8000", show_default=True, help="host:port to serve on."
)
@reports_errors
def command(content_dir: Path, lang: str, work: Path, address: str) -> None:
    """Preview the site in one language, rebuilt and reloaded when content/ changes.

    Holds the work folder while it runs: a kb build that uses the same one waits.
    """
    check_serve_paths(content_dir, work)
    with locked([work], on_wait=_say_waiting):
        check_work_folder(work)
        mark_work_folder(work)
        docs_root = work / "docs"
        generate(content_dir, docs_root)
        status = engine.serve(lang, docs_root, content_dir, work, address)
    sys.exit(status)


def _say_waiting(folder: Path) -> None:
    click.echo(f"waiting for a kb build that uses {folder}", err=True)
