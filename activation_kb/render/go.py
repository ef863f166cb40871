"""Deep links for tickets (``go/?code=<any form>&lang=it|en``) and the pages a reader ends
on when there is no page for what was asked: a code the site does not document, or an
address that is not on the site.

Two kinds of page, for one reason: the reader must land on a page of the site (its header,
language, palette, search, both languages, offline too), and only the engine writes those.

- **The site's pages** (:func:`go_page`, :func:`not_found_page`): ``{lang}/go/`` and
  ``{lang}/404/``, Markdown rendered by the engine like every other page, in each language.
  ``go/`` says that a code is not in this knowledge base, decodes and names it (from the
  files of names, :mod:`activation_kb.render.go_names`), lists the documented codes of its
  facility, and offers the code box and the search; ``404/`` says that the address is not on
  the site and offers the same ways on. What their script fills in is shown at once: while
  it works (``?code=`` or ``?path=`` given), the page's main part and footer are hidden, so
  nothing visible moves (``overrides/assets/stylesheets/kb.css``, ``kb-go-pending``).
- **The root's small pages**, written here because they stand outside both languages and
  must work whatever the engine: ``go/index.html`` sends a code the site documents straight
  to its page (the language asked for, else the browser's, else Italian) and anything else
  to ``{lang}/go/`` with the same query; the root ``404.html`` gets :func:`rescue_script`,
  which sends an address that is a code in any form (``/0xC004F074``, ``/it/C004F074/``) to
  the code's page, and any other to ``{lang}/404/?path=…``. The codes are small script
  files beside ``go/`` (:mod:`activation_kb.render.go_codes`), loaded with
  ``<script src>``, like ``go/``'s scripts: they work from any static web server and from
  ``file://``. The 404 page, shown at any depth, has its scripts inline.
  Without JavaScript, both show, in both languages, links to the summary tables.

The scripts are ``overrides/assets/javascripts/kb-codes.js`` (code forms, shared with the
search worker), ``kb-go-codes.js`` (the files of codes, the related codes) and
``kb-go.js``; ``kb-decode.js`` (the decoding and the names) is a file beside the files of
names' words (``go/names/decode.js``), loaded only for a code the site does not document.
The site's pages load them from the theme's assets (``overrides/main.html``, for pages
whose front matter has ``kb_go``).
"""

from __future__ import annotations

import dataclasses
import html
import json

from activation_kb.domain.model import LANGUAGES, Content
from activation_kb.domain.urls import GO_DIR, NOT_FOUND_DIR, go_source, not_found_source
from activation_kb.domain.words import WORDS
from activation_kb.render import panels
from activation_kb.render.go_codes import CHUNK, CLOSEST, SHARD_DIR, shard_files
from activation_kb.render.go_names import DECODE_FILE, NAMES_DIR, name_files
from activation_kb.render.pages import Page

__all__ = [
    "DECODER",
    "FAVICON",
    "GO_PAGE",
    "SCRIPTS",
    "go_files",
    "go_page",
    "not_found_page",
    "rescue_script",
]

GO_PAGE = f"{GO_DIR}/index.html"
SCRIPTS = ("kb-codes.js", "kb-go-codes.js", "kb-go.js")
"""The theme's scripts of the root's ``go/`` and 404 page, in this order. The 404 page,
served at any depth, inlines them: the caller reads them (``overrides/assets/javascripts/``)
and passes their text, joined by newlines; ``go/`` loads them from a language's assets."""
DECODER = "kb-decode.js"
"""The theme's script that decodes and names a code in ``go/``, which a language's ``go/``
page loads from the theme's assets (``overrides/main.html`` names it) only for a code the
site does not document; its words are ``go/names/decode.js``."""
FAVICON = "favicon.ico"
"""The site's icon at its root, where browsers ask for it (:mod:`activation_kb.render.favicon`)."""
_INDEX = "index.js"
"""The files' index, named by go/index.html's own ``<script src>``: the link checker sees it."""
_UP = "../../"
"""From a language's ``go/`` or ``404/`` page to the site's root."""

# The root's pages without JavaScript (and while their script decides where to go, when
# they are hidden: kb-moving).
_STYLE = (
    "body{font-family:system-ui,sans-serif;margin:3rem auto;max-width:36rem;padding:0 1rem;"
    "line-height:1.5}a{color:#3949ab}@media (prefers-color-scheme:dark){body{background:#1e2129;"
    "color:#e2e4e9}a{color:#8c9eff}}.kb-moving body{visibility:hidden}"
)
# Hides the page while its script finds where to send the reader; shown again when it
# stays (kb-go.js).
_MOVING = 'document.documentElement.className="kb-moving";'


def _both(text: dict[str, str]) -> str:
    """A fixed text in every language, each part marked with its language."""
    return " · ".join(
        f'<span lang="{lang}">{html.escape(text[lang])}</span>' for lang in LANGUAGES
    )


def _root_page(title: dict[str, str], head: str, body: str, icon: str) -> str:
    return (
        f'<!doctype html>\n<html lang="{LANGUAGES[0]}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width,initial-scale=1">\n'
        '<meta name="robots" content="noindex">\n'
        f"<title>{html.escape(' · '.join(title[lang] for lang in LANGUAGES))}</title>\n"
        f'<link rel="icon" href="{icon}">\n<style>{_STYLE}</style>\n{head}</head>\n'
        f"<body>\n<main>\n<h1>{_both(title)}</h1>\n{body}</main>\n</body>\n</html>\n"
    )


def summary_links(content: Content, prefix: str, page: str = "") -> str:
    """The summary table in each language, as a list: where the root's pages send a reader
    without JavaScript. ``prefix`` leads to the site's root; ``page`` names a folder's page
    (``index.html`` from ``file://``)."""
    anchor = content.article.anchors.summary
    items = "".join(
        f'<li lang="{lang}"><a href="{prefix}{lang}/{page}#{anchor}" hreflang="{lang}">'
        f"{html.escape(getattr(content.article, lang).summary_title)}</a>"
        f" ({html.escape(WORDS[lang].name)})</li>\n"
        for lang in LANGUAGES
    )
    return f"<ul>\n{items}</ul>\n"


def _inline(scripts: str, data: dict[str, object], call: str, between: str = "") -> str:
    """The scripts and the data, inline; ``</`` cannot end a script element early.
    ``between``: elements after the scripts' definitions, before ``call`` runs."""
    payload = json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")
    code = "\n".join(part for part in (_MOVING, scripts, f"var kbGoData = {payload};") if part)
    return f"<script>\n{code}\n</script>\n{between}<script>{call}</script>\n"


def rescue_script(scripts: str) -> str:
    """The ``<script>`` s of the root 404 page: an address that is a code goes to its page
    (or, a code the site does not document, to ``{lang}/go/``), any other to
    ``{lang}/404/``. It loads the files of codes it needs from the site's root, wherever
    the 404 page is shown, so it is the same whatever the codes. ``scripts``: the text of
    :data:`SCRIPTS`."""
    data = {
        "languages": list(LANGUAGES),
        "base": f"{SHARD_DIR}/",
        "go": GO_DIR,
        "missing": NOT_FOUND_DIR,
    }
    return _inline(scripts, data, "KbGo.lost(kbGoData);")


def not_found_root(content: Content, scripts: str) -> str:
    """The root ``404.html``: served for any missing address, at any depth, so its links
    start at the server's root."""
    title = {lang: WORDS[lang].not_found for lang in LANGUAGES}
    return _root_page(title, rescue_script(scripts), summary_links(content, "/"), f"/{FAVICON}")


def go_files(
    content: Content,
    scripts: str,
    *,
    offline: bool = False,
    chunk: int = CHUNK,
    icon: str = FAVICON,
) -> dict[str, str]:
    """The root's ``go/index.html``, the files of codes and the files of names, by their
    path from the site's root; ``scripts``: where the theme's :data:`SCRIPTS` are, from
    ``go/`` (``../it/assets/javascripts/``: the same files as the languages' pages load,
    once in a browser's cache and once in the offline zip); ``offline``: for the bundle
    opened from ``file://``, where its links name the pages' ``index.html``; ``chunk``: the
    most codes in one file; ``icon``: the site's icon, from the site's root."""
    base = SHARD_DIR.removeprefix(f"{GO_DIR}/") + "/"
    sources = "".join(f'<script src="{scripts}{name}"></script>\n' for name in SCRIPTS)
    index = f'<script src="{base}{_INDEX}"></script>\n'
    data = {"languages": list(LANGUAGES), "base": base, "go": GO_DIR}
    head = _inline("", data, "KbGo.hand(kbGoData);", sources + index)
    title = {lang: WORDS[lang].go.title for lang in LANGUAGES}
    links = summary_links(content, "../", "index.html" if offline else "")
    page = _root_page(title, head, links, f"../{icon}")
    files = {GO_PAGE: page, **shard_files(content, chunk), **name_files()}
    files[f"{NAMES_DIR}/{DECODE_FILE}.js"] = _decoding_words()
    return files


def _decoding_words() -> str:
    """``go/names/decode.js``: the words of the decoding in every language, registered as
    the file ``decode`` (the script that decodes, :data:`DECODER`, is the theme's)."""
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
    return f"KbGoCodes.shard({json.dumps(DECODE_FILE)},{payload});\n"


def _summary_sentence(content: Content, lang: str) -> str:
    """The sentence that links the summary table, which lists every documented code."""
    text = getattr(content.article, lang)
    link = (
        f'<a href="../#{content.article.anchors.summary}">'
        f"{html.escape(text.summary_title)}</a>"
    )
    words = html.escape(WORDS[lang].go.all_codes).replace("{summary}", link)
    return f"<p>{words}</p>"


def _meta(title: str, description: str, data: dict[str, object]) -> dict[str, object]:
    """Front matter of the pages of this module: no navigation nor table of contents, out
    of the search index; ``kb_go``, the data of their script as JSON (the template writes
    it as it is), also tells the template to load it and to ask search engines not to
    index them."""
    payload = json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")
    return {
        "title": title,
        "description": description,
        "hide": ["navigation", "toc"],
        "search": {"exclude": True},
        "kb_go": payload,
    }


def go_page(content: Content, lang: str) -> Page:
    """``{lang}/go/``: the code box; given ``?code=``, a code the site documents opens its
    page, any other gets what it is (its decoding, its names, the documented codes of its
    facility) or why it is no code."""
    words = WORDS[lang].go
    data = {
        "kind": "go",
        "lang": lang,
        "codes": f"{_UP}{SHARD_DIR}/",
        "names": f"{_UP}{NAMES_DIR}/",
        "closest": CLOSEST,
        "words": {
            "quotes": list(words.quotes),
            "unknown_title": words.unknown_title,
            "unknown": words.unknown,
            "unknown_typed": words.unknown_typed,
            "malformed_title": words.malformed_title,
            "malformed": words.malformed,
            "failed": words.failed,
            "reasons": words.reasons,
            "search_for": words.search_for,
        },
    }
    # Each part the script fills in is hidden until it has (the whole answer until the
    # code is known not to be the site's).
    body = "\n\n".join(
        [
            f'<h1 id="kb-go-title">{html.escape(words.title)}</h1>',
            '<div id="kb-go-answer" class="kb-go-answer" hidden>\n'
            '<p id="kb-go-message" role="status"></p>\n'
            '<p id="kb-go-names" class="kb-aliases" hidden></p>\n'
            '<div id="kb-go-closest" hidden>\n'
            f'<h2 id="kb-go-closest-title">{html.escape(words.closest)}</h2>\n'
            '<ul id="kb-go-closest-list"></ul>\n</div>\n'
            '<div id="kb-go-decoding" hidden>\n'
            f'<h2 id="kb-go-decoding-title">{html.escape(WORDS[lang].decoding)}</h2>\n'
            f"{panels.decoding_table(lang, [])}</div>\n</div>",
            panels.code_box(words.code_label, "", lang),
            f'<p><a id="kb-go-search" href="../?q=">{html.escape(words.search)}</a></p>',
            _summary_sentence(content, lang),
        ]
    )
    return Page(go_source(), _meta(words.title, words.description, data), body)


def not_found_page(content: Content, lang: str) -> Page:
    """``{lang}/404/``: where the root ``404.html`` sends an address that is not on the
    site (``?path=``, shown); the code box, the search and the summary table from there."""
    words = WORDS[lang].go
    data = {
        "kind": "missing",
        "lang": lang,
        "words": {"quotes": list(words.quotes), "missing_at": words.missing_at},
    }
    body = "\n\n".join(
        [
            f'<h1 id="kb-go-title">{html.escape(WORDS[lang].not_found)}</h1>',
            f'<p id="kb-missing">{html.escape(words.missing)}</p>',
            panels.code_box(words.code_intro, f"../{GO_DIR}/", lang),
            f'<p><a href="../?q=">{html.escape(words.search)}</a></p>',
            _summary_sentence(content, lang),
        ]
    )
    meta = _meta(WORDS[lang].not_found, words.missing_description, data)
    return Page(not_found_source(), meta, body)
