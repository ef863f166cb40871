"""``kb build``: generate the pages, build both languages and swap the new site in."""

from __future__ import annotations

from pathlib import Path

import click

from generator.build import build_site
from generator.commands import reports_errors

__all__ = ["command"]


@click.command("build")
@click.option(
    "--content",
    "content_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("content"),
    show_default=True,
    help="The content folder to build from.",
)
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("site"),
    show_default=True,
    help="Where the site goes; replaced only when the new one is complete and checked.",
)
@click.option(
    "--work",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("build"),
    show_default=True,
    help="Folder for the generated Markdown (docs/{lang}/) that the engine reads.",
)
@reports_errors
def command(content_dir: Path, out: Path, work: Path) -> None:
    """Build the site: site/it/, site/en/, a language redirect at site/index.html.

    Exits 1, leaving the previous site as it was, when the content is invalid or the
    built site has dead links, missing anchors or duplicate ids.
    """
    report = build_site(content_dir, out, work)
    pages = ", ".join(f"{lang}: {count} pages" for lang, count in report.pages.items())
    click.echo(f"built {report.out} ({pages}) in {report.seconds:.1f} s")
