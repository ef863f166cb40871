"""``kb lookup``: one code, in any spelling, answered in the terminal or as JSON.

The help desk pastes whatever the ticket says (``0xC004F074``, ``c004f074``, ``-1073418124``)
and gets the page's title, message, cause and resolution, its URL and the code's decoding.
A well-formed code we do not document still gets its decoding and the nearest codes we do
(exit 1); text that is no code gets one line saying why (exit 2).
"""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import click

from activation_kb.cli.common import TextArguments, content_option, reports_errors
from activation_kb.content.loader import ARTICLE_FILE, Content, load_content
from activation_kb.domain.codes import canonical, forms, hex_reading, parse_code, slug
from activation_kb.domain.errors import UsageError
from activation_kb.domain.hresult import decode
from activation_kb.domain.model import LANGUAGES, CodeRecord
from activation_kb.render import terminal

__all__ = ["closest_codes", "command", "page_url"]

CLOSEST = 3
EXIT_NOT_FOUND = 1

_WORDS: dict[str, dict[str, str]] = {
    "en": {
        "message": "Message",
        "page": "Page",
        "decoding": "Decoding",
        "unknown": "{code} is not in this knowledge base.",
        "did_you_mean": "Did you mean {code}?",
        "closest": "Closest known codes",
    },
    "it": {
        "message": "Messaggio",
        "page": "Pagina",
        "decoding": "Decodifica",
        "unknown": "{code} non è presente in questa knowledge base.",
        "did_you_mean": "Forse intendevi {code}?",
        "closest": "Codici noti più vicini",
    },
}


@click.command(name="lookup", cls=TextArguments)
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
@reports_errors
def command(code: str, lang: str | None, as_json: bool, base_url: str, content_dir: Path) -> None:
    """Show what the knowledge base says about CODE, in any spelling.

    CODE may be 0xC004F074, C004F074, c004f074, 3221549172 or -1073418124 (a leading
    "-" is a sign, never an option).
    Exits 0 when the code is documented, 1 when it is not, 2 when CODE is no code.
    """
    value = parse_code(code)
    content = _load(content_dir)
    by_value = {int(record.canonical, 16): record for record in content.records}
    record = by_value.get(value)
    suggestion = hex_reading(code)
    did_you_mean = suggestion if suggestion in by_value and record is None else None
    nearest = [] if record else closest_codes(value, sorted(by_value))
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
        click.echo(json.dumps(answer.to_json(languages), ensure_ascii=False, indent=2))
    else:
        click.echo(answer.to_text(languages[0], color=terminal.wants_color()))
    if record is None:
        raise SystemExit(EXIT_NOT_FOUND)


def page_url(base_url: str, lang: str, value: int) -> str:
    """``{base_url}/{lang}/{slug}/``; relative (``it/0xc004f074/``) without a base URL."""
    path = f"{lang}/{slug(value)}/"
    return f"{base_url.rstrip('/')}/{path}" if base_url else path


def closest_codes(value: int, known: list[int], count: int = CLOSEST) -> list[int]:
    """The ``count`` known codes nearest to ``value``: same facility first, then by numeric
    distance (the lower code first on a tie)."""
    facility = decode(value).facility
    return sorted(known, key=lambda k: (decode(k).facility != facility, abs(k - value), k))[:count]


def _load(root: Path) -> Content:
    if not (root / ARTICLE_FILE).is_file():
        raise UsageError(
            f"no knowledge base in {root}/ ({ARTICLE_FILE} is missing); name it with --content DIR"
        )
    return load_content(root)


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
                    "url": page_url(self.base_url, lang, self.value),
                    "title": text.title,
                    "message": text.full_message or text.summary_message,
                    "explanation": text.explanation,
                    "possible_cause": text.possible_cause,
                    "resolution": text.resolution,
                    "notes": text.notes,
                }
            per_language[lang] = entry
        return {
            "query": self.query,
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
                            "url": page_url(self.base_url, lang, int(record.canonical, 16)),
                        }
                        for lang in languages
                    },
                }
                for record in self.closest
            ],
            "languages": per_language,
        }

    def to_text(self, lang: str, *, color: bool) -> str:
        words = _WORDS[lang]
        code = canonical(self.value)
        lines: list[str] = []
        if self.record is None:
            lines.append(terminal.heading(words["unknown"].format(code=code), color=color))
            if self.did_you_mean is not None:
                lines.append(words["did_you_mean"].format(code=canonical(self.did_you_mean)))
        else:
            text = getattr(self.record, lang)
            lines += [
                terminal.heading(f"{code} — {text.title}", color=color),
                f"{words['page']}: {page_url(self.base_url, lang, self.value)}",
            ]
            sections = [(words["message"], text.full_message or text.summary_message)]
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
        lines += ["", terminal.heading(words["decoding"], color=color)]
        rows = decode(self.value).rows(lang)
        width = max(len(label) for label, _ in rows)
        lines += [f"  {label.ljust(width)}  {value}" for label, value in rows]
        if self.closest:
            lines += ["", terminal.heading(words["closest"], color=color)]
            for record in self.closest:
                url = page_url(self.base_url, lang, int(record.canonical, 16))
                lines.append(f"  {record.canonical}  {getattr(record, lang).title}  ({url})")
        return "\n".join(lines)


def _headings(content: Content, lang: str) -> tuple[str, str]:
    labels = getattr(content.article, lang).labels
    return labels.possible_cause, labels.resolution


def _as_note(markdown: str) -> str:
    return "\n".join(["> [!NOTE]", *(f"> {line}" for line in markdown.splitlines())])
