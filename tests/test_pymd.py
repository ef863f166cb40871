"""Content Markdown written for Python-Markdown (activation_kb.render.pymd), checked through the
real Python-Markdown with the extensions mkdocs.yml enables."""

from __future__ import annotations

import re
from pathlib import Path

import markdown
import pytest
import yaml

from activation_kb.render.pymd import escape_inline, escape_plain, to_pymd

ROOT = Path(__file__).resolve().parent.parent
TITLES = {"note": "Nota", "warning": "Avviso"}


def _extensions() -> tuple[list[str], dict[str, dict[str, object]]]:
    """The Markdown extensions of mkdocs.yml, so these tests read what the site reads."""
    extensions = yaml.safe_load((ROOT / "mkdocs.yml").read_text("utf-8"))["markdown_extensions"]
    return list(extensions), {name: config or {} for name, config in extensions.items()}


def html(text: str) -> str:
    names, configs = _extensions()
    return markdown.markdown(text, extensions=names, extension_configs=configs)


def test_placeholders_show_in_text_and_in_code() -> None:
    out = html(to_pymd("esegui `slmgr -ipk <chiave 5x5>` e poi <ID conferma> & basta", TITLES))
    assert "<code>slmgr -ipk &lt;chiave 5x5&gt;</code>" in out
    assert "e poi &lt;ID conferma&gt; &amp; basta" in out


def test_link_targets_and_code_spans_are_not_escaped() -> None:
    line = "see [a & b](https://example.com/?a=1&b=2) and `x & y`"
    assert escape_inline(line) == "see [a &amp; b](https://example.com/?a=1&b=2) and `x & y`"


def test_plain_text_shows_markdown_characters_literally() -> None:
    out = html(escape_plain('Codice "Product Key" *non* valido | <x> nome_host_KMS'))
    assert '<p>Codice "Product Key" *non* valido | &lt;x&gt; nome_host_KMS</p>' in out


def test_an_alert_becomes_an_admonition_titled_in_the_page_language() -> None:
    out = html(to_pymd("> [!NOTE]\n> Non è manomissione.", TITLES))
    assert '<div class="admonition note">' in out
    assert '<p class="admonition-title">Nota</p>' in out
    assert "[!NOTE]" not in out


def test_nested_numbered_steps_stay_a_numbered_list_of_three() -> None:
    source = (
        "Do one of these:\n\n"
        "- Replace the key.\n"
        "  > [!NOTE]\n"
        "  > Inside the item.\n"
        "- Phone activation:\n"
        "  1. Run `slmgr /dti`.\n"
        "  1. Call the center.\n"
        "  1. Run `slmgr /atp <ID>`."
    )
    out = html(to_pymd(source, TITLES))
    ordered = re.search(r"<ol>(.*?)</ol>", out, re.S)
    assert ordered is not None
    assert ordered.group(1).count("<li>") == 3
    assert "<code>slmgr /atp &lt;ID&gt;</code>" in ordered.group(1)
    # The note sits inside the first item, not after the list.
    first_item = out.split("<li>")[1]
    assert 'class="admonition note"' in first_item


def test_numbers_are_rewritten_in_sequence() -> None:
    assert to_pymd("3. a\n3. b", TITLES) == "3. a\n4. b"


def test_nested_content_is_indented_by_four_spaces() -> None:
    assert to_pymd("- a\n  - b\n    - c", TITLES) == "- a\n    - b\n        - c"


def test_bare_codes_with_a_page_become_links() -> None:
    def pages(code: str) -> str | None:
        return "../0xc004f074/index.md" if code.lower() == "0xc004f074" else None

    out = to_pymd("Codici: 0xC004F074, 0x80072EE2.", TITLES, pages)
    assert out == "Codici: [0xC004F074](../0xc004f074/index.md), 0x80072EE2."


@pytest.mark.parametrize(
    "text",
    ["a0xC004F074", "#0xC004F074", "/0xC004F074", "x.0xC004F074", "-0xC004F074", "_0xC004F074"],
)
def test_a_code_inside_a_word_path_or_anchor_is_not_linked(text: str) -> None:
    linked = to_pymd(f"x {text} 0xC004F074", TITLES, lambda code: "y.md")
    assert linked == f"x {text} [0xC004F074](y.md)"


def test_codes_inside_link_text_are_not_linked_again() -> None:
    out = to_pymd("[0xC004F074 title](x.md)", TITLES, lambda code: "y.md")
    assert out == "[0xC004F074 title](x.md)"


def test_other_alert_kinds_use_material_types() -> None:
    assert to_pymd("> [!CAUTION]\n> Careful.", TITLES).startswith('!!! danger "Caution"')
    assert to_pymd("> [!WARNING]\n> Careful.", TITLES).startswith('!!! warning "Avviso"')


def test_link_text_may_hold_brackets_and_its_target_stays_verbatim() -> None:
    line = "vedi [Attivazione [client]](https://example.com/?a=1&b=2) & altro"
    assert escape_inline(line) == (
        "vedi [Attivazione [client]](https://example.com/?a=1&b=2) &amp; altro"
    )
    assert 'href="https://example.com/?a=1&amp;b=2">Attivazione [client]</a>' in html(
        escape_inline(line)
    )
