"""Corrections of Microsoft's Italian translation: kept apart from the imported text,
applied where the site shows it, each with a note (activation_kb.domain.corrections)."""

from __future__ import annotations

import json

from activation_kb.domain.corrections import field_path
from activation_kb.domain.model import Content
from activation_kb.render.codes_json import codes_json

# content/corrections.yaml corrects 0xC004F041's message, cut off by the translation.
CUT_OFF = "Per attivarlo,"
WHOLE = "Il server di gestione delle chiavi deve essere attivato."


def test_field_names_read_as_paths() -> None:
    assert field_path("summary_message") == ("summary_message",)
    assert field_path("more_info[1]") == ("more_info", 1)
    assert field_path("notes[0][2]") == ("notes", 0, 2)
    assert field_path("en.title") is None


def test_the_site_shows_the_corrected_italian_and_keeps_the_english(content: Content) -> None:
    record = content.record_of("0xC004F041")
    assert record is not None
    assert record.it.summary_message.endswith(WHOLE)
    assert record.it.full_message is not None and record.it.full_message.endswith(WHOLE)
    assert CUT_OFF not in record.it.summary_message
    assert record.en.summary_message.endswith("KMS needs to be activated.")


def test_the_code_page_lists_its_corrections_after_the_answer(
    rendered: dict[str, dict[str, str]],
) -> None:
    page = rendered["it"]["0xc004f041/index.md"]
    # After the resolution, so that the answer stays at the top.
    note = page.index('!!! info "Testo corretto in questa pagina"')
    assert note > page.index("{#resolution}")
    # Corrected in the summary and the full message alike: listed once.
    assert page.count(f"La traduzione di Microsoft dice «{CUT_OFF}»; qui: «{WHOLE}».") == 1
    assert "(https://learn.microsoft.com/en-us/windows-server/get-started/" in page[note:]
    assert "Testo corretto" not in rendered["en"]["0xc004f041/index.md"]


def test_the_italian_landing_page_lists_every_correction(
    rendered: dict[str, dict[str, str]],
) -> None:
    landing = rendered["it"]["index.md"]
    assert "## Correzioni alla traduzione {#corrections}" in landing
    assert f"- [0xC004F041](0xc004f041/index.md), `summary_message`: «{CUT_OFF}» → «{WHOLE}»" in (
        landing
    )
    assert "{#corrections}" not in rendered["en"]["index.md"]


def test_codes_json_lists_the_corrections_per_code_and_language(content: Content) -> None:
    entry = next(
        code for code in json.loads(codes_json(content))["codes"] if code["code"] == "0xC004F041"
    )
    fields = [item["field"] for item in entry["languages"]["it"]["corrections"]]
    assert fields == ["summary_message", "full_message"]
    first = entry["languages"]["it"]["corrections"][0]
    assert (first["source"], first["corrected"]) == (CUT_OFF, WHOLE)
    assert "KMS needs to be activated" in first["why"]
    assert entry["languages"]["it"]["message"].endswith(WHOLE)
    assert entry["languages"]["en"]["corrections"] == []
