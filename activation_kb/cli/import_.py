"""``kb import``: read the source article into ``content/`` (the source language's text)."""

from __future__ import annotations

from pathlib import Path

import click

from activation_kb.cli.common import content_option
from activation_kb.domain.errors import KbError
from activation_kb.importer.plan import describe, plan_import

__all__ = ["import_"]


@click.command("import")
@click.argument(
    "source", type=click.Path(exists=True, dir_okay=False, resolve_path=True, path_type=Path)
)
@click.option(
    "--lang",
    type=click.Choice(["it"]),
    required=True,
    help="Language of SOURCE; its text goes to that language's blocks.",
)
@content_option("The content directory to update.", exists=False)
@click.option(
    "--prune",
    is_flag=True,
    help="Delete the records of codes no longer in SOURCE (their English text is lost).",
)
def import_(source: Path, lang: str, content_dir: Path, prune: bool) -> None:
    """Import SOURCE (a Microsoft Docs article) into the content directory.

    Only the fields derived from SOURCE change; English text, related codes and notes are
    kept. Prints which codes were added, removed or changed, and which fields.
    """
    try:
        plan = plan_import(source, content_dir, lang, prune=prune)
        plan.apply()
    except KbError as error:
        click.echo(f"kb import: {error}\nNothing was written.", err=True)
        raise SystemExit(error.exit_code) from None
    click.echo(describe(plan))
