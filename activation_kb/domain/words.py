"""The fixed words of the site, ``go/``, ``kb lookup`` and the decoding, one table per language.

The words the source repeats for every code ("Possibile causa", "Nota"…) are content and
live in ``content/article.yaml`` (``labels``). What is here is ours, not the source's: the
attribution footer, the translation notice, link sentences, the labels of the help-desk
tools, of ``go/`` and of ``kb lookup``.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["PLACEHOLDER", "WORDS", "DecodingWords", "GoWords", "LookupWords", "Words"]

PLACEHOLDER = "0xC004F074, C004F074, 3221549172, -1073418124"
"""What a code box shows before anything is typed: the forms a code may take."""


@dataclass(frozen=True)
class GoWords:
    """The fixed words of ``go/index.html``."""

    title: str
    code_label: str
    placeholder: str
    language_label: str
    automatic: str
    open: str
    closest: str
    all_codes: str
    code_column: str
    quotes: tuple[str, str]
    unknown: str
    malformed: str
    failed: str
    """When the files of codes do not load (a site copied in part, a stale cache)."""
    reasons: dict[str, str]
    """Italian for the reasons of ``parse_code``, by kb-codes.js's key; English uses the
    reason itself."""


@dataclass(frozen=True)
class LookupWords:
    """The fixed words of ``kb lookup``'s answer."""

    message: str
    page: str
    decoding: str
    unknown: str
    did_you_mean: str
    closest: str


@dataclass(frozen=True)
class DecodingWords:
    """The labels and notes of a code's decoding (:mod:`activation_kb.domain.hresult`)."""

    value: str
    unsigned: str
    signed: str
    severity: str
    failure: str
    success: str
    bits: str
    facility: str
    unknown_facility: str
    code: str
    win32: str
    note: str
    r_note: str
    c_note: str
    n_note: str
    x_note: str


@dataclass(frozen=True)
class Words:
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
    search_unknown: str
    """The search's first result for a code the site does not document; ``{code}`` is it."""
    search_unknown_teaser: str
    """What that result's link (``go/``) shows."""
    alerts: dict[str, str]
    """Titles of callouts by kind (``note``, ``tip``…); on pages ``labels.note`` of the
    content titles notes."""
    go: GoWords
    """The words of ``go/`` and of the 404 page's rescue."""
    lookup: LookupWords
    """The words of ``kb lookup``'s answer."""
    hresult: DecodingWords
    """The labels of a code's decoding, on pages, in ``kb lookup`` and ``codes.json``."""


WORDS: dict[str, Words] = {
    "it": Words(
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
        search_unknown="{code} non è in questa knowledge base",
        search_unknown_teaser=(
            "La sua decodifica e i codici documentati più vicini, prima quelli della stessa"
            " facility."
        ),
        alerts={
            "note": "Nota",
            "tip": "Suggerimento",
            "important": "Importante",
            "warning": "Avviso",
            "caution": "Attenzione",
        },
        go=GoWords(
            title="Vai al codice",
            code_label="Codice di errore, in qualsiasi forma",
            placeholder=PLACEHOLDER,
            language_label="Lingua",
            automatic="automatica",
            open="Apri",
            closest="Codici più vicini",
            all_codes="Tutti i codici",
            code_column="Codice",
            quotes=("«", "»"),
            unknown="{input} è il codice {code} (decimale {unsigned}, con segno {signed}),"
            " che non è in questa knowledge base.",
            malformed="{input} non è un codice di errore: {reason}.",
            failed="L'elenco dei codici non si è caricato: i collegamenti qui sotto portano a"
            " tutti i codici.",
            reasons={
                "empty": "il codice è vuoto",
                "no-digits": "dopo 0x non ci sono cifre esadecimali",
                "not-hex": "«{detail}» non è una cifra esadecimale",
                "too-long": "dopo 0x ci sono al massimo 8 cifre esadecimali, non {detail}",
                "too-negative": "un codice negativo è almeno -2147483648",
                "too-large": "un codice decimale è al massimo 4294967295",
                "bare-length": "senza 0x un codice esadecimale ha esattamente 8 cifre,"
                " non {detail}",
                "expected": "serve un esadecimale (0xC004F074 o C004F074)"
                " o un decimale (3221549172 o -1073418124)",
            },
        ),
        lookup=LookupWords(
            message="Messaggio",
            page="Pagina",
            decoding="Decodifica",
            unknown="{code} non è presente in questa knowledge base.",
            did_you_mean="Forse intendevi {code}?",
            closest="Codici noti più vicini",
        ),
        hresult=DecodingWords(
            value="Valore",
            unsigned="Decimale senza segno",
            signed="Decimale con segno",
            severity="Gravità",
            failure="errore (bit 31 = 1)",
            success="successo (bit 31 = 0)",
            bits="Bit R C N X",
            facility="Facility",
            unknown_facility="facility sconosciuta",
            code="Codice",
            win32="Errore Win32",
            note="Nota",
            r_note="il bit 30 (R) è impostato, mentre MS-ERREF lo riserva negli HRESULT; letti"
            " come NTSTATUS, i bit 31-30 indicano STATUS_SEVERITY_{sev}. Qui il codice è letto come"
            " HRESULT.",
            c_note="il bit 29 (C) è impostato: un codice definito da terzi, non da Microsoft,"
            " quindi i nomi di winerror.h non valgono.",
            n_note="il bit 28 (N) è impostato: un NTSTATUS convertito in HRESULT;"
            " l'NTSTATUS è {nt}.",
            x_note="il bit 27 (X) è impostato, mentre MS-ERREF prevede che sia 0.",
        ),
    ),
    "en": Words(
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
        search_unknown="{code} is not in this knowledge base",
        search_unknown_teaser=(
            "Its decoding, and the documented codes closest to it, those of the same facility"
            " first."
        ),
        alerts={
            "note": "Note",
            "tip": "Tip",
            "important": "Important",
            "warning": "Warning",
            "caution": "Caution",
        },
        go=GoWords(
            title="Go to a code",
            code_label="Error code, in any form",
            placeholder=PLACEHOLDER,
            language_label="Language",
            automatic="automatic",
            open="Open",
            closest="Closest known codes",
            all_codes="All codes",
            code_column="Code",
            quotes=("“", "”"),
            unknown="{input} is code {code} (decimal {unsigned}, signed {signed}),"
            " which is not in this knowledge base.",
            malformed="{input} is not an error code: {reason}.",
            failed="The list of codes did not load: the links below lead to every code.",
            reasons={},
        ),
        lookup=LookupWords(
            message="Message",
            page="Page",
            decoding="Decoding",
            unknown="{code} is not in this knowledge base.",
            did_you_mean="Did you mean {code}?",
            closest="Closest known codes",
        ),
        hresult=DecodingWords(
            value="Value",
            unsigned="Unsigned decimal",
            signed="Signed decimal",
            severity="Severity",
            failure="failure (bit 31 = 1)",
            success="success (bit 31 = 0)",
            bits="R C N X bits",
            facility="Facility",
            unknown_facility="unknown facility",
            code="Code",
            win32="Win32 error",
            note="Note",
            r_note="bit 30 (R) is set, which MS-ERREF reserves in an HRESULT; read as an NTSTATUS,"
            " bits 31-30 give STATUS_SEVERITY_{sev}. Shown here as an HRESULT.",
            c_note="bit 29 (C) is set: a customer-defined code, not Microsoft's, so winerror.h"
            " names do not apply.",
            n_note="bit 28 (N) is set: an NTSTATUS mapped to an HRESULT; the NTSTATUS is {nt}.",
            x_note="bit 27 (X) is set, which MS-ERREF says should be 0.",
        ),
    ),
}
