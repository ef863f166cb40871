"""The shared error exit of every command: message on stderr, the error's exit code."""

from __future__ import annotations

import click
from click.testing import CliRunner

from activation_kb.cli.common import reports_errors
from activation_kb.domain.errors import ContentError, Problem, UsageError


@click.command()
@click.argument("kind")
@reports_errors
def failing(kind: str) -> None:
    if kind == "usage":
        raise UsageError("--lang must be it or en")
    if kind == "content":
        raise ContentError(
            [
                Problem("codes/b.yaml", 3, "en.title", "missing field"),
                Problem("article.yaml", None, "", "x"),
            ]
        )
    click.echo("fine")


def test_usage_error_exits_2_with_a_message_and_no_traceback() -> None:
    result = CliRunner().invoke(failing, ["usage"])
    assert (result.exit_code, result.stdout, result.stderr) == (
        2,
        "",
        "error: --lang must be it or en\n",
    )
    assert isinstance(result.exception, SystemExit)


def test_content_error_lists_every_problem_on_stderr_and_exits_1() -> None:
    result = CliRunner().invoke(failing, ["content"])
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "article.yaml: x",
        "codes/b.yaml:3: en.title: missing field",
        "error: 2 problems in the content",
    ]


def test_no_error_passes_through() -> None:
    result = CliRunner().invoke(failing, ["ok"])
    assert (result.exit_code, result.stdout) == (0, "fine\n")
