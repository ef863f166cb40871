"""The site's addresses: a contract with tickets, built in this one place.

A code's page is ``{lang}/{code slug}/`` (``it/0xc004f074/``) from the site's root; the
deep link for tickets is ``go/?code=<any form>&lang=it|en``, which hands a code the site
does not document to ``{lang}/go/?code=…``; a summary page of a large catalogue is
``{lang}/summary/0x8007/``; the page a missing address ends on is ``{lang}/404/``
(``?path=`` the address). Pages link each other through their Markdown
sources (``0xc004f074/index.md``), which every engine that reads ``mkdocs.yml`` turns into
the folder addresses above. Once published, none of these may change.
"""

from __future__ import annotations

from activation_kb.domain.codes import parse_code, slug

__all__ = [
    "ARTICLE_PATH",
    "GO_DIR",
    "NOT_FOUND_DIR",
    "PAGE_SOURCE",
    "SUMMARY_DIR",
    "code_dir",
    "code_source",
    "code_url",
    "go_source",
    "learn_url",
    "not_found_source",
    "summary_source",
]

PAGE_SOURCE = "index.md"
"""The Markdown file of a page within its folder; the landing page's is the language's."""

SUMMARY_DIR = "summary"
"""The folder of the summary pages, under each language."""

GO_DIR = "go"
"""The deep links' folder: at the site's root, the page that picks the language
(``go/?code=…&lang=…``); under each language, the page that says what a code it does not
document is (``it/go/?code=…``)."""

NOT_FOUND_DIR = "404"
"""The folder, under each language, of the page that the root ``404.html`` hands a missing
address to (``it/404/?path=/it/nothere/``). Code folders are ``0x…``: the names never meet."""

ARTICLE_PATH = "windows-server/get-started/activation-error-codes"
"""Where the source article is published on learn.microsoft.com, after the locale: the
CC BY attribution of every page links there (:func:`learn_url`)."""

_LEARN = "https://learn.microsoft.com"
_LOCALES = {"it": "it-it", "en": "en-us"}


def code_dir(code: str | int) -> str:
    """The folder of a code's page, which is its address segment: ``0xc004f074``, for the
    code in any accepted form or as its value."""
    return slug(code if isinstance(code, int) else parse_code(code))


def code_source(code: str | int, prefix: str = "") -> str:
    """The Markdown source of a code's page, as a link from a page ``prefix`` away
    (``../0xc004f074/index.md`` from another code's page)."""
    return f"{prefix}{code_dir(code)}/{PAGE_SOURCE}"


def code_url(code: str | int, lang: str, base_url: str = "") -> str:
    """A code's page from the site's root, ``it/0xc004f074/``; joined to ``base_url``
    (``https://kb.example/``) when one is given."""
    path = f"{lang}/{code_dir(code)}/"
    return f"{base_url.rstrip('/')}/{path}" if base_url else path


def summary_source(part: str) -> str:
    """The Markdown source of a summary page: ``summary/0x8007/index.md``."""
    return f"{SUMMARY_DIR}/{part}/{PAGE_SOURCE}"


def go_source() -> str:
    """The Markdown source of a language's ``go/`` page: ``go/index.md``."""
    return f"{GO_DIR}/{PAGE_SOURCE}"


def not_found_source() -> str:
    """The Markdown source of a language's 404 page: ``404/index.md``."""
    return f"{NOT_FOUND_DIR}/{PAGE_SOURCE}"


def learn_url(url_path: str, lang: str) -> str:
    """The public address of an article on learn.microsoft.com in ``lang``'s locale."""
    return f"{_LEARN}/{_LOCALES[lang]}/{url_path.strip('/')}"
