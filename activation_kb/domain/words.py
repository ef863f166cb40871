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
    """The fixed words of ``go/`` (the deep links' page of each language), of the 404 page
    and of the code box on the landing page."""

    title: str
    """The ``go/`` page's title, and the code box's label on the landing page."""
    description: str
    """The ``go/`` page's meta description."""
    code_label: str
    placeholder: str
    open: str
    closest: str
    all_codes: str
    """The sentence that links the summary table, which lists every documented code:
    ``{summary}`` is the link."""
    search: str
    """The link that opens the search (on the 404 page, or before a code is given)."""
    search_for: str
    """The same, with the text the reader gave: ``{input}``, quoted."""
    quotes: tuple[str, str]
    unknown_title: str
    """The title of ``go/`` for a code the site does not document."""
    unknown: str
    """``{code}``: the code as written on pages (0xC004F074), typed so by the reader."""
    unknown_typed: str
    """The same when the reader wrote it otherwise (``{input}``: what was typed, quoted)."""
    malformed_title: str
    malformed: str
    failed: str
    """When the files of codes do not load (a site copied in part, a stale cache)."""
    reasons: dict[str, str]
    """Italian for the reasons of ``parse_code``, by kb-codes.js's key; English uses the
    reason itself."""
    missing: str
    """The 404 page's sentence, without the address (before, or without, JavaScript)."""
    missing_at: str
    """The same with the address asked for: ``{path}``, quoted."""
    missing_description: str
    """The 404 page's meta description."""
    code_intro: str
    """On the 404 page, before the code box."""


@dataclass(frozen=True)
class LookupWords:
    """The fixed words of ``kb lookup``'s answer."""

    message: str
    page: str
    decoding: str
    unknown: str
    did_you_mean: str
    """A documented code that differs only in severity (0xC004F065 for 0x4004F065)."""
    closest: str


@dataclass(frozen=True)
class DecodingWords:
    """The labels, values and notes of a code's decoding (:mod:`activation_kb.domain.hresult`),
    in words for an administrator; the bit flags stay in one row and the notes."""

    value: str
    severity: str
    failure: str
    """Bit 31 set."""
    success: str
    """Bits 31 and 30 clear."""
    information: str
    """Bit 31 clear, bit 30 set: an informational code (``SL_I_*``, 0x4004xxxx)."""
    facility: str
    no_facility_name: str
    customer_facility: str
    """A facility of another vendor (bit 29, C, set): Windows' names do not apply."""
    facility_about: dict[int, str]
    """What a few facilities hold, in plain words, after their names."""
    code: str
    win32: str
    names: str
    unsigned: str
    signed: str
    bits: str
    note: str
    r_note: str
    """Bit 30 set: ``{sev}`` is the NTSTATUS severity of bits 31-30 (ERROR…)."""
    c_note: str
    erref_note: str
    """Bit 27 or 28 set: MS-ERREF reads flags ``{x}`` and ``{n}`` and facility ``{erref}``
    where winerror.h reads facility ``{facility}``."""
    n_note: str
    """Bit 28 set: ``{nt}`` is the NTSTATUS."""


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
    text_notice: str
    """What the text of a page is, in the footer: Microsoft's translation, or ours checked
    against Microsoft's English original."""
    corrected_notice: tuple[str, str]
    """The same for a page that shows one, or ``{count}`` several, corrections of Microsoft's
    translation (English, never corrected, says what ``text_notice`` says)."""
    correction_title: str
    """Title of the note, after a code page's resolution, that lists its corrections."""
    correction: str
    """One correction in that note: ``{source}`` is Microsoft's wording, ``{corrected}``
    the wording shown instead."""
    correction_checked: str
    """The note's last sentence: ``{url}`` is the English original."""
    corrections_title: str
    """Heading of the landing page's list of every correction."""
    corrections_intro: str
    """Sentence before that list: ``{count}`` corrections, ``{url}`` the English original."""
    diagnostic_tool: str
    """Markdown note on codes the diagnostic tool supports: ``{tool}`` is the tool's
    download link, ``{section}`` the landing page's section, ``{title}`` its title."""
    related_codes: str
    """Heading of the section that lists codes sharing a cause or resolution."""
    decoding: str
    """Title of the collapsed panel that decodes the code as an HRESULT."""
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
    also_known_as: str
    """Before the names of a code (``SL_E_…``, ``E_ACCESSDENIED``), under its title."""
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
        text_notice="Testo italiano: traduzione di Microsoft.",
        corrected_notice=(
            "Testo italiano: traduzione di Microsoft, con una correzione segnalata in questa"
            " pagina e confrontata con l'originale inglese.",
            "Testo italiano: traduzione di Microsoft, con {count} correzioni segnalate in"
            " questa pagina e confrontate con l'originale inglese.",
        ),
        correction_title="Testo corretto in questa pagina",
        correction="La traduzione di Microsoft dice «{source}»; qui: «{corrected}».",
        correction_checked=(
            "Corretto confrontandolo con l'[articolo originale inglese di Microsoft]({url})."
        ),
        corrections_title="Correzioni alla traduzione",
        corrections_intro=(
            "Il testo italiano è la traduzione di Microsoft. In {count} punti dice altro"
            " rispetto all'[articolo originale inglese]({url}): qui e nelle pagine dei codici"
            " compare il testo corretto, con una nota."
        ),
        diagnostic_tool=(
            "Questo codice di errore è supportato dall'Assistente di supporto e ripristino di"
            " Microsoft: [scarica lo strumento di diagnostica]({tool}). Lo strumento prova ad"
            " attivare Windows e, se riceve questo codice, propone una soluzione mirata."
            " Vedi anche [{title}]({section})."
        ),
        related_codes="Codici correlati",
        decoding="Dettagli tecnici del codice",
        decoding_columns=("Campo", "Contenuto"),
        type_link_title="Mostra nella tabella di riepilogo i codici di questo tipo",
        filter_label="Tipo di attivazione:",
        filter_all="Tutti",
        filter_status="{shown} codici su {total}",
        also_shown_as="Scritto anche come",
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
            description="Apri la pagina di un codice di errore di attivazione di Windows, scritto"
            " in qualsiasi forma; un codice che non è qui viene decodificato.",
            code_label="Codice di errore, in qualsiasi forma",
            placeholder=PLACEHOLDER,
            open="Apri",
            closest="Codici documentati della stessa facility",
            all_codes="Tutti i codici documentati sono elencati in {summary}.",
            search="Cerca nella knowledge base",
            search_for="Cerca {input} nella knowledge base",
            quotes=("«", "»"),
            unknown_title="Codice non trovato",
            unknown="Il codice {code} non è in questa knowledge base.",
            unknown_typed="{input} è il codice {code}, che non è in questa knowledge base.",
            malformed_title="Codice non valido",
            malformed="{input} non è un codice di errore: {reason}.",
            failed="L'elenco dei codici non si è caricato: la tabella di riepilogo, collegata"
            " qui sotto, elenca tutti i codici.",
            reasons={
                "empty": "il codice è vuoto",
                "no-digits": "dopo 0x non ci sono cifre esadecimali",
                "not-hex": "«{detail}» non è una cifra esadecimale",
                "too-long": "dopo 0x ci sono al massimo 8 cifre esadecimali oltre agli zeri"
                " iniziali, non {detail}",
                "too-negative": "un codice negativo è almeno -2147483648",
                "too-large": "un codice decimale è al massimo 4294967295",
                "bare-length": "senza 0x un codice esadecimale ha esattamente 8 cifre,"
                " non {detail}",
                "expected": "serve un esadecimale (0xC004F074 o C004F074)"
                " o un decimale (3221549172 o -1073418124)",
            },
            missing="Questo indirizzo non corrisponde a nessuna pagina del sito.",
            missing_at="L'indirizzo {path} non corrisponde a nessuna pagina del sito.",
            missing_description="La pagina cercata non è in questo sito: cerca un codice di"
            " errore o apri la tabella di riepilogo.",
            code_intro="Cerchi un codice di errore? Scrivilo qui:",
        ),
        lookup=LookupWords(
            message="Messaggio",
            page="Pagina",
            decoding="Decodifica",
            unknown="{code} non è presente in questa knowledge base.",
            did_you_mean="Forse intendevi {code}? Cambia solo la gravità.",
            closest="Codici documentati della stessa facility",
        ),
        hresult=DecodingWords(
            value="Valore",
            severity="Gravità",
            failure="Errore (esito negativo)",
            success="Esito positivo (non è un errore)",
            information="Informazione (non è un errore)",
            facility="Facility",
            no_facility_name="senza nome negli header di Windows",
            customer_facility="definita da un altro produttore, non da Microsoft",
            facility_about={
                0: "codici generici",
                1: "chiamate di procedura remota, RPC",
                4: "codici propri di un'interfaccia, tra cui quelli del servizio Software"
                " Licensing",
                7: "un codice di errore di Windows (Win32) riportato come HRESULT",
                9: "sicurezza: autenticazione e crittografia",
            },
            code="Codice",
            win32="Errore Win32",
            names="Nomi",
            unsigned="Decimale senza segno",
            signed="Decimale con segno",
            bits="Bit di flag S R C N X (MS-ERREF)",
            note="Nota",
            r_note="Il bit 30 è impostato, come nei codici di Software Licensing (0xC004…,"
            " 0x4004…). MS-ERREF lo riserva (R) negli HRESULT; letti come NTSTATUS, i bit 31"
            " e 30 indicano STATUS_SEVERITY_{sev}. La gravità indicata sopra è quella del"
            " bit 31, come la leggono gli header di Windows.",
            c_note="Il bit 29 (C) è impostato: un codice definito da un altro produttore, non"
            " da Microsoft, quindi i nomi di Windows non valgono.",
            erref_note="MS-ERREF legge questo codice in modo diverso: i bit 27 e 28 sono i suoi"
            " flag X e N (qui X={x}, N={n}), quindi per MS-ERREF la facility è nei soli bit"
            " 16-26: {erref}. Gli header di Windows (winerror.h, seguito qui) li contano"
            " nella facility: {facility}.",
            n_note="Il bit 28 è impostato: per MS-ERREF un codice NTSTATUS convertito in"
            " HRESULT (HRESULT_FROM_NT); l'NTSTATUS è {nt}.",
        ),
        also_known_as="Noto anche come",
    ),
    "en": Words(
        name="English",
        not_found="Page not found",
        source="Source",
        quotes=("“", "”"),
        original_article="original article",
        license="licensed under",
        text_notice=(
            "English text: this project's translation, checked against Microsoft's English"
            " original."
        ),
        corrected_notice=(
            "English text: this project's translation, checked against Microsoft's English"
            " original.",
        )
        * 2,
        correction_title="Text corrected on this page",
        correction="Microsoft's translation says “{source}”; here: “{corrected}”.",
        correction_checked="Corrected against [Microsoft's English original]({url}).",
        corrections_title="Corrections of the translation",
        corrections_intro=(
            "The Italian text is Microsoft's translation. In {count} places it says something"
            " other than the [English original]({url}): the Italian pages show the corrected"
            " text, with a note."
        ),
        diagnostic_tool=(
            "Microsoft Support and Recovery Assistant supports this error code:"
            " [download the diagnostic tool]({tool}). The tool tries to activate Windows and,"
            " if it gets this code, offers a targeted solution. See also [{title}]({section})."
        ),
        related_codes="Related codes",
        decoding="Technical details of the code",
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
            description="Open the page of a Windows activation error code written in any form;"
            " a code that is not here is decoded.",
            code_label="Error code, in any form",
            placeholder=PLACEHOLDER,
            open="Open",
            closest="Documented codes of the same facility",
            all_codes="Every documented code is listed in {summary}.",
            search="Search the knowledge base",
            search_for="Search the knowledge base for {input}",
            quotes=("“", "”"),
            unknown_title="Code not found",
            unknown="Code {code} is not in this knowledge base.",
            unknown_typed="{input} is code {code}, which is not in this knowledge base.",
            malformed_title="Not an error code",
            malformed="{input} is not an error code: {reason}.",
            failed="The list of codes did not load: the summary table, linked below, lists"
            " every code.",
            reasons={},
            missing="There is no page at this address on the site.",
            missing_at="There is no page at {path} on the site.",
            missing_description="The page asked for is not on this site: look for an error"
            " code or open the summary table.",
            code_intro="Looking for an error code? Type it here:",
        ),
        lookup=LookupWords(
            message="Message",
            page="Page",
            decoding="Decoding",
            unknown="{code} is not in this knowledge base.",
            did_you_mean="Did you mean {code}? Only the severity differs.",
            closest="Documented codes of the same facility",
        ),
        hresult=DecodingWords(
            value="Value",
            severity="Severity",
            failure="Error (failure)",
            success="Success (not an error)",
            information="Information (not an error)",
            facility="Facility",
            no_facility_name="no name in Windows' headers",
            customer_facility="defined by another vendor, not Microsoft",
            facility_about={
                0: "general codes",
                1: "remote procedure calls, RPC",
                4: "interface-specific codes, among them the Software Licensing Service's",
                7: "a Windows (Win32) error code carried as an HRESULT",
                9: "security: authentication and cryptography",
            },
            code="Code",
            win32="Win32 error",
            names="Names",
            unsigned="Unsigned decimal",
            signed="Signed decimal",
            bits="Flag bits S R C N X (MS-ERREF)",
            note="Note",
            r_note="Bit 30 is set, as in the Software Licensing codes (0xC004…, 0x4004…)."
            " MS-ERREF reserves it (R) in an HRESULT; read as an NTSTATUS, bits 31 and 30 give"
            " STATUS_SEVERITY_{sev}. The severity above is bit 31's, as Windows' headers read"
            " it.",
            c_note="Bit 29 (C) is set: a code defined by another vendor, not Microsoft, so"
            " Windows' names do not apply.",
            erref_note="MS-ERREF reads this code differently: bits 27 and 28 are its X and N"
            " flags (here X={x}, N={n}), so its facility is bits 16-26 only: {erref}. Windows'"
            " headers (winerror.h, followed here) count them in the facility: {facility}.",
            n_note="Bit 28 is set: for MS-ERREF an NTSTATUS code turned into an HRESULT"
            " (HRESULT_FROM_NT); the NTSTATUS is {nt}.",
        ),
        also_known_as="Also known as",
    ),
}
