"""``kb lookup``: one code, in any spelling, answered in the terminal or as JSON.

The help desk pastes whatever the ticket says (``0xC004F074``, ``c004f074``, ``80070005``,
``-1073418124``) and gets Windows' names of the code, the page's title, message, cause and
resolution, its URL and the code's decoding. A well-formed code we do not document still
gets its names, its decoding and the documented codes of its facility
(:func:`activation_kb.domain.nearest.nearest_codes`; exit 1); text that is no code gets one
line saying why (exit 2). With ``--json`` every answer is one JSON object on stdout, errors
too (``{"query": …, "error": {…}}``), with the same exit codes; the text asked about is
repeated at most 80 characters long.
"""

from __future__ import annotations

import dataclasses
import json
import sys
from pathlib import Path

import click

from activation_kb.check.rules import checked_content
from activation_kb.cli.common import TextArguments, content_option, fail, wants_color
from activation_kb.content.loader import ARTICLE_FILE
from activation_kb.domain.codes import canonical, forms, parse_code
from activation_kb.domain.errors import (
    EXIT_USAGE,
    CodeFormatError,
    ContentError,
    KbError,
    UsageError,
    echo,
)
from activation_kb.domain.hresult import decode
from activation_kb.domain.model import LANGUAGES, CodeRecord, Content
from activation_kb.domain.nearest import another_severity, nearest_codes
from activation_kb.domain.urls import code_url
from activation_kb.domain.words import WORDS
from activation_kb.render import terminal

__all__ = ["command"]

EXIT_NOT_FOUND = 1


class _Command(TextArguments):
    """``kb lookup``: CODE taken as typed (``-1073418124`` is a code, not an option); with
    ``--json``, click's own usage errors (a bad ``--lang``) are JSON too."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        wants_json = "--json" in args
        try:
            return super().parse_args(ctx, args)
        except click.UsageError as error:
            if not wants_json:
                raise
            _echo_json(_error_json(None, "usage", error.format_message()))
            ctx.exit(EXIT_USAGE)


@click.command(name="lookup", cls=_Command)
@click.argument("code")
@click.option(
    "--lang",
    type=click.Choice(LANGUAGES),
    default=None,
    help=f"Language of the answer [default: {LANGUAGES[0]}; with --json: all languages].",
)
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object instead of text.")
@click.option(
    "--base-url",
    default="",
    metavar="URL",
    help="Site address for page URLs (e.g. https://kb.example/); default: relative URLs.",
)
@content_option("The content folder to read.")
def command(code: str, lang: str | None, as_json: bool, base_url: str, content_dir: Path) -> None:
    """Show what the knowledge base says about CODE, in any spelling.

    CODE may be 0xC004F074, C004F074, c004f074, 80070005 (8 bare digits are hex, as
    tickets mean them), 3221549172 or -1073418124 (a leading "-" is a sign, never an option).
    Exits 0 when the code is documented, 1 when it is not, 2 when CODE is no code.
    """
    try:
        value = parse_code(code)
        content = _load(content_dir)
    except KbError as error:
        if as_json:
            _echo_json(_error_of(code, error))
            sys.exit(error.exit_code)
        fail(error)
    by_value = {int(record.canonical, 16): record for record in content.records}
    record = by_value.get(value)
    nearest = [] if record else nearest_codes(value, by_value)
    # A documented code that differs only in severity (0xC004F065 for 0x4004F065) comes first.
    did_you_mean = nearest[0] if nearest and another_severity(value, nearest[0]) else None
    languages = [lang] if lang else list(LANGUAGES) if as_json else [LANGUAGES[0]]
    answer = _Answer(
        query=code,
        value=value,
        record=record,
        did_you_mean=did_you_mean,
        closest=[by_value[v] for v in nearest],
        base_url=base_url,
        headings={lang: _headings(content, lang) for lang in LANGUAGES},
    )
    if as_json:
        _echo_json(answer.to_json(languages))
    else:
        click.echo(answer.to_text(languages[0], color=wants_color()))
    if record is None:
        raise SystemExit(EXIT_NOT_FOUND)


def _error_json(query: str | None, kind: str, message: str, **details: object) -> dict[str, object]:
    """The JSON answer of a failed lookup: ``kind`` is ``not-a-code``, ``usage`` or
    ``content``; ``query`` (elided to 80 characters) is ``None`` when click could not read
    the arguments."""
    error: dict[str, object] = {"kind": kind, "message": message, **details}
    return {"query": None if query is None else echo(query), "found": False, "error": error}


def _error_of(query: str, error: KbError) -> dict[str, object]:
    if isinstance(error, CodeFormatError):
        return _error_json(query, "not-a-code", str(error), reason=error.reason)
    if isinstance(error, ContentError):
        problems = [str(problem) for problem in error.problems]
        count = "1 problem" if len(problems) == 1 else f"{len(problems)} problems"
        return _error_json(query, "content", f"{count} in the content", problems=problems)
    return _error_json(query, "usage", str(error))


def _echo_json(data: dict[str, object]) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


def _load(root: Path) -> Content:
    if not (root / ARTICLE_FILE).is_file():
        raise UsageError(
            f"no knowledge base in {root}/ ({ARTICLE_FILE} is missing); name it with --content DIR"
        )
    return checked_content(root)


@dataclasses.dataclass(frozen=True)
class _Answer:
    query: str
    value: int
    record: CodeRecord | None
    did_you_mean: int | None
    closest: list[CodeRecord]
    base_url: str
    headings: dict[str, tuple[str, str]]
    """Per language, the headings of the cause and resolution sections, as the site has them."""

    def to_json(self, languages: list[str]) -> dict[str, object]:
        decoding = decode(self.value)
        per_language: dict[str, dict[str, object]] = {}
        for lang in languages:
            entry: dict[str, object] = {"decoding": decoding.rows(lang)}
            if self.record is not None:
                text = getattr(self.record, lang)
                entry |= {
                    "url": code_url(self.value, lang, self.base_url),
                    "title": text.title,
                    "message": text.full_message or text.summary_message,
                    "explanation": text.explanation,
                    "possible_cause": text.possible_cause,
                    "resolution": text.resolution,
                    "notes": text.notes,
                }
            per_language[lang] = entry
        return {
            "query": echo(self.query),
            "found": self.record is not None,
            "code": dataclasses.asdict(forms(self.value)),
            "decoding": decoding.as_dict(),
            "did_you_mean": None if self.did_you_mean is None else canonical(self.did_you_mean),
            "closest": [
                {
                    "canonical": record.canonical,
                    "languages": {
                        lang: {
                            "title": getattr(record, lang).title,
                            "url": code_url(int(record.canonical, 16), lang, self.base_url),
                        }
                        for lang in languages
                    },
                }
                for record in self.closest
            ],
            "languages": per_language,
        }

    def to_text(self, lang: str, *, color: bool) -> str:
        words = WORDS[lang].lookup
        code = canonical(self.value)
        decoding = decode(self.value)
        also = (
            [f"{WORDS[lang].also_known_as} {', '.join(decoding.names)}"] if decoding.names else []
        )
        lines: list[str] = []
        if self.record is None:
            lines.append(terminal.heading(words.unknown.format(code=code), color=color))
            lines += also
            if self.did_you_mean is not None:
                lines.append(words.did_you_mean.format(code=canonical(self.did_you_mean)))
        else:
            text = getattr(self.record, lang)
            lines += [
                terminal.heading(f"{code} — {text.title}", color=color),
                *also,
                f"{words.page}: {code_url(self.value, lang, self.base_url)}",
            ]
            sections = [(words.message, text.full_message or text.summary_message)]
            if text.explanation:
                sections.append(("", text.explanation))
            cause, resolution = self.headings[lang]
            sections += [(cause, text.possible_cause), (resolution, text.resolution)]
            sections += [("", _as_note(note)) for note in text.notes]
            for title, markdown in sections:
                lines.append("")
                if title:
                    lines.append(terminal.heading(title, color=color))
                lines.append(terminal.render(markdown, lang, color=color))
        lines += ["", terminal.heading(words.decoding, color=color)]
        rows = decoding.rows(lang)
        width = max(len(label) for label, _ in rows)
        lines += [f"  {label.ljust(width)}  {value}" for label, value in rows]
        if self.closest:
            lines += ["", terminal.heading(words.closest, color=color)]
            for record in self.closest:
                url = code_url(int(record.canonical, 16), lang, self.base_url)
                lines.append(f"  {record.canonical}  {getattr(record, lang).title}  ({url})")
        return "\n".join(lines)


def _headings(content: Content, lang: str) -> tuple[str, str]:
    labels = getattr(content.article, lang).labels
    return labels.possible_cause, labels.resolution


def _as_note(markdown: str) -> str:
    return "\n".join(["> [!NOTE]", *(f"> {line}" for line in markdown.splitlines())])
