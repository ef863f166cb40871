"""One module per ``kb`` command; each exposes a click command named ``command``.

Commands report user errors through :func:`fail` (or the :func:`reports_errors` decorator):
the message on stderr and the error's exit code, never a traceback.
"""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import NoReturn, ParamSpec, TextIO, TypeVar

import click

from activation_kb.domain.errors import ContentError, KbError

__all__ = ["content_option", "fail", "reports_errors", "wants_color"]

P = ParamSpec("P")
R = TypeVar("R")
F = TypeVar("F", bound=Callable[..., object])


def content_option(help: str, *, exists: bool = False) -> Callable[[F], F]:
    """The ``--content DIR`` option every command shares (default ``content``), passed on
    as ``content_dir``; ``exists`` makes click refuse a missing folder as a usage error."""
    return click.option(
        "--content",
        "content_dir",
        type=click.Path(exists=exists, file_okay=False, path_type=Path),
        default=Path("content"),
        show_default=True,
        help=help,
    )


def fail(error: KbError) -> NoReturn:
    """Print ``error`` on stderr and exit with its ``exit_code``."""
    if isinstance(error, ContentError):
        for problem in error.problems:
            click.echo(str(problem), err=True)
        click.echo(f"error: {_count(len(error.problems))} in the content", err=True)
    else:
        click.echo(f"error: {error}", err=True)
    sys.exit(error.exit_code)


def reports_errors(callback: Callable[P, R]) -> Callable[P, R]:
    """Decorate a command's function so that a :class:`KbError` it raises goes to :func:`fail`."""

    @functools.wraps(callback)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return callback(*args, **kwargs)
        except KbError as error:
            fail(error)

    return wrapper


def _count(problems: int) -> str:
    return "1 problem" if problems == 1 else f"{problems} problems"


def wants_color(stream: TextIO | None = None, environ: Mapping[str, str] | None = None) -> bool:
    """Colour only for a terminal, and never when ``NO_COLOR`` is set (to a non-empty value,
    as no-color.org says)."""
    environ = os.environ if environ is None else environ
    stream = sys.stdout if stream is None else stream
    if environ.get("NO_COLOR"):
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())
