"""Front matter written by activation_kb.render.frontmatter reads back exactly, as the engine reads
it."""

from __future__ import annotations

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from activation_kb.render.frontmatter import dump

# Any character a string can hold but lone surrogates, which no UTF-8 file can carry.
TEXT = st.text(st.characters(exclude_categories=("Cs",)), max_size=40)


def _read(text: str) -> object:
    # SafeLoader, as MkDocs reads front matter.
    return yaml.load(text, Loader=yaml.SafeLoader)


@given(
    title=TEXT,
    aliases=st.lists(TEXT, max_size=4),
    attribution=st.dictionaries(st.from_regex(r"[a-z][a-z_]{0,8}", fullmatch=True), TEXT),
)
@settings(max_examples=300, deadline=None)
def test_any_text_reads_back_as_written(
    title: str, aliases: list[str], attribution: dict[str, str]
) -> None:
    meta = {"title": title, "aliases": aliases, "attribution": attribution}
    assert _read(dump(meta)) == meta


@pytest.mark.parametrize(
    "text",
    [
        "0xC004F074",  # a YAML 1.1 integer if it were not quoted
        "-1073418124",
        "yes",
        "null",
        "a: b # c",
        "line\u2028break\u2029para\x85next",  # YAML line breaks
        "\ufeffbom \x7f\x9f c1",
        'tab\tquote"back\\slash',
        "«Risolvere» — “quotes”",
    ],
)
def test_text_yaml_would_read_otherwise_stays_text(text: str) -> None:
    assert _read(dump({"title": text, "aliases": [text]})) == {"title": text, "aliases": [text]}


@pytest.mark.parametrize("key", ["no", "yes", "on", "off", "true", "false", "null", "y", "n"])
def test_a_key_yaml_would_read_as_a_boolean_or_null_stays_a_string(key: str) -> None:
    meta = {key: "x", "attribution": {key: "y"}}
    assert _read(dump(meta)) == meta


def test_one_key_per_line_and_mappings_indented() -> None:
    text = dump({"lang": "it", "attribution": {"label": "Fonte"}, "aliases": ["a", "b"]})
    assert text == 'lang: "it"\nattribution:\n  label: "Fonte"\naliases: ["a", "b"]\n'


def test_a_key_that_is_not_a_plain_name_is_refused() -> None:
    with pytest.raises(ValueError, match="not a plain name"):
        dump({"a key": "x"})
