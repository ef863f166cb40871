"""``kb build``: generate the pages, build both languages and swap the new site in."""

from __future__ import annotations

from pathlib import Path

import click

from activation_kb.cli.common import content_option, folder_option, reports_errors
from activation_kb.domain.errors import UsageError
from activation_kb.domain.model import LANGUAGES
from activation_kb.pipeline.build import build_site

__all__ = ["command"]


@click.command("build")
@content_option("The content folder to build from.")
@folder_option(
    "out",
    "site",
    "Where the site goes; replaced only when the new one is complete and checked. A "
    "new or empty folder, or a site kb build made.",
)
@folder_option(
    "work", "build", "Folder for the generated Markdown (docs/{lang}/) that the engine reads."
)
@folder_option("dist", "dist", "Where the offline zip goes (activation-kb-offline-<version>.zip).")
@click.option(
    "--offline/--no-offline",
    default=True,
    show_default=True,
    help="Also build the offline bundle (the whole site for file://, zipped).",
)
@click.option(
    "--lang",
    "languages",
    type=click.Choice(LANGUAGES),
    multiple=True,
    help="Build only this language (repeat for more), without the offline bundle; links "
    "into the other languages are not checked.",
)
@click.option(
    "--jobs",
    type=click.IntRange(min=1),
    default=None,
    help="Processes run at once (engine builds, page checks)  "
    "[default: KB_JOBS, else the number of cores]",
)
@click.option(
    "--report",
    type=click.Path(dir_okay=False, resolve_path=True, path_type=Path),
    default=None,
    help="Also write what the build did, stage by stage with timings, to this JSON file.",
)
@reports_errors
def command(
    content_dir: Path,
    out: Path,
    work: Path,
    dist: Path,
    offline: bool,
    languages: tuple[str, ...],
    jobs: int | None,
    report: Path | None,
) -> None:
    """Build the site: site/it/, site/en/, a language redirect at site/index.html, and
    the offline bundle dist/activation-kb-offline-<version>.zip.

    Exits 1, leaving the previous site and zip as they were, when the content is invalid
    or a built site has dead links, missing anchors or duplicate ids; 2 when a folder may
    not or cannot be written. A build that shares a folder with one running waits for it.
    """
    bundle = dist if offline and not languages else None
    built = build_site(
        content_dir,
        out,
        work,
        dist=bundle,
        languages=languages or LANGUAGES,
        jobs=jobs,
        on_wait=_say_waiting,
    )
    for warning in built.warnings:
        click.echo(f"warning: {warning}", err=True)
    if report is not None:
        try:
            built.write(report)
        except OSError as error:
            raise UsageError(f"cannot write {report}: {error.strerror}") from None
    pages = ", ".join(f"{lang}: {count} pages" for lang, count in built.pages.items())
    click.echo(f"built {built.out} ({pages}) in {built.seconds:.1f} s")
    if built.bundle:
        size = built.bundle.stat().st_size
        click.echo(f"offline bundle {built.bundle} ({size / 1024:.0f} KiB)")


def _say_waiting(folder: Path) -> None:
    click.echo(f"waiting for another kb build or kb serve that uses {folder}", err=True)
