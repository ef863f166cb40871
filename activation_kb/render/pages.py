"""The Markdown of each page: the landing page and one page per code.

Pure functions of :class:`~activation_kb.content.loader.Content`; front matter and file layout are
:mod:`activation_kb.render.files`'s job. Links between our pages are relative ``.md`` paths, which
every engine that reads ``mkdocs.yml`` resolves and validates.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from activation_kb.domain import corrections
from activation_kb.domain.codes import forms, parse_code, written_codes
from activation_kb.domain.model import ARTICLE, ArticleText, CodeRecord, Content, Correction
from activation_kb.domain.names import names
from activation_kb.domain.urls import GO_DIR, PAGE_SOURCE, code_source, learn_url
from activation_kb.domain.words import WORDS
from activation_kb.render import panels
from activation_kb.render.pymd import CodeLinker, admonition, escape_inline, escape_plain, to_pymd
from activation_kb.render.summary import SummaryPart

__all__ = [
    "OLD_ANCHOR_CLASS",
    "SUMMARY_PARTS_CLASS",
    "Page",
    "code_page",
    "landing_page",
    "summary_page",
]

OLD_ANCHOR_CLASS = "kb-old-anchor"
"""Class of the landing-page links that carry a code's source anchor as their id (and of the
empty links that carry its ``old_anchors``); ``overrides/assets/javascripts/kb.js`` follows
them when the URL names that anchor."""

SUMMARY_PARTS_CLASS = "kb-summary-parts"
"""Class of the landing page's summary heading when the codes are on summary pages: old
links' code anchors are then not on the landing page, and kb.js sends them by their code."""


@dataclass(frozen=True)
class Page:
    """One page of one language: where it goes, its front matter and its Markdown body."""

    path: str
    meta: dict[str, object]
    body: str


def _linker(content: Content, prefix: str, current: CodeRecord | None = None) -> CodeLinker:
    def link(code: str) -> str | None:
        record = content.record_of(code)
        if record is None or record is current:
            return None
        return code_source(record.code, prefix)

    return link


def _alert_titles(text: ArticleText, lang: str) -> dict[str, str]:
    return {**WORDS[lang].alerts, "note": text.labels.note}


def code_page(
    content: Content, record: CodeRecord, lang: str, summary: SummaryPart | None = None
) -> Page:
    """The page of one code in ``lang``; ``summary`` is the summary page that lists it, in a
    catalogue too large for the landing page's table."""
    article = content.article.it if lang == "it" else content.article.en
    text = record.it if lang == "it" else record.en
    labels = article.labels
    titles = _alert_titles(article, lang)
    link_code = _linker(content, "../", current=record)
    anchors = content.article.anchors
    home = f"../{PAGE_SOURCE}"

    def md(markdown: str) -> str:
        return to_pymd(markdown, titles, link_code)

    # The same wording corrected in two fields (the summary and the full message): once.
    corrected = (
        list({(c.source, c.corrected): c for c in corrections.of_record(content, record)}.values())
        if lang == "it"
        else []
    )
    original = learn_url(content.article.source.url_path, "en")

    # The answer first (message, cause, resolution), then the help-desk blocks, and the
    # decoding last, collapsed: the resolution starts within the first screen.
    # Codes are written one way on pages (0x8007007B), whatever the source's case; their
    # addresses and anchors keep the lower case of the URL contract.
    parts = [f"# {escape_plain(record.canonical)} {escape_plain(text.title)} {{#{record.anchor}}}"]
    parts += _names(record, lang)
    parts.append(_aliases(record, lang))
    if text.full_message:
        message = escape_plain(written_codes(text.full_message))
        parts += [escape_inline(labels.full_message_intro), f"> {message}"]
    else:
        # Without a full message, the summary table's message is the message.
        parts.append(f"{escape_plain(article.summary_columns[1])}:")
        parts.append(f"> {escape_plain(written_codes(text.summary_message))}")
    if text.explanation:
        parts.append(md(text.explanation))
    parts += [f"## {escape_plain(labels.possible_cause)} {{#{anchors.possible_cause}}}"]
    parts += [md(text.possible_cause)]
    parts += [f"## {escape_plain(labels.resolution)} {{#{anchors.resolution}}}"]
    parts += [md(text.resolution)]
    parts += [admonition("note", labels.note, md(note)) for note in text.notes]
    # After the answer, so that the resolution stays within the first screen.
    parts += panels.correction_note(corrected, original, lang)
    if record.diagnostic_tool:
        section = f"{home}#{anchors.diagnostic_tool}"
        parts.append(panels.diagnostic_tool_note(article, section, lang))
    parts.append(f"## {escape_plain(article.summary_columns[2])} {{#activation-types}}")
    # The summary table the types open, filtered: a summary page in a large catalogue.
    table = f"../{summary.path}" if summary else home
    parts.append(panels.activation_type_links(article, record, table, anchors.summary, lang))
    related = panels.related_section(content, record, lang)
    if related:
        parts.append(related)
    parts.append(panels.decoding_panel(record, lang))
    back = f"../{summary.path}" if summary else f"{home}#{anchors.summary}"
    parts.append(f"[← {escape_plain(article.summary_title)}]({back})")
    meta: dict[str, object] = {
        "title": f"{record.canonical} {text.title}",
        "description": text.summary_message,
        "code": record.canonical,
        "aliases": forms(parse_code(record.code)).aliases(),
        "code_title": text.title,
        "notice": panels.notice(len(corrected), lang),
    }
    return Page(code_source(record.code), meta, "\n\n".join(parts))


def _names(record: CodeRecord, lang: str) -> list[str]:
    """Windows' names of the code (``SL_E_…``, ``E_ACCESSDENIED``, the Win32 symbol), under
    the title: tickets and logs carry them too. None when the code has no name."""
    found = names(parse_code(record.code))
    if not found:
        return []
    shown = " · ".join(_code_span(name) for name in found)
    return [f"{escape_plain(WORDS[lang].also_known_as)} {shown}\n{{: .kb-aliases .kb-names }}"]


def _code_span(text: str) -> str:
    """``text`` in a code span, or as plain text should it hold a backtick or a brace."""
    return escape_plain(text) if re.search(r"[`{}]", text) else f"`{text}`"


def _aliases(record: CodeRecord, lang: str) -> str:
    """The other ways tickets and logs write the code, under the title: readers recognise
    what they pasted, and the search index holds every spelling."""
    code = forms(parse_code(record.code))
    shown = [code.canonical, code.bare_upper, code.unsigned_decimal, code.signed_decimal]
    spellings = " · ".join(
        f"`{form}`" for form in dict.fromkeys(shown) if form != record.canonical
    )
    return f"{escape_plain(WORDS[lang].also_shown_as)}: {spellings}\n{{: .kb-aliases }}"


def _code_link(record: CodeRecord, lang: str, prefix: str) -> str:
    text = record.it if lang == "it" else record.en
    label = f"{escape_plain(record.canonical)} {escape_plain(text.title)}"
    return f"[{label}]({code_source(record.code, prefix)})"


def landing_page(content: Content, lang: str, parts: Sequence[SummaryPart] = ()) -> Page:
    """The landing page in ``lang``: the article's own layout and every one of its anchors.

    With summary ``parts`` (a large catalogue), the summary section links to them instead
    of listing every code, and the list of causes is left to the code pages.
    """
    article = content.article.it if lang == "it" else content.article.en
    anchors = content.article.anchors
    titles = _alert_titles(article, lang)
    link_code = _linker(content, "")

    def md(markdown: str) -> str:
        return to_pymd(markdown, titles, link_code)

    body = [f"# {escape_plain(article.title)} {{#{anchors.title}}}"]
    # First, for whoever comes with a code: the box that opens its page (go/).
    body.append(panels.code_box(WORDS[lang].go.title, f"{GO_DIR}/", lang))
    body.append(admonition("info", article.home_users_title, md(article.home_users)))
    body += [md(article.intro), *(md(paragraph) for paragraph in article.more_info)]
    body += [f"## {escape_plain(article.diagnostic_tool_title)} {{#{anchors.diagnostic_tool}}}"]
    body += [md(article.diagnostic_tool)]
    summary = f"## {escape_plain(article.summary_title)} {{#{anchors.summary}"
    causes = f"## {escape_plain(article.causes_title)} {{#{anchors.causes}}}"
    if parts:
        # The class tells kb.js that code anchors of old links are no longer on this page.
        body += [f"{summary} .{SUMMARY_PARTS_CLASS}}}", _parts_list(parts, lang)]
        body += [causes, escape_plain(WORDS[lang].causes_on_code_pages)]
    else:
        body += [f"{summary}}}", panels.type_filter(article, lang)]
        body += [_summary_table(content.records, article, lang, "")]
        body += [causes, _causes_list(content, article, lang)]
    listed = content.corrections if lang == "it" else ()
    if listed:
        body.append(_corrections_list(content, listed, lang))
    meta: dict[str, object] = {
        "title": article.title,
        "description": article.description,
        "notice": panels.notice(len(listed), lang),
    }
    return Page(PAGE_SOURCE, meta, "\n\n".join(body))


def _corrections_list(content: Content, listed: Sequence[Correction], lang: str) -> str:
    """The landing page's list of every correction of Microsoft's translation."""
    words = WORDS[lang]
    original = learn_url(content.article.source.url_path, "en")
    intro = words.corrections_intro.format(count=len(listed), url=original)
    items = []
    for correction in listed:
        record = content.record_of(correction.code) if correction.code != ARTICLE else None
        where = f"[{correction.code}]({code_source(record.code)})" if record else correction.code
        items.append(
            f"- {where}, `{correction.field}`: «{escape_plain(correction.source)}» → "
            f"«{escape_plain(correction.corrected)}»"
        )
    heading = f"## {escape_plain(words.corrections_title)} {{#corrections}}"
    return "\n\n".join([heading, intro, "\n".join(items)])


def summary_page(content: Content, part: SummaryPart, lang: str) -> Page:
    """One page of the summary of a large catalogue: the table of ``part``'s codes."""
    article = content.article.it if lang == "it" else content.article.en
    title = f"{article.summary_title}: {_range(part)}"
    home = f"../../{PAGE_SOURCE}"
    # The summary's anchor, as on the landing page: code pages link to the filtered table.
    body = [f"# {escape_plain(title)} {{#{content.article.anchors.summary}}}"]
    if part.facility:
        body.append(f"{escape_plain(part.prefix)}xxxx: `{part.facility}`")
    body.append(panels.type_filter(article, lang))
    # The search index holds the page's title and facility, not its table, which repeats
    # each listed code's title (activation_kb/render/search_index.py).
    body.append(_summary_table(part.records, article, lang, "../../", anchors=False))
    back = f"{home}#{content.article.anchors.summary}"
    body.append(f"[← {escape_plain(article.summary_title)}]({back})")
    meta: dict[str, object] = {
        "title": title,
        "description": article.description,
        "notice": panels.notice(0, lang),
    }
    return Page(part.path, meta, "\n\n".join(body))


def _range(part: SummaryPart) -> str:
    return f"{part.first.canonical} – {part.last.canonical}"


def _parts_list(parts: Sequence[SummaryPart], lang: str) -> str:
    words = WORDS[lang]
    items = []
    for part in parts:
        facility = f" · `{part.facility}`" if part.facility else ""
        count = escape_plain(words.codes_count.format(count=len(part.records)))
        items.append(f"- [{escape_plain(_range(part))}]({part.path}){facility} · {count}")
    return escape_plain(words.summary_parts) + "\n\n" + "\n".join(items)


def _summary_table(
    records: Sequence[CodeRecord],
    article: ArticleText,
    lang: str,
    prefix: str,
    *,
    anchors: bool = True,
) -> str:
    rows = ["| " + " | ".join(escape_plain(c) for c in article.summary_columns) + " |"]
    rows.append("| --- | --- | --- |")
    for record in records:
        text = record.it if lang == "it" else record.en
        target = code_source(record.code, prefix)
        code = f"[{escape_plain(record.canonical)}]({target})"
        if anchors:
            # The cell link carries the source anchor, so an old link to the article lands
            # on an element that leads to the code's page even without JavaScript.
            code += f"{{#{record.anchor} .{OLD_ANCHOR_CLASS}}}"
            # Anchors the source used before: empty links to the same page, hidden from
            # assistive technology and the tab order, for kb.js to follow in the same way.
            code += "".join(
                f'[]({target}){{#{old} .{OLD_ANCHOR_CLASS} aria-hidden="true" tabindex="-1"}}'
                for old in record.old_anchors
            )
        kinds = panels.type_cell(article, record)
        message = escape_plain(written_codes(text.summary_message))
        rows.append(f"| {code} | {message} | {kinds} |")
    return "\n".join(rows)


def _causes_list(content: Content, article: ArticleText, lang: str) -> str:
    anchors = content.article.anchors
    labels = article.labels
    items = []
    for record in content.records:
        target = code_source(record.code)
        items.append(
            f"- {_code_link(record, lang, '')}: "
            f"[{escape_plain(labels.possible_cause)}]({target}#{anchors.possible_cause}), "
            f"[{escape_plain(labels.resolution)}]({target}#{anchors.resolution})"
        )
    return "\n".join(items)
