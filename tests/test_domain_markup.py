"""The raw-HTML rule and the language-neutral tokens, on single strings."""

from __future__ import annotations

import pytest

from activation_kb.domain.markup import entities, raw_html, tokens, url_locales


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("a<br>b", ["<br>"]),
        ("a<BR/>b", ["<BR/>"]),
        ("uno </li>", ["</li>"]),
        ("<!-- nascosto -->", ["<!--"]),
        ("<!DOCTYPE html>", ["<!D"]),
        ("<div\nclass='x'>", ["<div\nclass='x'>"]),
        ('<custom-tag data-x="1">', ['<custom-tag data-x="1">']),
        ("<ID conferma onmouseover=alert(1)>", ["<ID conferma onmouseover=alert(1)>"]),
        ("<img src=" + "x" * 200, ["<img src=" + "x" * 51 + "…"]),
    ],
)
def test_real_tags_are_found(text: str, found: list[str]) -> None:
    assert raw_html(text) == found


@pytest.mark.parametrize(
    "text",
    [
        "esegui slmgr -ipk <chiave 5x5>",
        "con l'ID ricevuto, <ID conferma>",
        "<nome_host_Servizio_di_gestione_delle_chiavi>",
        "<hostname>",
        "<select all>",
        "vedi <https://learn.microsoft.com/it-it/>",
        "se a < b e b > c",
        "`<br>` e ``<script>`` in codice",
    ],
)
def test_placeholders_and_text_are_not_html(text: str) -> None:
    assert raw_html(text) == []


def test_entities_outside_code_spans() -> None:
    assert entities("Tipo di&nbsp;attivazione &lt;ID&gt; `&amp;` AT&T") == [
        "&nbsp;",
        "&lt;",
        "&gt;",
    ]


def test_tokens_ignore_placeholder_wording_and_link_locale() -> None:
    it = tokens(
        "Esegui `slmgr /atp <ID conferma>` (porta 1688, evento 12288, 10 volte, 0x80072EE2), "
        "vedi [DNS](https://learn.microsoft.com/it-it/windows-server/kms-dns)."
    )
    en = tokens(
        "Run `slmgr /atp <confirmation ID>` (port 1688, event 12288, 10 times, 0x80072EE2), "
        "see [DNS](https://learn.microsoft.com/en-us/windows-server/kms-dns)."
    )
    assert {kind: set(found) for kind, found in it.items()} == {
        "commands": {"slmgr /atp <>"},
        "numbers": {"1688", "12288"},
        "hex codes": {"0x80072EE2"},
        "URLs": {"https://learn.microsoft.com/windows-server/kms-dns"},
    }
    assert {kind: set(found) for kind, found in en.items()} == {
        kind: set(found) for kind, found in it.items()
    }
    assert it["commands"]["slmgr /atp <>"] == "`slmgr /atp <ID conferma>`"


def test_url_locales() -> None:
    assert url_locales("[a](https://learn.microsoft.com/en-us/x) https://aka.ms/y") == [
        ("https://learn.microsoft.com/en-us/x", "en-us")
    ]
