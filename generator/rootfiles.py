"""The files at the site's root, outside both languages: the language redirect and 404.

Plain, self-contained HTML (no asset, no network) so that they work whatever the engine.
"""

from __future__ import annotations

import html

from generator.loader import Content
from generator.model import LANGUAGES
from generator.wording import WORDING

__all__ = ["root_files"]

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
  location.replace(chosen + page + location.hash);
})();
"""

_STYLE = (
    "body{font-family:system-ui,sans-serif;margin:3rem auto;max-width:36rem;padding:0 1rem;"
    "line-height:1.5}a{color:#3f51b5}@media (prefers-color-scheme:dark){body{background:#1e2129;"
    "color:#e2e4e9}a{color:#8c9eff}}"
)


def _titles(content: Content) -> list[tuple[str, str]]:
    texts = {"it": content.article.it, "en": content.article.en}
    return [(lang, texts[lang].title) for lang in LANGUAGES]


def _page(title: str, head: str, body: str) -> str:
    return (
        f'<!doctype html>\n<html lang="{LANGUAGES[0]}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width,initial-scale=1">\n'
        f"<title>{html.escape(title)}</title>\n<style>{_STYLE}</style>\n{head}</head>\n"
        f"<body>\n{body}</body>\n</html>\n"
    )


def _choices(content: Content, prefix: str) -> str:
    items = "".join(
        f'<li><a href="{prefix}{lang}/" hreflang="{lang}" lang="{lang}">'
        f"{html.escape(title)}</a> ({html.escape(WORDING[lang].name)})</li>\n"
        for lang, title in _titles(content)
    )
    return f"<ul>\n{items}</ul>\n"


def root_files(content: Content) -> dict[str, str]:
    """``index.html`` (language redirect) and ``404.html``, by file name."""
    title = " · ".join(title for _, title in _titles(content))
    languages = "[" + ", ".join(f'"{lang}"' for lang in LANGUAGES) + "]"
    script = _REDIRECT % {"languages": languages}
    refresh = f'<meta http-equiv="refresh" content="0; url={LANGUAGES[0]}/">'
    fallback = f"<noscript>{refresh}</noscript>\n"
    index = _page(title, f"<script>{script}</script>\n{fallback}", _choices(content, ""))
    # A 404 page is served at any depth, so its links start at the server's root.
    missing = " · ".join(WORDING[lang].not_found for lang in LANGUAGES)
    body = f"<h1>{html.escape(missing)}</h1>\n{_choices(content, '/')}"
    return {"index.html": index, "404.html": _page(missing, "", body)}
