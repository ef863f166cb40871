"""``kb check``: validate ``content/`` and list every problem, one per line."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from activation_kb.check.rules import checked_content
from activation_kb.cli.common import content_option, reports_errors
from activation_kb.domain.errors import ContentError
from activation_kb.domain.model import LANGUAGES

__all__ = ["command"]


@click.command("check")
@content_option("The content folder to check.", exists=True)
@reports_errors
def command(content_dir: Path) -> None:
    """Check the content: schema, the source's summary table, both languages.

    Prints "content OK" and exits 0, or prints every problem as
    file:line: field: message (file relative to the content folder) and exits 1.
    """
    try:
        content = checked_content(content_dir)
    except ContentError as error:
        # The problems are this command's result, so they go to stdout, ready for grep.
        for problem in error.problems:
            click.echo(str(problem))
        count = len(error.problems)
        click.echo(f"{count} problem{'s' if count != 1 else ''} in {content_dir}", err=True)
        sys.exit(error.exit_code)
    click.echo(f"content OK: {len(content.records)} codes, {len(LANGUAGES)} languages")
