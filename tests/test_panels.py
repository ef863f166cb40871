"""The help-desk blocks of the pages (activation_kb.render.panels), on the real content."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from activation_kb.domain.model import LANGUAGES, ActivationType, ArticleText, CodeRecord, Content
from activation_kb.render.panels import (
    decoding_panel,
    decoding_table,
    diagnostic_tool_note,
    diagnostic_tool_url,
    related_section,
    type_cell,
    type_filter,
)
from tests.documented import expected_names

CONTENT = Path(__file__).resolve().parent.parent / "content"
SOURCE = CONTENT / "sources" / "activation-error-codes.it-it.md"
SARA = "https://aka.ms/SaRA-WindowsActivation"


def record(content: Content, code: str) -> CodeRecord:
    (found,) = [r for r in content.records if r.canonical == code]
    return found


def article(content: Content, lang: str) -> ArticleText:
    return content.article.it if lang == "it" else content.article.en


def tool_codes_in_source() -> set[str]:
    """The codes the source lists under its diagnostic tool, read from the article itself."""
    text = SOURCE.read_text("utf-8")
    sentence = re.search(r"Sono supportati i codici di errore seguenti:([^\n]*)", text)
    assert sentence, "the source's list of supported codes was not found"
    return {code.upper().replace("0X", "0x") for code in re.findall(r"0x[0-9A-F]{8}", sentence[1])}


def row(label: str, value: str) -> str:
    """A row of the decoding's table: its label heads it."""
    return f'<tr><th scope="row">{label}</th><td>{value}</td></tr>'


def test_decoding_panel_of_a_win32_code_names_the_error(content: Content) -> None:
    # 0x8007232A: FACILITY_WIN32 (7), code 0x232A = 9002, DNS_ERROR_RCODE_SERVER_FAILURE.
    panel = decoding_panel(record(content, "0x8007232A"), "en")
    # pymdownx.details' HTML: a collapsed block, written as HTML for its row headers.
    assert panel.startswith(
        '<details class="abstract kb-decoding">\n<summary>Technical details of the code</summary>'
    )
    assert panel.endswith("</table>\n</details>")
    assert '<thead><tr><th scope="col">Field</th><th scope="col">Content</th></tr></thead>' in panel
    rows = panel.splitlines()
    assert row("Unsigned decimal", "2147951402") in rows
    assert row("Signed decimal", "-2147015894") in rows
    assert row("Severity", "Error (failure)") in rows
    assert (
        row("Facility", "7 FACILITY_WIN32 (a Windows (Win32) error code carried as an HRESULT)")
        in rows
    )
    assert row("Win32 error", "9002 DNS_ERROR_RCODE_SERVER_FAILURE") in rows
    assert row("Names", "DNS_ERROR_RCODE_SERVER_FAILURE") in rows


def test_decoding_panel_in_italian(content: Content) -> None:
    panel = decoding_panel(record(content, "0xC004F074"), "it")
    assert "<summary>Dettagli tecnici del codice</summary>" in panel
    assert row("Decimale con segno", "-1073418124") in panel
    assert row("Nomi", "SL_E_VL_BINDING_SERVICE_UNAVAILABLE") in panel
    assert row("Codice", "0xF074 (61556)") in panel
    assert "Errore Win32" not in panel  # not a FACILITY_WIN32 code


def test_decoding_panel_escapes_its_text() -> None:
    table = decoding_table("en", [("<b>", "a & b")])
    assert row("&lt;b&gt;", "a &amp; b") in table


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_code_page_answers_first_and_decodes_last(
    content: Content, rendered: dict[str, dict[str, str]], lang: str
) -> None:
    # Message, cause, resolution; then the tool, the activation types, the related codes;
    # the decoding last, collapsed, before the link back to the summary.
    for item in content.records:
        page = rendered[lang][f"{item.code.lower()}/index.md"]
        assert page.count("kb-decoding") == 1
        order = [
            page.index("\n> "),  # the message
            page.index("{#possible-cause}"),
            page.index("{#resolution}"),
            page.find("kb-diagnostic-tool"),
            page.index("{#activation-types}"),
            page.find("{#related-codes}"),
            page.index('<details class="abstract kb-decoding">'),
            page.index("[← "),
        ]
        present = [place for place in order if place >= 0]
        assert present == sorted(present), item.code
        assert '<details class="abstract kb-decoding" open' not in page


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_code_page_names_the_code_under_its_title(
    content: Content, rendered: dict[str, dict[str, str]], lang: str
) -> None:
    label = "Noto anche come" if lang == "it" else "Also known as"
    for item in content.records:
        page = rendered[lang][f"{item.code.lower()}/index.md"]
        _, after = page.split(f"{{#{item.anchor}}}\n\n", 1)
        expected = expected_names(int(item.canonical, 16))
        if not expected:
            assert label not in page, item.code
            continue
        spans = " · ".join(f"`{name}`" for name in expected)
        assert after.startswith(f"{label} {spans}\n{{: .kb-aliases .kb-names }}\n\n"), item.code


def test_the_tool_link_comes_from_the_article(content: Content) -> None:
    for lang in LANGUAGES:
        assert diagnostic_tool_url(article(content, lang)) == SARA


def test_without_a_tool_link_the_note_links_the_section(content: Content) -> None:
    text = article(content, "en").model_copy(update={"diagnostic_tool": "No address here."})
    assert diagnostic_tool_url(text) is None
    note = diagnostic_tool_note(text, "../index.md#diagnostic-tool", "en")
    assert "(../index.md#diagnostic-tool)" in note and "http" not in note


@pytest.mark.parametrize("lang", LANGUAGES)
def test_exactly_the_source_s_five_codes_carry_the_tool_note(
    content: Content, rendered: dict[str, dict[str, str]], lang: str
) -> None:
    expected = tool_codes_in_source()
    assert len(expected) == 5
    with_note = {
        item.canonical
        for item in content.records
        if "kb-diagnostic-tool" in rendered[lang][f"{item.code.lower()}/index.md"]
    }
    assert with_note == expected
    page = rendered[lang]["0xc004f074/index.md"]
    title = article(content, lang).diagnostic_tool_title
    assert f'!!! tip kb-diagnostic-tool "{title}"' in page
    assert f"]({SARA})" in page and "](../index.md#diagnostic-tool)" in page


@pytest.mark.parametrize("lang", LANGUAGES)
def test_activation_types_link_to_the_filtered_summary_table(
    content: Content, rendered: dict[str, dict[str, str]], lang: str
) -> None:
    page = rendered[lang]["0x80070005/index.md"]
    section = page.split("{#activation-types}", 1)[1].split("\n## ", 1)[0]
    labels = article(content, lang).labels.activation_types
    links = re.findall(r"^- \[([^\]]+)\]\(([^ )]+) \"[^\"]+\"\)$", section, re.M)
    assert links == [
        (labels[kind], f"../index.md?type={kind.value}#summary-of-error-codes")
        for kind in (ActivationType.MAK, ActivationType.KMS_CLIENT, ActivationType.KMS_HOST)
    ]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_related_codes_list_each_related_code_with_its_title(content: Content, lang: str) -> None:
    for item in content.records:
        section = related_section(content, item, lang)
        if not item.related:
            assert section is None
            continue
        assert section is not None
        heading, _, body = section.partition("\n\n")
        expected_heading = "Codici correlati" if lang == "it" else "Related codes"
        assert heading == f"## {expected_heading} {{#related-codes}}"
        linked = re.findall(
            r"^- \[(0x[0-9A-Fa-f]{8}) (.+)\]\(\.\./(0x[0-9a-f]{8})/index\.md\)$", body, re.M
        )
        assert {code.upper().replace("0X", "0x") for code, _, _ in linked} == set(item.related)
        for code, title, slug in linked:
            other = record(content, code.upper().replace("0X", "0x"))
            assert slug == other.canonical.lower()
            assert title == (other.it if lang == "it" else other.en).title


def test_type_cell_carries_the_types_for_the_filter(content: Content) -> None:
    cell = type_cell(article(content, "it"), record(content, "0xC004F050"))
    assert cell.startswith('<span class="kb-types" data-kb-types="mak kms kms-client">')
    assert "MAK<br>Servizio di gestione delle chiavi<br>Client del Servizio" in cell


@pytest.mark.parametrize("lang", LANGUAGES)
def test_filter_controls_are_hidden_until_the_script_runs(content: Content, lang: str) -> None:
    controls = type_filter(article(content, lang), lang)
    first, *_ = controls.splitlines()
    assert first.startswith('<div class="kb-filter"') and first.endswith(" hidden>")
    labels = article(content, lang).labels.activation_types
    buttons = re.findall(r'data-kb-type="([^"]*)" aria-pressed="(\w+)">([^<]*)</button>', controls)
    assert [(kind, text) for kind, _, text in buttons[:3]] == [
        ("mak", labels[ActivationType.MAK]),
        ("kms-client", labels[ActivationType.KMS_CLIENT]),
        ("kms-host", labels[ActivationType.KMS_HOST]),
    ]
    assert buttons[3][:2] == ("", "true")
    assert ' id="' not in controls  # nothing that could repeat an id of the page


def test_landing_page_puts_the_filter_between_heading_and_table(
    rendered: dict[str, dict[str, str]],
) -> None:
    page = rendered["en"]["index.md"]
    heading = page.index("{#summary-of-error-codes}")
    controls = page.index('<div class="kb-filter"')
    table = page.index("| Error code | Error message | Activation type |")
    assert heading < controls < table
    # A raw HTML block needs blank lines around it, or Python-Markdown swallows the table.
    assert '</div>\n\n<p class="kb-filter-print" data-search-exclude></p>\n\n| Error code' in page
