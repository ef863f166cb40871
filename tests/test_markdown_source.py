"""The Markdown normaliser on shapes the current article does not have (yet)."""

from __future__ import annotations

import pytest

from activation_kb.importer.markdown_source import (
    InlineRules,
    Line,
    Problems,
    ShapeError,
    parse_blocks,
    render,
    without_comments,
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


def uncommented(text: str) -> tuple[list[str], list[tuple[int, str]]]:
    problems = Problems()
    lines = [Line(number, line) for number, line in enumerate(text.split("\n"), start=1)]
    kept = without_comments(lines, problems)
    assert [line.number for line in kept] == [line.number for line in lines]
    return [line.text for line in kept], [(e.line, e.expected) for e in problems.errors]


def test_html_comments_are_dropped_and_lines_keep_their_numbers() -> None:
    text = "<!--Missing intro-->\nUno <!-- nota --> due.\n<!-- su\ndue righe -->Tre.\nQuattro."
    assert uncommented(text) == (["", "Uno  due.", "", "Tre.", "Quattro."], [])
    # The blank line left where a comment was ends a paragraph, as the comment did.
    assert normalise("Uno.\n\nDue.") == render(
        parse_blocks([Line(n, t) for n, t in enumerate(uncommented("Uno.\n<!-- x -->\nDue.")[0])]),
        RULES,
    )


def test_a_comment_in_fenced_code_is_code() -> None:
    text = "```html\n<!-- resta -->\n```\n<!-- via -->"
    assert uncommented(text) == (["```html", "<!-- resta -->", "```", ""], [])


def test_a_comment_nothing_closes_is_a_problem_ending_with_its_line() -> None:
    text = "<!-- chiuso -->\nUno <!-- aperto\nDue."
    assert uncommented(text) == (
        ["", "Uno ", "Due."],
        [(2, "expected '-->' closing this comment")],
    )
