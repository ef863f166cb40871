"""Content Markdown rendered for a terminal, with and without colour."""

from __future__ import annotations

import io

import click
import pytest

from activation_kb.cli.common import wants_color
from activation_kb.render.terminal import render


def plain(markdown: str, lang: str = "en") -> str:
    return render(markdown, lang, color=False)


@pytest.mark.parametrize(
    ("markdown", "text"),
    [
        ("Select **Start**.", "Select Start."),
        ("Run `slmgr.vbs /dli` now.", "Run `slmgr.vbs /dli` now."),
        ("Type `slmgr -ipk <chiave 5x5>`.", "Type `slmgr -ipk <chiave 5x5>`."),
        ("Keep <ID conferma> & co.", "Keep <ID conferma> & co."),
        (
            "See [the article](https://learn.microsoft.com/x).",
            "See the article (https://learn.microsoft.com/x).",
        ),
        ("See [https://aka.ms/x](https://aka.ms/x).", "See https://aka.ms/x."),
        ("See <https://aka.ms/x>.", "See https://aka.ms/x."),
        ("An *emphasis* and _another_.", "An emphasis and another."),
        ("Names like host_name_here stay.", "Names like host_name_here stay."),
        (r"Literal \*stars\* and \_bars\_.", "Literal *stars* and _bars_."),
        ("**Bold with `code` inside**", "Bold with `code` inside"),
        ("## A heading", "A heading"),
    ],
)
def test_inline_markdown_becomes_plain_text(markdown: str, text: str) -> None:
    assert plain(markdown) == text


def test_lists_keep_their_numbers_and_nesting() -> None:
    markdown = "1. First `a`.\n\n   * nested **b**\n   + other\n2. Second."
    assert plain(markdown) == "1. First `a`.\n\n   - nested b\n   - other\n2. Second."


def test_note_callout_is_titled_in_the_reader_language() -> None:
    markdown = "Before.\n\n> [!NOTE]\n> Check **event** 12288.\n> Then retry.\n\nAfter."
    assert (
        plain(markdown, "en") == "Before.\n\nNote: Check event 12288.\n      Then retry.\n\nAfter."
    )
    assert plain(markdown, "it").splitlines()[2] == "Nota: Check event 12288."


@pytest.mark.parametrize(
    ("kind", "en", "it"),
    [
        ("TIP", "Tip", "Suggerimento"),
        ("important", "Important", "Importante"),
        ("WARNING", "Warning", "Avviso"),
        ("CAUTION", "Caution", "Attenzione"),
    ],
)
def test_other_callout_kinds(kind: str, en: str, it: str) -> None:
    markdown = f"> [!{kind}]\n> Text."
    assert (plain(markdown, "en"), plain(markdown, "it")) == (f"{en}: Text.", f"{it}: Text.")


def test_callout_with_a_list_and_a_plain_blockquote() -> None:
    assert plain("> [!NOTE]\n>\n> - one\n> - two") == "Note: - one\n      - two"
    assert plain("> quoted\n> text") == "  quoted\n  text"


def test_callout_nested_in_a_list_item_keeps_its_indentation() -> None:
    markdown = "1. Run it.\n\n   > [!NOTE]\n   > First.\n   > Second.\n2. Next."
    assert plain(markdown, "it") == "1. Run it.\n\n   Nota: First.\n         Second.\n2. Next."


def test_fenced_code_is_kept_verbatim() -> None:
    assert plain("```\nslmgr **/dlv**\n```") == "    slmgr **/dlv**"


def test_colour_styles_bold_code_and_callout_titles() -> None:
    coloured = render("> [!NOTE]\n> Run **Start** and `slmgr /ato`.", "en", color=True)
    assert click.style("Start", bold=True) in coloured
    assert click.style("slmgr /ato", fg="cyan") in coloured
    assert click.unstyle(coloured) == "Note: Run Start and slmgr /ato."


class _Stream(io.StringIO):
    def __init__(self, tty: bool) -> None:
        super().__init__()
        self._tty = tty

    def isatty(self) -> bool:
        return self._tty


@pytest.mark.parametrize(
    ("tty", "environ", "expected"),
    [
        (True, {}, True),
        (True, {"NO_COLOR": "1"}, False),
        (True, {"NO_COLOR": ""}, True),  # no-color.org: only a non-empty value counts
        (False, {}, False),
    ],
)
def test_wants_color(tty: bool, environ: dict[str, str], expected: bool) -> None:
    assert wants_color(_Stream(tty), environ) is expected
