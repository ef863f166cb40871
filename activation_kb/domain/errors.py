"""The one small exception family of the project, and the one table of exit codes.

Every error a user can cause (bad content, a malformed code, a source the importer cannot
read) is a :class:`KbError`; the CLI prints its message and exits with its ``exit_code``
instead of a traceback (:mod:`activation_kb.cli.common` does it for every command, and
turns an ``OSError`` or an error nobody expected into one line too).

Exit codes, the same for every ``kb`` command:

====  ==========================================================================
0     done (``kb check``: the content is valid)
1     what was examined has problems, each listed: the content or the source
      article, a built site's links; ``kb lookup``/``kb search``: nothing found
2     the command cannot do its job as called, or the system refuses it: an unknown
      option, a path that does not exist or that the command must not touch, text
      that is no code or no query, a folder it cannot read or write, a full disk
3     an error ``kb`` does not expect (a bug): one line naming the exception;
      ``KB_DEBUG=1`` also prints the traceback
====  ==========================================================================
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

__all__ = [
    "EXIT_CONTENT",
    "EXIT_INTERNAL",
    "EXIT_OK",
    "EXIT_USAGE",
    "CodeFormatError",
    "ContentError",
    "ImportSourceError",
    "KbError",
    "Problem",
    "UsageError",
    "echo",
]

EXIT_OK = 0
EXIT_CONTENT = 1
"""The content, the source article or a built site has problems; or nothing was found."""
EXIT_USAGE = 2
"""Called wrongly, or the system refused (cannot read or write, disk full)."""
EXIT_INTERNAL = 3
"""An error nobody expected: a bug in ``kb``."""

ECHO_LIMIT = 80
"""The most characters of a reader's text that a message repeats (:func:`echo`)."""


def echo(text: str, limit: int = ECHO_LIMIT) -> str:
    """``text`` as a message repeats it: whole up to ``limit`` characters, else its start
    and its end around "…", ``limit`` characters in all (a 10 KB argument is no 10 KB line)."""
    if len(text) <= limit:
        return text
    head = (limit - 1) // 2
    return f"{text[:head]}…{text[len(text) - (limit - 1 - head):]}"


class KbError(Exception):
    """Base of every expected error; ``exit_code`` is what the CLI exits with."""

    exit_code = EXIT_CONTENT


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the content, located as precisely as we can."""

    file: str
    line: int | None
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line is not None else self.file
        field = f" {self.field}:" if self.field else ""
        return f"{where}:{field} {self.message}"


class ContentError(KbError):
    """``content/`` (or a file given in its place) is invalid; carries every problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems, key=lambda p: (p.file, p.line or 0, p.field, p.message))
        super().__init__("\n".join(str(p) for p in self.problems))


class ImportSourceError(KbError):
    """The source article does not have the shape the importer expects: what was expected at
    ``line``, and at each line of ``also`` (every problem found, one per message line)."""

    def __init__(
        self, file: str, line: int, expected: str, *, also: Sequence[tuple[int, str]] = ()
    ) -> None:
        self.file, self.line, self.expected = file, line, expected
        self.problems = list(dict.fromkeys([(line, expected), *also]))
        super().__init__("\n".join(f"{file}:{at}: {what}" for at, what in self.problems))


class CodeFormatError(KbError):
    """Text that is not an error code in any accepted form. The message repeats the text
    elided to :data:`ECHO_LIMIT` characters (``text`` keeps all of it)."""

    exit_code = EXIT_USAGE

    def __init__(self, text: str, reason: str) -> None:
        self.text, self.reason = text, reason
        super().__init__(f"{echo(text)!r} is not an error code: {reason}")


class UsageError(KbError):
    """A command was called with arguments it cannot use."""

    exit_code = EXIT_USAGE
