"""What every ``kb`` command shares: how it ends on an error, and how it takes paths.

One mechanism for every command (:class:`KbGroup`, and :func:`reports_errors` for a command
run on its own): a :class:`~activation_kb.domain.errors.KbError` is printed as its message
and exits with its code; an ``OSError`` (a folder that cannot be read or written, a full
disk) is one ``error: path: reason`` line and exit 2; any other exception is a bug: one
line naming it, exit 3, and its traceback only with ``KB_DEBUG=1``. The exit codes are the
table of :mod:`activation_kb.domain.errors`.

Paths are made absolute once, here, when click reads them (symbolic links resolved), so
that nothing after the command line depends on the folder ``kb`` was started from.
"""

from __future__ import annotations

import contextlib
import errno
import functools
import os
import sys
import traceback
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any, NoReturn, ParamSpec, TextIO, TypeVar

import click

from activation_kb.domain.errors import EXIT_INTERNAL, ContentError, KbError, UsageError

__all__ = [
    "KbGroup",
    "TextArguments",
    "content_option",
    "exits_cleanly",
    "fail",
    "folder_option",
    "os_error_line",
    "reports_errors",
    "wants_color",
]

P = ParamSpec("P")
R = TypeVar("R")
F = TypeVar("F", bound=Callable[..., object])

DEBUG_VARIABLE = "KB_DEBUG"


def folder_type(*, exists: bool = False) -> click.Path:
    """A folder argument, made absolute (symbolic links resolved) as click reads it."""
    return click.Path(exists=exists, file_okay=False, resolve_path=True, path_type=Path)


def content_option(help: str, *, exists: bool = True) -> Callable[[F], F]:
    """The ``--content DIR`` option every command shares (default ``content``), passed on
    as ``content_dir``, absolute; a folder that does not exist is a usage error (exit 2)
    unless ``exists`` is false (``kb import`` may create it)."""
    return click.option(
        "--content",
        "content_dir",
        type=folder_type(exists=exists),
        default=Path("content"),
        show_default=True,
        help=help,
    )


def folder_option(name: str, default: str, help: str) -> Callable[[F], F]:
    """An option naming a folder a command writes (``--out``, ``--work``, ``--dist``),
    passed on absolute."""
    return click.option(
        f"--{name}", type=folder_type(), default=Path(default), show_default=True, help=help
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


def os_error_line(error: OSError) -> str:
    """``path: reason`` (``path -> other path: reason`` for a rename or a copy)."""
    reason = error.strerror or str(error) or type(error).__name__
    if error.filename is None:
        return reason
    where = os.fsdecode(error.filename)
    if error.filename2 is not None:
        where += f" -> {os.fsdecode(error.filename2)}"
    return f"{where}: {reason}"


@contextlib.contextmanager
def exits_cleanly() -> Iterator[None]:
    """Turn whatever a command raises into one line on stderr and an exit code."""
    try:
        yield
    except (click.ClickException, click.exceptions.Exit, click.Abort):
        raise  # click prints these itself, with its own exit codes
    except KbError as error:
        fail(error)
    except OSError as error:
        if error.errno == errno.EPIPE:
            raise  # the reader of our output went away: click's main handles it
        fail(UsageError(os_error_line(error)))
    except Exception as error:
        _unexpected(error)


def _unexpected(error: Exception) -> NoReturn:
    if os.environ.get(DEBUG_VARIABLE) == "1":
        traceback.print_exc()
    said = " ".join(str(error).split())
    name = type(error).__name__
    click.echo(
        f"error: unexpected {name}{': ' + said if said else ''} "
        f"(a bug in kb; {DEBUG_VARIABLE}=1 shows where)",
        err=True,
    )
    sys.exit(EXIT_INTERNAL)


class KbGroup(click.Group):
    """The ``kb`` group: every command it runs ends through :func:`exits_cleanly`."""

    def invoke(self, ctx: click.Context) -> Any:
        with exits_cleanly():
            return super().invoke(ctx)


def reports_errors(callback: Callable[P, R]) -> Callable[P, R]:
    """Decorate a command's function so that it ends through :func:`exits_cleanly` even
    when run without the group (the tests run some commands on their own)."""

    @functools.wraps(callback)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        with exits_cleanly():
            return callback(*args, **kwargs)

    return wrapper


class TextArguments(click.Command):
    """A command whose arguments are text taken as typed: a code (``-1073418124``) or a
    query (``-2147023174 The RPC server is unavailable.``) that begins with ``-`` is not
    read as options.

    A word is an option only when it is one of the command's options by name (``--lang``,
    ``--lang=en``, ``-h``) or looks like a long option (``--bogus``, refused by click);
    options may come before or after the text. ``--`` ends the options: every word after
    it is text (``kb search -- --json``)."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        takes_value = self._option_names(ctx)
        options: list[str] = []
        text: list[str] = []
        words = list(args)
        while words:
            word = words.pop(0)
            if word == "--":
                text += words
                break
            name = word.split("=", 1)[0]
            if name in takes_value:
                options.append(word)
                if takes_value[name] and "=" not in word and words:
                    options.append(words.pop(0))
            elif word.startswith("--") and word[2:3].isalpha():
                options.append(word)  # click says it has no such option
            else:
                text.append(word)
        return super().parse_args(ctx, [*options, "--", *text])

    def _option_names(self, ctx: click.Context) -> dict[str, bool]:
        """Every option name → whether it takes a value."""
        names: dict[str, bool] = {}
        for param in self.get_params(ctx):
            if isinstance(param, click.Option):
                takes = not param.is_flag and not param.count
                names |= {name: takes for name in [*param.opts, *param.secondary_opts]}
        return names


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
