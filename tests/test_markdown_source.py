"""The Markdown normaliser on shapes the current article does not have (yet)."""

from __future__ import annotations

import pytest

from activation_kb.importer.markdown_source import (
    InlineRules,
    Line,
    ShapeError,
    parse_blocks,
    render,
)

RULES = InlineRules("it-it", "windows-server/get-started")


def normalise(text: str) -> str:
    lines = [Line(number, line) for number, line in enumerate(text.split("\n"), start=1)]
    return render(parse_blocks(lines), RULES)


def test_loose_list_keeps_its_blank_lines_and_is_renumbered() -> None:
    assert normalise("3. uno\n\n3. due\n") == "1. uno\n\n2. due"


def test_nested_list_is_indented_to_the_content_column() -> None:
    source = "1. Passo:\n    * primo\n    * secondo\n1. Fine."
    assert normalise(source) == "1. Passo:\n   - primo\n   - secondo\n2. Fine."


def test_lazy_continuation_lines_stay_in_their_item() -> None:
    assert normalise("- una voce\nche continua\n- altra") == "- una voce\n  che continua\n- altra"


def test_paragraph_after_a_list_stays_outside_it() -> None:
    assert normalise("- voce\n\nParagrafo.") == "- voce\n\nParagrafo."


def test_code_is_left_as_written() -> None:
    source = "Usa `a  &lt;b&gt;` e **slmgr /dlv**.\n\n```\n**slmgr**  &amp;\n```"
    assert normalise(source) == "Usa `a  &lt;b&gt;` e `slmgr /dlv`.\n\n```\n**slmgr**  &amp;\n```"


def test_relative_links_become_learn_urls_absolute_links_stay() -> None:
    source = "[a](../identity/x.md#sezione) [b](https://docs.microsoft.com/x.md) [c](#ancora)"
    assert normalise(source) == (
        "[a](https://learn.microsoft.com/it-it/windows-server/identity/x#sezione) "
        "[b](https://docs.microsoft.com/x.md) [c](#ancora)"
    )


def test_other_bold_stays_bold_and_commands_with_backticks_are_fenced_twice() -> None:
    assert normalise("**Start** e **SLMGR a`b**") == "**Start** e `` slmgr a`b ``"


def test_a_heading_inside_a_section_body_is_refused() -> None:
    with pytest.raises(ShapeError) as caught:
        normalise("Testo.\n\n##### Titolo")
    assert caught.value.line == 3


def test_an_unclosed_code_fence_is_refused() -> None:
    with pytest.raises(ShapeError) as caught:
        normalise("Testo.\n\n```\ncodice")
    assert caught.value.line == 3
