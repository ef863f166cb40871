"""The content's Markdown read into blocks (activation_kb.domain.markdown)."""

from __future__ import annotations

from activation_kb.domain.markdown import Alert, Fence, ListBlock, Paragraph, Quote, parse_blocks


def test_paragraphs_are_split_on_blank_lines_and_keep_their_lines() -> None:
    assert parse_blocks("one\ntwo\n\nthree") == (
        Paragraph(("one", "two")),
        Paragraph(("three",)),
    )


def test_an_alert_is_a_blockquote_whose_first_line_names_its_kind() -> None:
    blocks = parse_blocks("Before.\n\n> [!NOTE]\n> Not tampering.\n> Second line.\n\nAfter.")
    assert blocks == (
        Paragraph(("Before.",)),
        Alert("note", (Paragraph(("Not tampering.", "Second line.")),)),
        Paragraph(("After.",)),
    )


def test_a_plain_blockquote_stays_a_quote() -> None:
    assert parse_blocks("> Accesso negato.") == (Quote((Paragraph(("Accesso negato.",)),)),)


def test_nested_content_indented_to_the_content_column_belongs_to_its_item() -> None:
    text = "- First.\n  > [!NOTE]\n  > Inside.\n- Steps:\n  1. One.\n  2. Two.\n  3. Three."
    (outer,) = parse_blocks(text)
    assert isinstance(outer, ListBlock) and not outer.ordered
    first, second = outer.items
    assert first == (Paragraph(("First.",)), Alert("note", (Paragraph(("Inside.",)),)))
    assert second[0] == Paragraph(("Steps:",))
    steps = second[1]
    assert isinstance(steps, ListBlock) and steps.ordered and steps.start == 1
    assert [item[0] for item in steps.items] == [
        Paragraph(("One.",)),
        Paragraph(("Two.",)),
        Paragraph(("Three.",)),
    ]


def test_a_blank_line_between_items_keeps_one_list() -> None:
    (only,) = parse_blocks("1. One.\n\n2. Two.")
    assert isinstance(only, ListBlock) and len(only.items) == 2


def test_a_paragraph_after_a_list_ends_it() -> None:
    blocks = parse_blocks("- a\n- b\n\nAfter.")
    assert isinstance(blocks[0], ListBlock) and blocks[1] == Paragraph(("After.",))


def test_a_wrapped_line_starting_with_a_year_is_not_a_list() -> None:
    assert parse_blocks("Known issue in Windows Server\n2019. Fixed later.") == (
        Paragraph(("Known issue in Windows Server", "2019. Fixed later.")),
    )


def test_a_fence_keeps_its_lines_verbatim() -> None:
    assert parse_blocks("```cmd\nslmgr /dli <x>\n```") == (Fence("cmd", ("slmgr /dli <x>",)),)
