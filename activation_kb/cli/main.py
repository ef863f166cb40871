"""The ``kb`` command line: one small module per command; what they share (how every command
ends on an error, how paths are read) is :mod:`activation_kb.cli.common`."""

from __future__ import annotations

import click

from activation_kb.cli import build, check, linkcheck, lookup, search, serve
from activation_kb.cli.common import KbGroup
from activation_kb.cli.import_ import import_

__all__ = ["main"]


@click.group(cls=KbGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="activation-kb")
def main() -> None:
    """Build and query the activation-error knowledge base."""


# Each command lives in its own module; register it here, one line each.
main.add_command(lookup.command)
main.add_command(check.command)
main.add_command(import_)
main.add_command(build.command)
main.add_command(serve.command)
main.add_command(search.command)
main.add_command(linkcheck.command)
