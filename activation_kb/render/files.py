"""``Content`` → the Markdown files of each language, as ``{relative path: text}``.

No I/O here: :mod:`activation_kb.site.writer` puts the files on disk and
:mod:`activation_kb.engine.mkdocs`
turns them into HTML. The layout is the URL scheme, a contract with tickets:
``index.md`` is the landing page and ``0xc004f074/index.md`` a code's page, so that the
site has ``{lang}/`` and ``{lang}/0xc004f074/`` whatever the engine.

Besides the pages of the content, each language has ``go/`` and ``404/``, the pages a
reader ends on when there is no page for what was asked (:mod:`activation_kb.render.go`).

``root_files`` are the files at the site's root, outside both languages: the language
redirect ``index.html`` and ``404.html``, plain self-contained HTML that works whatever
the engine, and ``codes.json``, the codes as data for ticket systems.

Front matter holds what templates and search need: ``title``, ``description``, ``lang``,
``attribution`` (the footer) and, on code pages, ``code``, ``code_title`` and ``aliases``.
Templates read ``page.meta``; new keys can be added without touching them.
"""

from __future__ import annotations

import html
import re

from activation_kb.domain.model import LANGUAGES, Content
from activation_kb.domain.urls import learn_url
from activation_kb.domain.words import WORDS
from activation_kb.render import frontmatter
from activation_kb.render.codes_json import FILE_NAME, codes_json
from activation_kb.render.go import FAVICON, go_page, not_found_page, not_found_root
from activation_kb.render.pages import Page, code_page, landing_page, summary_page
from activation_kb.render.summary import summary_parts

__all__ = [
    "attribution",
    "meta_text",
    "render_language",
    "root_files",
]

_QUOTED = re.compile(r'"([^"\n]*)"')


def render_language(content: Content, lang: str) -> dict[str, str]:
    """The files of one language."""
    parts = summary_parts(content)
    part_of = {record.code: part for part in parts for record in part.records}
    pages = [landing_page(content, lang, parts)]
    pages += [summary_page(content, part, lang) for part in parts]
    pages += [code_page(content, r, lang, part_of.get(r.code)) for r in content.records]
    pages += [go_page(content, lang), not_found_page(content, lang)]
    # The same on every page: turned into YAML once, not once per page.
    common = _yaml({"lang": lang, "attribution": attribution(content, lang)})
    return {page.path: _file(page, common) for page in pages}


def _file(page: Page, common: str) -> str:
    meta = dict(page.meta)
    for key in ("title", "description"):
        meta[key] = meta_text(str(meta[key]))
    # Top-level keys of a block mapping are independent: two dumps join into one mapping.
    return f"---\n{_yaml(meta)}{common}---\n\n{page.body.rstrip()}\n"


def _yaml(meta: dict[str, object]) -> str:
    return frontmatter.dump(meta)


def meta_text(text: str) -> str:
    """Text for a page's metadata, as HTML: one line, ``&``, ``<`` and ``>`` escaped,
    straight double quotes made typographic.

    Themes write ``title`` and ``description`` into the page without escaping them
    (Material 9 does: MkDocs treats a page title as HTML), the description inside an
    attribute, where a ``"`` would end it; typographic quotes read the same.
    """
    flat = " ".join(text.split())
    quoted = _QUOTED.sub("“\\1”", flat).replace('"', "”")
    return html.escape(quoted, quote=False)


def attribution(content: Content, lang: str) -> dict[str, str]:
    """The footer of every page in ``lang``: source and licence (each page's ``notice``
    says what its text is)."""
    source = content.article.source
    text = content.article.it if lang == "it" else content.article.en
    words = WORDS[lang]
    footer = {
        "label": words.source,
        "author": source.author,
        "title": f"{words.quotes[0]}{text.title}{words.quotes[1]}",
        "url": learn_url(source.url_path, lang),
        "link_text": words.original_article,
        "license_intro": words.license,
        "license": source.license,
        "license_url": source.license_url,
    }
    return footer


# navigator.languages lists the reader's languages by preference; the first of ours wins,
# Italian when none is. The #fragment of an old link to the article rides along, so the
# landing page can send it on to the code's page. From file:// a folder is not a page.
_REDIRECT = """
(function () {
  var ours = %(languages)s, chosen = ours[0];
  var wanted = navigator.languages && navigator.languages.length
    ? navigator.languages : [navigator.language || ""];
  for (var i = 0; i < wanted.length; i++) {
    var code = String(wanted[i]).toLowerCase().split("-")[0];
    if (ours.indexOf(code) >= 0) { chosen = code; break; }
  }
  var page = location.protocol === "file:" ? "/index.html" : "/";
  location.replace(chosen + page + location.search + location.hash);
})();
"""

_STYLE = (
    "body{font-family:system-ui,sans-serif;margin:3rem auto;max-width:36rem;padding:0 1rem;"
    "line-height:1.5}a{color:#3949ab}@media (prefers-color-scheme:dark){body{background:#1e2129;"
    "color:#e2e4e9}a{color:#8c9eff}}"
)


def _titles(content: Content) -> list[tuple[str, str]]:
    texts = {"it": content.article.it, "en": content.article.en}
    return [(lang, texts[lang].title) for lang in LANGUAGES]


def _page(title: str, head: str, body: str, icon: str) -> str:
    return (
        f'<!doctype html>\n<html lang="{LANGUAGES[0]}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width,initial-scale=1">\n'
        f"<title>{html.escape(title)}</title>\n"
        f'<link rel="icon" href="{icon}">\n<style>{_STYLE}</style>\n{head}</head>\n'
        f"<body>\n<main>\n{body}</main>\n</body>\n</html>\n"
    )


def _choices(content: Content, prefix: str, page: str = "") -> str:
    items = "".join(
        f'<li lang="{lang}"><a href="{prefix}{lang}/{page}" hreflang="{lang}">'
        f"{html.escape(title)}</a> ({html.escape(WORDS[lang].name)})</li>\n"
        for lang, title in _titles(content)
    )
    return f"<ul>\n{items}</ul>\n"


def root_files(
    content: Content, scripts: str = "", *, offline: bool = False, icon: str = FAVICON
) -> dict[str, str]:
    """``index.html`` (language redirect), ``404.html`` and ``codes.json`` (the codes as
    data, :mod:`activation_kb.render.codes_json`), by file name; ``scripts`` is the text of
    :data:`activation_kb.render.go.SCRIPTS`, which the 404 page inlines (the rescue of
    addresses that are a code, and the way to its language's 404 page).

    ``offline``: ``index.html`` alone, for the bundle opened from ``file://``, where a
    folder is not a page (links name ``index.html``) and no server ever shows a 404 page;
    the bundle copies ``codes.json`` from the web build. ``icon``: the site's icon, from
    its root.
    """
    title = " · ".join(title for _, title in _titles(content))
    languages = "[" + ", ".join(f'"{lang}"' for lang in LANGUAGES) + "]"
    script = _REDIRECT % {"languages": languages}
    page = "index.html" if offline else ""
    refresh = f'<meta http-equiv="refresh" content="0; url={LANGUAGES[0]}/{page}">'
    fallback = f"<noscript>{refresh}</noscript>\n"
    head = f"<script>{script}</script>\n{fallback}"
    index = _page(title, head, _choices(content, "", page), icon)
    if offline:
        return {"index.html": index}
    return {
        "index.html": index,
        "404.html": not_found_root(content, scripts),
        FILE_NAME: codes_json(content),
    }
