"""Our own fixed words on the pages, in each language.

The words the source repeats for every code ("Possibile causa", "Nota"…) are content and
live in ``content/article.yaml`` (``labels``). What is here is ours, not the source's: the
attribution footer, the translation notice and a few link sentences.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["WORDING", "Wording", "learn_url"]

_LEARN = "https://learn.microsoft.com"
_LOCALES = {"it": "it-it", "en": "en-us"}


@dataclass(frozen=True)
class Wording:
    """The fixed words of one language."""

    name: str
    """The language's own name, in the language switch ("Italiano")."""
    not_found: str
    """Title of the page shown for an address that is not on the site."""
    source: str
    """Label before the attribution ("Fonte")."""
    quotes: tuple[str, str]
    """Quotation marks around an article's title."""
    original_article: str
    """Text of the link to the article on learn.microsoft.com."""
    license: str
    """Words before the licence link."""
    translation: str | None
    """Notice that the text is our translation; ``None`` for the source's language."""
    diagnostic_tool: str
    """Markdown sentence for codes the diagnostic tool supports; ``{url}`` is its section."""
    see_also: str
    """Label of the related codes."""
    alerts: dict[str, str]
    """Titles of callouts other than notes (``labels.note`` titles notes)."""


WORDING: dict[str, Wording] = {
    "it": Wording(
        name="Italiano",
        not_found="Pagina non trovata",
        source="Fonte",
        quotes=("«", "»"),
        original_article="articolo originale",
        license="licenza",
        translation=None,
        diagnostic_tool=(
            "Questo codice di errore è supportato dallo [strumento di diagnostica]({url})."
        ),
        see_also="Vedi anche",
        alerts={
            "tip": "Suggerimento",
            "important": "Importante",
            "warning": "Avviso",
            "caution": "Attenzione",
        },
    ),
    "en": Wording(
        name="English",
        not_found="Page not found",
        source="Source",
        quotes=("“", "”"),
        original_article="original article",
        license="licensed under",
        translation=(
            "English text: translation by this project of the Italian original; "
            "it is not Microsoft's English article."
        ),
        diagnostic_tool="The [diagnostic tool]({url}) supports this error code.",
        see_also="See also",
        alerts={
            "tip": "Tip",
            "important": "Important",
            "warning": "Warning",
            "caution": "Caution",
        },
    ),
}


def learn_url(url_path: str, lang: str) -> str:
    """The public address of an article on learn.microsoft.com in ``lang``'s locale."""
    return f"{_LEARN}/{_LOCALES[lang]}/{url_path.strip('/')}"
