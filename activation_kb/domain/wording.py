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
    """Markdown note on codes the diagnostic tool supports: ``{tool}`` is the tool's
    download link, ``{section}`` the landing page's section, ``{title}`` its title."""
    related_codes: str
    """Heading of the section that lists codes sharing a cause or resolution."""
    decoding: str
    """Title of the panel that decodes the code as an HRESULT."""
    decoding_columns: tuple[str, str]
    """Column headers of the decoding panel."""
    type_link_title: str
    """Tooltip of an activation type on a code page: it opens the filtered summary table."""
    filter_label: str
    """Label of the activation-type filter above the summary table."""
    filter_all: str
    """The filter button that shows every code."""
    filter_status: str
    """How many rows the filter shows; ``{shown}`` and ``{total}`` are numbers."""
    also_shown_as: str
    """Label of the other spellings of a code, under its title (they are searchable too)."""
    summary_parts: str
    """Sentence before the list of summary pages (a catalogue too large for one table)."""
    codes_count: str
    """How many codes a summary page lists; ``{count}`` is the number."""
    causes_on_code_pages: str
    """The causes section of the landing page when the codes are on summary pages."""
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
            "Questo codice di errore è supportato dall'Assistente di supporto e ripristino di"
            " Microsoft: [scarica lo strumento di diagnostica]({tool}). Lo strumento prova ad"
            " attivare Windows e, se riceve questo codice, propone una soluzione mirata."
            " Vedi anche [{title}]({section})."
        ),
        related_codes="Codici correlati",
        decoding="Decodifica del codice (HRESULT)",
        decoding_columns=("Campo", "Contenuto"),
        type_link_title="Mostra nella tabella di riepilogo i codici di questo tipo",
        filter_label="Tipo di attivazione:",
        filter_all="Tutti",
        filter_status="{shown} codici su {total}",
        also_shown_as="Noto anche come",
        summary_parts="I codici sono elencati nelle pagine seguenti, raggruppati per facility.",
        codes_count="{count} codici",
        causes_on_code_pages=(
            "Ogni codice ha la sua pagina, con la possibile causa e la risoluzione: "
            "aprila dal riepilogo."
        ),
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
        diagnostic_tool=(
            "Microsoft Support and Recovery Assistant supports this error code:"
            " [download the diagnostic tool]({tool}). The tool tries to activate Windows and,"
            " if it gets this code, offers a targeted solution. See also [{title}]({section})."
        ),
        related_codes="Related codes",
        decoding="Code decoding (HRESULT)",
        decoding_columns=("Field", "Content"),
        type_link_title="Show the codes of this type in the summary table",
        filter_label="Activation type:",
        filter_all="All",
        filter_status="{shown} of {total} codes",
        also_shown_as="Also shown as",
        summary_parts="The codes are listed on the following pages, grouped by facility.",
        codes_count="{count} codes",
        causes_on_code_pages=(
            "Each code has its own page, with the possible cause and the resolution: "
            "open it from the summary."
        ),
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
