"""The help-desk blocks of the pages, as Markdown for Python-Markdown (see :mod:`pymd`).

On a code page: the diagnostic-tool note, the activation types that open the filtered
summary table, the related codes and, last and collapsed, the decoding panel. On the
landing page: the code box (also on ``go/`` and the 404 page), the activation-type filter
and the type cells it reads. Pure functions; :mod:`activation_kb.render.pages` and
:mod:`activation_kb.render.go` place them.

The filter is HTML the renderer writes (content never holds raw HTML): its controls carry
``hidden`` and ``overrides/assets/javascripts/filter.js`` reveals them, so without
JavaScript the whole table shows and no dead button appears.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence

from activation_kb.domain.codes import parse_code
from activation_kb.domain.hresult import decode
from activation_kb.domain.model import ActivationType, ArticleText, CodeRecord, Content, Correction
from activation_kb.domain.urls import code_source
from activation_kb.domain.words import WORDS
from activation_kb.render.pymd import admonition, escape_plain

__all__ = [
    "CODE_BOX_CLASS",
    "FILTER_CLASS",
    "FILTER_PARAMETER",
    "FILTER_TYPES",
    "RELATED_ANCHOR",
    "SEARCH_EXCLUDE",
    "TYPES_CLASS",
    "activation_type_links",
    "code_box",
    "decoding_panel",
    "decoding_table",
    "diagnostic_tool_note",
    "diagnostic_tool_url",
    "related_section",
    "type_cell",
    "type_filter",
]

FILTER_PARAMETER = "type"
"""Query parameter of the landing page that selects activation types: ``?type=kms-client``."""

FILTER_TYPES: tuple[ActivationType, ...] = (
    ActivationType.MAK,
    ActivationType.KMS_CLIENT,
    ActivationType.KMS_HOST,
)
"""The filter's buttons. Plain "KMS" rows match both KMS buttons, and ``?type=kms``
selects both: the source does not say whether such a code concerns the client or the host."""

SEARCH_EXCLUDE = "data-search-exclude"
"""The attribute that keeps an element's text out of the search index (Material's search
plugin honours it; other engines ignore it)."""

FILTER_CLASS = "kb-filter"
CODE_BOX_CLASS = "kb-go-box"
TYPES_CLASS = "kb-types"
RELATED_ANCHOR = "related-codes"

_LINK_TARGET = re.compile(r"\]\((https?://[^\s)]+)")


def _text(record: CodeRecord, lang: str) -> tuple[str, str]:
    text = record.it if lang == "it" else record.en
    return record.canonical, text.title


def _page_link(record: CodeRecord, lang: str, prefix: str) -> str:
    code, title = _text(record, lang)
    return f"[{escape_plain(code)} {escape_plain(title)}]({code_source(record.code, prefix)})"


def decoding_panel(record: CodeRecord, lang: str) -> str:
    """The code read as an HRESULT, as a two-column table in a collapsed block: the page
    answers first, the decoding is there for whoever opens it (``print.js`` opens it for
    paper). HTML, as pymdownx.details writes it: a Markdown table has no row headers, and
    each row's label heads its row (``<th scope="row">``)."""
    words = WORDS[lang]
    rows = decode(parse_code(record.code)).rows(lang)
    return (
        '<details class="abstract kb-decoding">\n'
        f"<summary>{html.escape(words.decoding)}</summary>\n"
        f"{decoding_table(lang, rows)}</details>"
    )


def decoding_table(lang: str, rows: Sequence[tuple[str, str]]) -> str:
    """The decoding's table: a column header per column, a row header per row (its label).
    ``go/`` has it without rows, and fills them in."""
    first, second = (_text_of(column) for column in WORDS[lang].decoding_columns)
    body = "".join(
        f'<tr><th scope="row">{_text_of(label)}</th><td>{_text_of(value)}</td></tr>\n'
        for label, value in rows
    )
    return (
        "<table>\n"
        f'<thead><tr><th scope="col">{first}</th><th scope="col">{second}</th></tr></thead>\n'
        f"<tbody>\n{body}</tbody>\n</table>\n"
    )


def _text_of(text: str) -> str:
    """``text`` as the text of an element (quotes need no escaping there)."""
    return html.escape(text, quote=False)


def code_box(label: str, action: str, lang: str) -> str:
    """A box to go to a code, in any form: a GET form of ``code`` to the language's ``go/``
    page at ``action`` (``kb.js`` names its ``index.html`` from ``file://``). Kept out of
    the search index: its words are not the page's text."""
    words = WORDS[lang].go
    return (
        f'<form class="{CODE_BOX_CLASS}" method="get" action="{html.escape(action)}" '
        f"{SEARCH_EXCLUDE}>\n"
        f'<label for="kb-go-code">{html.escape(label)}</label>\n'
        f'<span class="{CODE_BOX_CLASS}__row">'
        '<input id="kb-go-code" name="code" type="text" required autocomplete="off"'
        f' spellcheck="false" placeholder="{html.escape(words.placeholder)}">'
        f'<button type="submit" class="md-button md-button--primary">{html.escape(words.open)}'
        "</button></span>\n</form>"
    )


def diagnostic_tool_url(article: ArticleText) -> str | None:
    """The tool's download address: the first web link of the article's tool section."""
    match = _LINK_TARGET.search(article.diagnostic_tool)
    return match.group(1) if match else None


def diagnostic_tool_note(article: ArticleText, section_url: str, lang: str) -> str:
    """The note on a code the diagnostic tool supports: its download link and its section
    of the landing page (the link goes to the section when the source names no address)."""
    text = WORDS[lang].diagnostic_tool.format(
        tool=diagnostic_tool_url(article) or section_url,
        section=section_url,
        title=escape_plain(article.diagnostic_tool_title),
    )
    return admonition("tip kb-diagnostic-tool", article.diagnostic_tool_title, text)


def activation_type_links(
    article: ArticleText, record: CodeRecord, landing: str, summary_anchor: str, lang: str
) -> str:
    """The code's activation types as a list, each opening the summary table filtered by it."""
    title = WORDS[lang].type_link_title.replace('"', "'")
    items = []
    for kind in record.activation_types:
        label = escape_plain(article.labels.activation_types[kind])
        url = f"{landing}?{FILTER_PARAMETER}={kind.value}#{summary_anchor}"
        items.append(f'- [{label}]({url} "{title}")')
    return "\n".join(items)


def related_section(content: Content, record: CodeRecord, lang: str) -> str | None:
    """The "Related codes" section: code and title of each, linked, in the summary's order."""
    # Looked up by value, not by a scan of every record: this runs once per page.
    wanted = sorted({content.positions[value] for value in _values(content, record.related)})
    related = [content.records[index] for index in wanted if content.records[index] is not record]
    if not related:
        return None
    heading = f"## {escape_plain(WORDS[lang].related_codes)} {{#{RELATED_ANCHOR}}}"
    return heading + "\n\n" + "\n".join(f"- {_page_link(r, lang, '../')}" for r in related)


def _values(content: Content, codes: list[str]) -> list[int]:
    """The values of ``codes`` that have a record."""
    values = (parse_code(code) for code in codes)
    return [value for value in values if value in content.positions]


def type_cell(article: ArticleText, record: CodeRecord) -> str:
    """The summary table's activation-type cell; ``data-kb-types`` is what the filter reads."""
    labels = "<br>".join(
        escape_plain(article.labels.activation_types[kind]) for kind in record.activation_types
    )
    kinds = " ".join(kind.value for kind in record.activation_types)
    return f'<span class="{TYPES_CLASS}" data-kb-types="{kinds}">{labels}</span>'


def type_filter(article: ArticleText, lang: str) -> str:
    """The filter's controls: a group of toggle buttons, hidden until the script runs; and,
    for paper, where the buttons are not printed, a line that says what the table shows
    while filtered ("Tipo di attivazione: Client KMS — 21 codici su 30"), which the script
    writes."""
    words = WORDS[lang]
    label = html.escape(words.filter_label)
    buttons = [
        f'<button type="button" class="{FILTER_CLASS}__button" data-kb-type="{kind.value}"'
        f' aria-pressed="false">{html.escape(article.labels.activation_types[kind])}</button>'
        for kind in FILTER_TYPES
    ]
    buttons.append(
        f'<button type="button" class="{FILTER_CLASS}__button {FILTER_CLASS}__all"'
        f' data-kb-type="" aria-pressed="true">{html.escape(words.filter_all)}</button>'
    )
    status = html.escape(words.filter_status, quote=True)
    return "\n".join(
        [
            f'<div class="{FILTER_CLASS}" role="group" aria-label="{label.rstrip(":")}"'
            f' data-kb-parameter="{FILTER_PARAMETER}" hidden>',
            f'<span class="{FILTER_CLASS}__label" aria-hidden="true">{label}</span>',
            *buttons,
            f'<span class="{FILTER_CLASS}__status" role="status" data-kb-status="{status}"></span>',
            "</div>",
            "",
            f'<p class="{FILTER_CLASS}-print" {SEARCH_EXCLUDE}></p>',
        ]
    )


def notice(corrections: int, lang: str) -> str:
    """What a page's text is, for its footer: ``corrections`` the corrections it shows."""
    words = WORDS[lang]
    if not corrections:
        return words.text_notice
    one, several = words.corrected_notice
    return one if corrections == 1 else several.format(count=corrections)


def correction_note(corrections: Sequence[Correction], original: str, lang: str) -> list[str]:
    """The note that lists a code page's corrections (none, no note): each one's source
    wording quoted beside the wording shown, and that they were made against the English
    original (``original``, its address)."""
    if not corrections:
        return []
    words = WORDS[lang]
    items = [
        "- "
        + words.correction.format(
            source=escape_plain(correction.source), corrected=escape_plain(correction.corrected)
        )
        for correction in corrections
    ]
    body = "\n".join(items) + "\n\n" + words.correction_checked.format(url=original)
    return [admonition("info", words.correction_title, body)]
