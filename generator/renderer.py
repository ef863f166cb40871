"""``Content`` → the Markdown files of each language, as ``{relative path: text}``.

No I/O here: :mod:`generator.writer` puts the files on disk and :mod:`generator.engine`
turns them into HTML. The layout is the URL scheme, a contract with tickets:
``index.md`` is the landing page and ``0xc004f074/index.md`` a code's page, so that the
site has ``{lang}/`` and ``{lang}/0xc004f074/`` whatever the engine.

Front matter holds what templates and search need: ``title``, ``description``, ``lang``,
``attribution`` (the footer) and, on code pages, ``code`` and ``aliases``. Templates read
``page.meta``; new keys can be added without touching them.
"""

from __future__ import annotations

import re

import yaml

from generator.loader import Content
from generator.model import LANGUAGES
from generator.pages import Page, code_page, landing_page
from generator.wording import WORDING, learn_url

__all__ = ["attribution", "front_matter", "meta_text", "render_language", "render_site"]

_QUOTED = re.compile(r'"([^"\n]*)"')


def render_site(content: Content) -> dict[str, dict[str, str]]:
    """Every language's files: ``{"it": {"index.md": …, "0xc004f074/index.md": …}, "en": …}``."""
    return {lang: render_language(content, lang) for lang in LANGUAGES}


def render_language(content: Content, lang: str) -> dict[str, str]:
    """The files of one language."""
    pages = [landing_page(content, lang)]
    pages += [code_page(content, record, lang) for record in content.records]
    common = {"lang": lang, "attribution": attribution(content, lang)}
    return {page.path: _file(page, common) for page in pages}


def _file(page: Page, common: dict[str, object]) -> str:
    meta = dict(page.meta)
    for key in ("title", "description"):
        meta[key] = meta_text(str(meta[key]))
    return front_matter({**meta, **common}, page.body)


def front_matter(meta: dict[str, object], body: str) -> str:
    """A Markdown file: YAML front matter, a blank line, the body, one final newline."""
    header = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=10_000)
    return f"---\n{header}---\n\n{body.rstrip()}\n"


def meta_text(text: str) -> str:
    """Text for a page's metadata: one line, straight double quotes made typographic.

    Themes write ``description`` into an HTML attribute without escaping it (Material 9
    does), where a ``"`` would end the attribute; typographic quotes read the same.
    """
    flat = " ".join(text.split())
    return _QUOTED.sub("“\\1”", flat).replace('"', "”")


def attribution(content: Content, lang: str) -> dict[str, str]:
    """The footer of every page in ``lang``: source, licence and, on translations, a notice."""
    source = content.article.source
    text = content.article.it if lang == "it" else content.article.en
    wording = WORDING[lang]
    footer = {
        "label": wording.source,
        "author": source.author,
        "title": f"{wording.quotes[0]}{text.title}{wording.quotes[1]}",
        "url": learn_url(source.url_path, lang),
        "link_text": wording.original_article,
        "license_intro": wording.license,
        "license": source.license,
        "license_url": source.license_url,
    }
    if wording.translation:
        footer["translation"] = wording.translation
    return footer
