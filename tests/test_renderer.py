"""Content → Markdown files (activation_kb.render.files, activation_kb.render.pages)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from activation_kb.domain.model import LANGUAGES, Content
from activation_kb.render.files import meta_text, render_language

HERE = Path(__file__).resolve().parent
GOLDEN = HERE / "renderer" / "golden"
GOLDEN_CODES = ("0x8004fe21", "0xc004f035", "0x80070490", "0xc004f074")
"""A callout, a numbered list nested in a bulleted one, a placeholder in a command, the
diagnostic-tool note."""


def split(page: str) -> tuple[dict[str, object], str]:
    _, header, body = page.split("---\n", 2)
    return yaml.safe_load(header), body


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("slug", GOLDEN_CODES)
def test_golden_code_pages(
    rendered: dict[str, dict[str, str]], lang: str, slug: str, update_golden: bool
) -> None:
    actual = rendered[lang][f"{slug}/index.md"]
    expected_file = GOLDEN / lang / f"{slug}.md"
    if update_golden:
        expected_file.parent.mkdir(parents=True, exist_ok=True)
        expected_file.write_text(actual, encoding="utf-8")
    assert expected_file.is_file(), "no golden file: run pytest --update-golden and review it"
    assert actual == expected_file.read_text(encoding="utf-8")


def test_every_record_has_a_page_in_every_language(
    content: Content, rendered: dict[str, dict[str, str]]
) -> None:
    expected = {"index.md", "go/index.md", "404/index.md"}
    expected |= {f"{r.code.lower()}/index.md" for r in content.records}
    for lang in LANGUAGES:
        assert set(rendered[lang]) == expected


def test_code_page_front_matter(content: Content, rendered: dict[str, dict[str, str]]) -> None:
    meta, body = split(rendered["en"]["0x80070490/index.md"])
    assert meta["title"] == "0x80070490 The product key you entered didn't work"
    assert meta["code"] == "0x80070490"
    assert meta["lang"] == "en"
    assert "80070490" in meta["aliases"] and "2147943568" in meta["aliases"]
    attribution = meta["attribution"]
    assert attribution["license"] == "CC BY 4.0"
    assert attribution["url"].startswith("https://learn.microsoft.com/en-us/")
    assert meta["notice"] == (
        "English text: this project's translation, checked against Microsoft's English original."
    )
    it_meta, _ = split(rendered["it"]["0x80070490/index.md"])
    assert it_meta["attribution"]["url"].startswith("https://learn.microsoft.com/it-it/")
    # Three notes: the message, its "e riprovare." (in both messages, one note), the resolution.
    assert it_meta["notice"] == (
        "Testo italiano: traduzione di Microsoft, con 3 correzioni segnalate in questa pagina "
        "e confrontate con l'originale inglese."
    )
    assert body.lstrip().startswith(
        "# 0x80070490 The product key you entered didn't work "
        "{#0x80070490-the-product-key-you-entered-didnt-work}"
    )


def test_landing_page_carries_every_source_anchor(
    content: Content, rendered: dict[str, dict[str, str]]
) -> None:
    anchors = content.article.anchors
    for lang in LANGUAGES:
        _, body = split(rendered[lang]["index.md"])
        for anchor in (anchors.title, anchors.diagnostic_tool, anchors.summary, anchors.causes):
            assert f"{{#{anchor}}}" in body
        for record in content.records:
            assert f"{{#{record.anchor} .kb-old-anchor}}" in body


def test_description_quotes_cannot_end_an_html_attribute() -> None:
    assert meta_text('Codice "Product Key" non\n valido "') == "Codice “Product Key” non valido ”"


def test_rendering_is_deterministic(content: Content) -> None:
    for lang in LANGUAGES:
        assert render_language(content, lang) == render_language(content, lang)


def test_metadata_is_html_text() -> None:
    # MkDocs and Material write a page's title and description into the page unescaped.
    assert meta_text("</title><script>x()</script> & co") == (
        "&lt;/title&gt;&lt;script&gt;x()&lt;/script&gt; &amp; co"
    )


def test_old_anchors_of_a_code_lead_to_its_page_from_the_landing_page(content: Content) -> None:
    """An anchor the source used before (kept by kb import in ``old_anchors``) is an id on the
    landing page too: an empty link to the code's page, with the class kb.js follows."""
    import markdown

    from activation_kb.render.pages import OLD_ANCHOR_CLASS, landing_page

    old = ("0x8007007b-dns-name-was-missing", "0x8007007b-no-such-dns-name")
    records = tuple(
        record.model_copy(update={"old_anchors": list(old)})
        if record.code == "0x8007007b"
        else record
        for record in content.records
    )
    moved = Content(content.article, records, content.corrections)
    for lang in LANGUAGES:
        before = landing_page(content, lang).body
        after = landing_page(moved, lang).body
        assert "[](" not in before  # no old anchors, no empty link
        links = "".join(
            f'[](0x8007007b/index.md){{#{anchor} .{OLD_ANCHOR_CLASS} aria-hidden="true" '
            'tabindex="-1"}'
            for anchor in old
        )
        expected = f"{{#0x8007007b-dns-name-does-not-exist .{OLD_ANCHOR_CLASS}}}{links} |"
        assert expected in after
        assert after.replace(links, "") == before
        html = markdown.markdown(after, extensions=["attr_list", "tables"])
        for anchor in old:
            assert (
                f'<a aria-hidden="true" class="{OLD_ANCHOR_CLASS}" href="0x8007007b/index.md" '
                f'id="{anchor}" tabindex="-1"></a>'
            ) in html
