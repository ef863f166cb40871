"""The fixed words of ``go/index.html`` in each language (:mod:`activation_kb.render.go`)."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["PLACEHOLDER", "WORDS"]


@dataclass(frozen=True)
class _Words:
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


PLACEHOLDER = "0xC004F074, C004F074, 3221549172, -1073418124"

WORDS = {
    "it": _Words(
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
            "bare-length": "senza 0x un codice esadecimale ha esattamente 8 cifre, non {detail}",
            "expected": "serve un esadecimale (0xC004F074 o C004F074)"
            " o un decimale (3221549172 o -1073418124)",
        },
    ),
    "en": _Words(
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
}
