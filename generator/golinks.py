"""Deep links for tickets: ``go/?code=<any form>&lang=it|en`` and the 404 page's rescue.

``go/index.html`` sits at the site's root, outside both languages. It is self-contained
(its scripts and the table of codes are inline), so it works from any static web server
and from ``file://``: a known code redirects to its page in the language asked for, else
the browser's, else Italian; anything else gets a page saying what was understood, the
closest codes and the table of all codes. Without JavaScript, that table is the page.

:func:`rescue_script` is the same logic for the root ``404.html``: an address that is a
code in any form (``/0xC004F074``, ``/it/C004F074/``) goes to the code's page.

The scripts are ``overrides/assets/javascripts/kb-codes.js`` (code forms, shared with the
search worker) and ``kb-go.js``.
"""

from __future__ import annotations

import html
import json
from dataclasses import dataclass

from generator.codes import forms, parse_code
from generator.engine import OVERRIDES
from generator.loader import Content
from generator.model import LANGUAGES
from generator.wording import WORDING

__all__ = ["GO_PAGE", "go_files", "rescue_script"]

GO_PAGE = "go/index.html"
CLOSEST = 3
_SCRIPTS = OVERRIDES / "assets" / "javascripts"


@dataclass(frozen=True)
class _Words:
    title: str
    code_label: str
    placeholder: str
    language_label: str
    automatic: str
    open: str
    closest: str
    all_codes: str
    code_column: str
    quotes: tuple[str, str]
    unknown: str
    malformed: str
    reasons: dict[str, str]
    """Italian for the reasons of ``parse_code``, by kb-codes.js's key; English uses the
    reason itself."""


_PLACEHOLDER = "0xC004F074, C004F074, 3221549172, -1073418124"

_WORDS = {
    "it": _Words(
        title="Vai al codice",
        code_label="Codice di errore, in qualsiasi forma",
        placeholder=_PLACEHOLDER,
        language_label="Lingua",
        automatic="automatica",
        open="Apri",
        closest="Codici più vicini",
        all_codes="Tutti i codici",
        code_column="Codice",
        quotes=("«", "»"),
        unknown="{input} è il codice {code} (decimale {unsigned}, con segno {signed}),"
        " che non è in questa knowledge base.",
        malformed="{input} non è un codice di errore: {reason}.",
        reasons={
            "empty": "il codice è vuoto",
            "no-digits": "dopo 0x non ci sono cifre esadecimali",
            "not-hex": "«{detail}» non è una cifra esadecimale",
            "too-long": "dopo 0x ci sono al massimo 8 cifre esadecimali, non {detail}",
            "too-negative": "un codice negativo è almeno -2147483648",
            "too-large": "un codice decimale è al massimo 4294967295",
            "bare-length": "senza 0x un codice esadecimale ha esattamente 8 cifre, non {detail}",
            "expected": "serve un esadecimale (0xC004F074 o C004F074)"
            " o un decimale (3221549172 o -1073418124)",
        },
    ),
    "en": _Words(
        title="Go to a code",
        code_label="Error code, in any form",
        placeholder=_PLACEHOLDER,
        language_label="Language",
        automatic="automatic",
        open="Open",
        closest="Closest known codes",
        all_codes="All codes",
        code_column="Code",
        quotes=("“", "”"),
        unknown="{input} is code {code} (decimal {unsigned}, signed {signed}),"
        " which is not in this knowledge base.",
        malformed="{input} is not an error code: {reason}.",
        reasons={},
    ),
}

_STYLE = (
    "body{font-family:system-ui,sans-serif;margin:2rem auto;max-width:60rem;padding:0 1rem;"
    "line-height:1.5}a{color:#3f51b5}table{border-collapse:collapse;width:100%}"
    "th,td{text-align:left;padding:.3rem .5rem;border-bottom:1px solid #ddd;vertical-align:top}"
    "form{margin:1rem 0}input{min-width:18rem}#kb-go-message{font-weight:600}"
    "@media (prefers-color-scheme:dark){body{background:#1e2129;color:#e2e4e9}"
    "a{color:#8c9eff}th,td{border-color:#444}}"
)


def code_table(content: Content) -> list[dict[str, object]]:
    """Every code of the site in summary-table order: slug, canonical code, titles."""
    table = []
    for record in content.records:
        code = forms(parse_code(record.code))
        titles = {lang: getattr(record, lang).title for lang in LANGUAGES}
        table.append({"slug": code.slug, "code": code.canonical, "titles": titles})
    return table


def _data(content: Content) -> dict[str, object]:
    words = {
        lang: {
            "title": w.title,
            "code": w.code_label,
            "placeholder": w.placeholder,
            "language": w.language_label,
            "automatic": w.automatic,
            "open": w.open,
            "closest": w.closest,
            "all": w.all_codes,
            "column": w.code_column,
            "quotes": list(w.quotes),
            "unknown": w.unknown,
            "malformed": w.malformed,
            "reasons": w.reasons,
        }
        for lang, w in _WORDS.items()
    }
    return {
        "languages": list(LANGUAGES),
        "closest": CLOSEST,
        "codes": code_table(content),
        "words": words,
    }


def _inline(data: dict[str, object], call: str) -> str:
    """The scripts and the data, inline; ``</`` cannot end a script element early."""
    payload = json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")
    sources = [
        (_SCRIPTS / name).read_text(encoding="utf-8") for name in ("kb-codes.js", "kb-go.js")
    ]
    code = "\n".join([*sources, f"var kbGoData = {payload};", call])
    return f"<script>\n{code}\n</script>\n"


def rescue_script(content: Content) -> str:
    """A ``<script>`` for the root 404 page: an address that is a code goes to its page."""
    call = (
        "(function(){var t=KbGo.rescue(kbGoData,location.pathname);if(t)location.replace(t);})();"
    )
    data = {"languages": list(LANGUAGES), "codes": code_table(content)}
    return _inline(data, call)


def go_files(content: Content, *, offline: bool = False) -> dict[str, str]:
    """``go/index.html``, by its path from the site's root; ``offline``: for the bundle
    opened from ``file://``, where its links name the pages' ``index.html``."""
    page = (
        f'<!doctype html>\n<html lang="{LANGUAGES[0]}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width,initial-scale=1">\n'
        '<meta name="robots" content="noindex">\n'
        f"<title>{html.escape(_both('title'))}</title>\n<style>{_STYLE}</style>\n</head>\n"
        f"<body>\n{_go_body(content, 'index.html' if offline else '')}"
        f"{_inline(_data(content), 'KbGo.page(document, kbGoData);')}</body>\n</html>\n"
    )
    return {GO_PAGE: page}


def _both(field: str) -> str:
    """A fixed word in every language, as the page shows it before (or without) JavaScript."""
    return " · ".join(getattr(_WORDS[lang], field) for lang in LANGUAGES)


def _word(key: str, field: str) -> str:
    """Attributes and text of an element whose word JavaScript puts in the reader's language."""
    return f'data-kb-word="{key}">{html.escape(_both(field))}'


def _go_body(content: Content, page: str) -> str:
    rows = []
    for code in code_table(content):
        cells = [f"<td><code>{code['code']}</code></td>"]
        titles: dict[str, str] = code["titles"]  # type: ignore[assignment]
        for lang in LANGUAGES:
            href = f"../{lang}/{code['slug']}/{page}"
            link = (
                f'<a href="{href}" hreflang="{lang}" data-kb-page>{html.escape(titles[lang])}</a>'
            )
            cells.append(f"<td>{link}</td>")
        rows.append(f"<tr>{''.join(cells)}</tr>\n")
    options = "".join(
        f'<option value="{lang}">{html.escape(WORDING[lang].name)}</option>' for lang in LANGUAGES
    )
    headers = "".join(f"<th>{html.escape(WORDING[lang].name)}</th>" for lang in LANGUAGES)
    return (
        "<main>\n"
        f"<h1 {_word('title', 'title')}</h1>\n"
        '<p id="kb-go-message" role="status" hidden></p>\n'
        '<h2 id="kb-go-closest-title" hidden></h2>\n<ul id="kb-go-closest-list" hidden></ul>\n'
        '<form method="get" action="">\n'
        f'<label for="kb-go-code" {_word("code", "code_label")}</label>\n'
        '<input id="kb-go-code" name="code" autocomplete="off" spellcheck="false"'
        f' placeholder="{html.escape(_PLACEHOLDER)}">\n'
        f'<label for="kb-go-lang" {_word("language", "language_label")}</label>\n'
        f'<select id="kb-go-lang" name="lang"><option value="" {_word("automatic", "automatic")}'
        f"</option>{options}</select>\n"
        f'<button type="submit" {_word("open", "open")}</button>\n</form>\n'
        f"<h2 {_word('all', 'all_codes')}</h2>\n"
        f"<table>\n<thead><tr><th {_word('column', 'code_column')}</th>{headers}</tr></thead>\n"
        f"<tbody>\n{''.join(rows)}</tbody>\n</table>\n</main>\n"
    )
