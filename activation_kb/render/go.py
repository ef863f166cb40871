"""Deep links for tickets: ``go/?code=<any form>&lang=it|en`` and the 404 page's rescue.

``go/index.html`` sits at the site's root, outside both languages. Its scripts are inline
and the codes are small script files beside it (:mod:`activation_kb.render.go_codes`), loaded with
``<script src>``, so it works from any static web server and from ``file://``: a known
code redirects to its page in the language asked for, else the browser's, else Italian;
a code we do not document gets a page saying what was understood, its names, its
decoding (from the files of names, :mod:`activation_kb.render.go_names`) and the
documented codes of its facility; text that is no code, why. Its size does
not depend on the number of codes: the table of all codes is on it only while they fit
on one summary table (:data:`activation_kb.render.summary.PAGE_SIZE`); a larger catalogue gets links
to the summary in each language instead. Without JavaScript, that table or those links
are the page.

:func:`rescue_script` is the same logic for the root ``404.html``: an address that is a
code in any form (``/0xC004F074``, ``/it/C004F074/``) goes to the code's page.

The scripts are ``overrides/assets/javascripts/kb-codes.js`` (code forms, shared with the
search worker), ``kb-go-codes.js`` (the files of codes, the related codes) and
``kb-go.js``; ``kb-decode.js`` (the decoding and the names) is a file beside the files of
names, loaded only for a code the site does not document.
"""

from __future__ import annotations

import dataclasses
import html
import json

from activation_kb.domain.codes import forms, parse_code
from activation_kb.domain.model import LANGUAGES, Content
from activation_kb.domain.urls import code_url
from activation_kb.domain.words import PLACEHOLDER, WORDS
from activation_kb.render.go_codes import CHUNK, CLOSEST, SHARD_DIR, shard_files
from activation_kb.render.go_names import DECODE_FILE, NAMES_DIR, name_files
from activation_kb.render.summary import PAGE_SIZE

__all__ = ["DECODER", "GO_PAGE", "SCRIPTS", "go_files", "rescue_script"]

GO_PAGE = "go/index.html"
SCRIPTS = ("kb-codes.js", "kb-go-codes.js", "kb-go.js")
"""The theme's scripts that ``go/`` and the 404 page inline, in this order: the caller
reads them (``overrides/assets/javascripts/``) and passes their text, joined by newlines."""
DECODER = "kb-decode.js"
"""The theme's script that decodes and names a code in ``go/``: the caller passes its text,
which becomes ``go/names/decode.js`` with the words of the decoding."""
_INDEX = "index.js"
"""The files' index, named by go/index.html's own ``<script src>``: the link checker sees it."""

_STYLE = (
    "body{font-family:system-ui,sans-serif;margin:2rem auto;max-width:60rem;padding:0 1rem;"
    "line-height:1.5}a{color:#3f51b5}table{border-collapse:collapse;width:100%}"
    "th,td{text-align:left;padding:.3rem .5rem;border-bottom:1px solid #ddd;vertical-align:top}"
    "form{margin:1rem 0}input{min-width:18rem}#kb-go-message{font-weight:600}"
    "@media (prefers-color-scheme:dark){body{background:#1e2129;color:#e2e4e9}"
    "a{color:#8c9eff}th,td{border-color:#444}}"
)


def _data(base: str) -> dict[str, object]:
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
            "failed": w.failed,
            "reasons": w.reasons,
        }
        for lang, w in ((lang, WORDS[lang].go) for lang in LANGUAGES)
    }
    names = NAMES_DIR.removeprefix("go/") + "/"
    return {
        "languages": list(LANGUAGES),
        "closest": CLOSEST,
        "base": base,
        "names": names,
        "words": words,
    }


def _inline(scripts: str, data: dict[str, object], call: str, between: str = "") -> str:
    """The scripts and the data, inline; ``</`` cannot end a script element early.
    ``between``: elements after the scripts' definitions, before ``call`` runs."""
    payload = json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")
    code = "\n".join([scripts, f"var kbGoData = {payload};"])
    return f"<script>\n{code}\n</script>\n{between}<script>{call}</script>\n"


def rescue_script(scripts: str) -> str:
    """A ``<script>`` for the root 404 page: an address that is a code goes to its page.
    It loads the files of codes it needs from the site's root, wherever the 404 page is
    shown, so it is the same whatever the codes. ``scripts``: the text of :data:`SCRIPTS`."""
    call = (
        "KbGo.rescue(kbGoData,location.pathname)"
        ".then(function(t){if(t)location.replace(t);},function(){});"
    )
    data = {"languages": list(LANGUAGES), "base": f"{SHARD_DIR}/"}
    return _inline(scripts, data, call)


def go_files(
    content: Content, scripts: str, decoder: str, *, offline: bool = False, chunk: int = CHUNK
) -> dict[str, str]:
    """``go/index.html``, the files of codes and the files of names, by their path from the
    site's root; ``scripts``: the text of :data:`SCRIPTS`, ``decoder`` of :data:`DECODER`;
    ``offline``: for the bundle opened from
    ``file://``, where its links name the pages' ``index.html``; ``chunk``: the most codes in
    one file."""
    base = SHARD_DIR.removeprefix("go/") + "/"
    index = f'<script src="{base}{_INDEX}"></script>\n'
    page = (
        f'<!doctype html>\n<html lang="{LANGUAGES[0]}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width,initial-scale=1">\n'
        '<meta name="robots" content="noindex">\n'
        f"<title>{html.escape(_both('title'))}</title>\n<style>{_STYLE}</style>\n</head>\n"
        f"<body>\n{_go_body(content, 'index.html' if offline else '')}"
        + _inline(scripts, _data(base), "KbGo.page(document, kbGoData);", index)
        + "</body>\n</html>\n"
    )
    files = {GO_PAGE: page, **shard_files(content, chunk), **name_files()}
    files[f"{NAMES_DIR}/{DECODE_FILE}.js"] = _decoder(decoder)
    return files


def _decoder(decoder: str) -> str:
    """``go/names/decode.js``: the decoding script and, registered as the file ``decode``,
    its words in every language."""
    words = {
        lang: {
            "title": WORDS[lang].decoding,
            "also_known_as": WORDS[lang].also_known_as,
            "rows": dataclasses.asdict(WORDS[lang].hresult),
        }
        for lang in LANGUAGES
    }
    # ASCII only, as the other files of names.
    payload = json.dumps(words, separators=(",", ":"))
    return f"{decoder}\nKbGoCodes.shard({json.dumps(DECODE_FILE)},{payload});\n"


def _both(field: str) -> str:
    """A fixed word in every language, as the page shows it before (or without) JavaScript."""
    return " · ".join(getattr(WORDS[lang].go, field) for lang in LANGUAGES)


def _word(key: str, field: str) -> str:
    """Attributes and text of an element whose word JavaScript puts in the reader's language."""
    return f'data-kb-word="{key}">{html.escape(_both(field))}'


def _go_body(content: Content, page: str) -> str:
    options = "".join(
        f'<option value="{lang}">{html.escape(WORDS[lang].name)}</option>' for lang in LANGUAGES
    )
    return (
        "<main>\n"
        f"<h1 {_word('title', 'title')}</h1>\n"
        '<p id="kb-go-message" role="status" hidden></p>\n<p id="kb-go-names" hidden></p>\n'
        '<h2 id="kb-go-closest-title" hidden></h2>\n<ul id="kb-go-closest-list" hidden></ul>\n'
        '<h2 id="kb-go-decoding-title" hidden></h2>\n'
        '<table id="kb-go-decoding" hidden><tbody></tbody></table>\n'
        '<form method="get" action="">\n'
        f'<label for="kb-go-code" {_word("code", "code_label")}</label>\n'
        '<input id="kb-go-code" name="code" autocomplete="off" spellcheck="false"'
        f' placeholder="{html.escape(PLACEHOLDER)}">\n'
        f'<label for="kb-go-lang" {_word("language", "language_label")}</label>\n'
        f'<select id="kb-go-lang" name="lang"><option value="" {_word("automatic", "automatic")}'
        f"</option>{options}</select>\n"
        f'<button type="submit" {_word("open", "open")}</button>\n</form>\n'
        f"<h2 {_word('all', 'all_codes')}</h2>\n{_every_code(content, page)}</main>\n"
    )


def _every_code(content: Content, page: str) -> str:
    """The way to every code: the table of all codes while they fit on the landing page's
    summary table, as they do there; beyond, the summary in each language, which links to
    the summary pages."""
    if len(content.records) > PAGE_SIZE:
        anchor = content.article.anchors.summary
        items = "".join(
            f'<li><a href="../{lang}/{page}#{anchor}" hreflang="{lang}" lang="{lang}"'
            f" data-kb-page>{html.escape(getattr(content.article, lang).summary_title)}</a>"
            f" ({html.escape(WORDS[lang].name)})</li>\n"
            for lang in LANGUAGES
        )
        return f"<ul>\n{items}</ul>\n"
    rows = []
    for record in content.records:
        code = forms(parse_code(record.code))
        cells = [f"<td><code>{code.canonical}</code></td>"]
        for lang in LANGUAGES:
            title = html.escape(getattr(record, lang).title)
            href = f"../{code_url(code.value, lang)}{page}"
            cells.append(f'<td><a href="{href}" hreflang="{lang}" data-kb-page>{title}</a></td>')
        rows.append(f"<tr>{''.join(cells)}</tr>\n")
    headers = "".join(f"<th>{html.escape(WORDS[lang].name)}</th>" for lang in LANGUAGES)
    return (
        f"<table>\n<thead><tr><th {_word('column', 'code_column')}</th>{headers}</tr></thead>\n"
        f"<tbody>\n{''.join(rows)}</tbody>\n</table>\n"
    )
