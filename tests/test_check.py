"""``kb check``: each rule on a copy of the valid fixture broken in one place, and the CLI."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from activation_kb.check.rules import anchor_slug, checked_content
from activation_kb.cli.main import main
from activation_kb.domain.errors import ContentError, Problem
from tests.check.content_tree import VALID, edit, line_of, lines_equal, valid_copy

DNS = "codes/0x8007007b.yaml"
KEY = "codes/0x80070490.yaml"
KMS = "codes/0xc004f074.yaml"
SOURCE = "sources/mini.it-it.md"
LEARN = "https://learn.microsoft.com/it-it/windows-server/get-started"


def problems(root: Path) -> list[Problem]:
    try:
        checked_content(root)
    except ContentError as error:
        return error.problems
    return []


def messages(root: Path) -> list[str]:
    return [str(problem) for problem in problems(root)]


def drop_english(root: Path, file: str) -> None:
    text = (root / file).read_text(encoding="utf-8")
    (root / file).write_text(text[: text.index("\nen:\n") + 1], encoding="utf-8")


def test_the_valid_fixture_passes_every_check() -> None:
    assert [record.code for record in checked_content(VALID).records] == [
        "0x8007007b",
        "0x80070490",
        "0xC004F074",
    ]


def test_anchor_slug_follows_the_brief_example() -> None:
    assert (
        anchor_slug("0x80070490", "The product key you entered didn't work")
        == "0x80070490-the-product-key-you-entered-didnt-work"
    )
    assert (
        anchor_slug(
            "0xC004F038", "The count reported by your Key Management Service (KMS) is insufficient"
        )
        == "0xc004f038-the-count-reported-by-your-key-management-service-kms-is-insufficient"
    )


def test_duplicate_code(tmp_path: Path) -> None:
    root = valid_copy(tmp_path)
    (root / "codes/0x8007007c.yaml").write_text(
        (root / DNS).read_text(encoding="utf-8").replace("does-not-exist", "is-missing"),
        encoding="utf-8",
    )
    edit(
        root,
        "codes/0x8007007c.yaml",
        "  title: DNS name does not exist",
        "  title: DNS name is missing",
    )
    assert messages(root) == [
        "codes/0x8007007b.yaml:1: code: duplicate code 0x8007007B: also in codes/0x8007007c.yaml",
        "codes/0x8007007c.yaml:1: code: code 0x8007007b belongs in codes/0x8007007b.yaml",
        "codes/0x8007007c.yaml:1: code: duplicate code 0x8007007B: also in codes/0x8007007b.yaml",
        "codes/0x8007007c.yaml:1: code: not listed in article.yaml codes",
    ]


def test_duplicate_anchor(tmp_path: Path) -> None:
    root = valid_copy(tmp_path)
    edit(
        root,
        "article.yaml",
        "codes:\n",
        "anchors:\n  diagnostic_tool: 0x80070490-the-product-key-you-entered-didnt-work\ncodes:\n",
    )
    line = line_of(root, KEY, "anchor:")
    assert messages(root) == [
        f"{KEY}:{line}: anchor: duplicate anchor "
        "'0x80070490-the-product-key-you-entered-didnt-work': "
        "also in article.yaml anchors.diagnostic_tool"
    ]


def test_english_title_must_slugify_to_the_anchor(tmp_path: Path) -> None:
    root = valid_copy(tmp_path)
    edit(root, DNS, "  title: DNS name does not exist", "  title: DNS name doesn't exist")
    line = line_of(root, DNS, "title: DNS name doesn't exist")
    assert messages(root) == [
        f"{DNS}:{line}: en.title: does not match the anchor: slugifies to "
        "'0x8007007b-dns-name-doesnt-exist', expected '0x8007007b-dns-name-does-not-exist'"
    ]


def test_a_command_that_differs_between_languages(tmp_path: Path) -> None:
    root = valid_copy(tmp_path)
    edit(root, KMS, "run `slmgr.vbs /dli`", "run `slmgr.vbs /dlv`")
    line = line_of(root, KMS, "run `slmgr.vbs /dlv`")
    assert messages(root) == [
        f"{KMS}:{line}: en.notes[0]: commands differ between it and en: "
        "only in it: `slmgr.vbs /dli`; only in en: `slmgr.vbs /dlv`"
    ]


def test_a_translated_placeholder_is_not_a_different_command(tmp_path: Path) -> None:
    root = valid_copy(tmp_path)
    edit(root, KEY, "`slmgr -ipk <5x5 key>`", "`slmgr -ipk <product key>`")
    assert messages(root) == []
    edit(root, KEY, "`slmgr -ipk <product key>`", "`slmgr /ipk <product key>`")
    line = lines_equal(root, KEY, "  resolution: >-")[1]
    assert messages(root) == [
        f"{KEY}:{line}: en.resolution: commands differ between it and en: "
        "only in it: `slmgr -ipk <chiave 5x5>`; only in en: `slmgr /ipk <product key>`"
    ]


def test_a_url_that_differs_and_a_url_in_the_wrong_locale(tmp_path: Path) -> None:
    root = valid_copy(tmp_path)
    edit(
        root, DNS, "en-us/windows-server/get-started/common", "it-it/windows-server/get-started/kms"
    )
    resolution = lines_equal(root, DNS, "  resolution: >-")[1]
    it_url = f"{LEARN}/common-troubleshooting-procedures-kms-dns"
    en_url = f"{LEARN}/kms-troubleshooting-procedures-kms-dns"
    assert messages(root) == [
        f"{DNS}:{resolution}: en.resolution: URLs differ between it and en: "
        f"only in it: {it_url}; only in en: {en_url}",
        f"{DNS}:{resolution}: en.resolution: link has locale 'it-it', expected 'en-us': {en_url}",
    ]


def test_numbers_and_hex_codes_must_match(tmp_path: Path) -> None:
    root = valid_copy(tmp_path)
    edit(root, KMS, "event ID 12288", "event ID 12289 (0xC004F074)")
    line = lines_equal(root, KMS, "  resolution: |-")[1]
    assert messages(root) == [
        f"{KMS}:{line}: en.resolution: hex codes differ between it and en: only in en: 0xC004F074",
        f"{KMS}:{line}: en.resolution: numbers differ between it and en: "
        "only in it: 12288; only in en: 12289",
    ]


def test_missing_translation_keeps_the_other_checks_running(tmp_path: Path) -> None:
    root = valid_copy(tmp_path)
    for file in ("article.yaml", DNS, KEY, KMS):
        drop_english(root, file)
    edit(
        root,
        "article.yaml",
        '  - "0x8007007b"\n  - "0x80070490"',
        '  - "0x80070490"\n  - "0x8007007b"',
    )
    line = line_of(root, "article.yaml", '- "0x80070490"')
    row = line_of(root, SOURCE, "[0x8007007b]")
    assert messages(root) == [
        "article.yaml:1: en: missing translation: no 'en' block",
        f"article.yaml:{line}: codes[0]: 0x80070490 is out of order: the source's summary table "
        f"lists 0x8007007b first ({SOURCE}:{row})",
        f"{DNS}:1: en: missing translation: no 'en' block",
        f"{KEY}:1: en: missing translation: no 'en' block",
        f"{KMS}:1: en: missing translation: no 'en' block",
    ]


def test_an_empty_or_missing_text_in_one_language(tmp_path: Path) -> None:
    root = valid_copy(tmp_path)
    edit(
        root,
        "article.yaml",
        "  intro: Look up the error code in the following table.",
        '  intro: " "',
    )
    edit(
        root,
        KEY,
        "  full_message: >-\n    The product key you entered didn't work. Check the product key"
        " and try again.\n",
        "",
    )
    intro = line_of(root, "article.yaml", 'intro: " "')
    en = line_of(root, KEY, "en:")
    assert messages(root) == [
        f"article.yaml:{intro}: en.intro: empty text",
        f"{KEY}:{en}: en.full_message: missing translation: it has text here",
    ]


@pytest.mark.parametrize(
    ("html", "reported"),
    [
        ("<br />", "'<br />'"),
        ("uno</li>", "'</li>'"),
        ('<img src="x.png" onerror="alert(1)">', '\'<img src="x.png" onerror="alert(1)">\''),
        ('<a href="x.html">qui</a>', "'<a href=\"x.html\">', '</a>'"),
        ("<script>alert(1)</script>", "'<script>', '</script>'"),
        ('<span class="x">', "'<span class=\"x\">'"),
        ('<chiave onclick="x">', "'<chiave onclick=\"x\">'"),
    ],
)
def test_raw_html_is_refused(tmp_path: Path, html: str, reported: str) -> None:
    root = valid_copy(tmp_path)
    edit(
        root,
        KEY,
        "    problema noto in Windows Server 2019.",
        f"    problema noto in Windows Server 2019. {html}",
    )
    line = lines_equal(root, KEY, "  possible_cause: >-")[0]
    assert messages(root) == [
        f"{KEY}:{line}: it.possible_cause: raw HTML not allowed: {reported} "
        "(write Markdown; <placeholders> are fine)"
    ]


def test_placeholders_and_code_spans_are_not_html(tmp_path: Path) -> None:
    root = valid_copy(tmp_path)
    edit(
        root,
        KEY,
        "ricevuto, <ID conferma>.",
        "ricevuto, <ID conferma>, <chiave 5x5>, <nome_host>, `<br>`.",
    )
    edit(root, KEY, "received, <confirmation ID>.", "received, <confirmation ID>, `<br>`.")
    assert messages(root) == []


def test_leftover_html_entity(tmp_path: Path) -> None:
    root = valid_copy(tmp_path)
    edit(root, "article.yaml", "Tipo di attivazione]", "Tipo di&nbsp;attivazione]")
    line = line_of(root, "article.yaml", "Tipo di&nbsp;attivazione")
    assert messages(root) == [
        f"article.yaml:{line}: it.summary_columns[2]: HTML entity not allowed: '&nbsp;' "
        "(write the character itself)"
    ]


def test_related_must_exist_and_be_symmetric(tmp_path: Path) -> None:
    root = valid_copy(tmp_path)
    edit(
        root, KMS, 'related: ["0x8007007B"]', 'related: ["0xC004F074", "0x8007007b", "0x80070491"]'
    )
    kms = line_of(root, KMS, "related:")
    assert messages(root) == [
        f"{KMS}:{kms}: related[0]: a code cannot be related to itself",
        f"{KMS}:{kms}: related[1]: '0x8007007b' is not canonical: write 0x8007007B",
        f"{KMS}:{kms}: related[2]: 0x80070491 has no record file",
    ]


def test_asymmetric_related(tmp_path: Path) -> None:
    root = valid_copy(tmp_path)
    edit(root, KMS, 'related: ["0x8007007B"]\n', "")
    line = line_of(root, DNS, "related:")
    assert messages(root) == [
        f"{DNS}:{line}: related[0]: not symmetric: {KMS} does not list 0x8007007B in related"
    ]


def test_a_code_of_the_source_table_missing_from_article_codes(tmp_path: Path) -> None:
    root = valid_copy(tmp_path)
    edit(root, "article.yaml", '  - "0x80070490"\n', "")
    codes = line_of(root, "article.yaml", "codes:")
    anchor = line_of(root, KEY, "anchor:")
    row = line_of(root, SOURCE, "[0x80070490]")
    assert messages(root) == [
        f"article.yaml:{codes}: codes: 0x80070490 of the source's summary table ({SOURCE}:{row}) "
        "is missing",
        f"{KEY}:{anchor - 2}: code: not listed in article.yaml codes",
    ]


def test_codes_must_follow_the_source_table_spelling_and_anchors(tmp_path: Path) -> None:
    root = valid_copy(tmp_path)
    edit(root, "article.yaml", '  - "0x8007007b"', '  - "0x8007007B"')
    edit(root, SOURCE, "(#0xc004f074-no-key", "(#0xc004f074-no-kms")
    line = line_of(root, "article.yaml", '- "0x8007007B"')
    anchor = line_of(root, KMS, "anchor:")
    dns_row = line_of(root, SOURCE, "[0x8007007b]")
    kms_row = line_of(root, SOURCE, "[0xC004F074]")
    assert messages(root) == [
        f"article.yaml:{line}: codes[0]: '0x8007007B' is written '0x8007007b' in the source's "
        f"summary table ({SOURCE}:{dns_row})",
        f"{KMS}:{anchor}: anchor: '0xc004f074-no-key-management-service-kms-could-be-contacted' "
        "differs from the source's summary table link "
        f"'#0xc004f074-no-kms-management-service-kms-could-be-contacted' ({SOURCE}:{kms_row})",
    ]


def test_record_file_name_and_canonical_form(tmp_path: Path) -> None:
    root = valid_copy(tmp_path)
    edit(root, KEY, 'canonical: "0x80070490"', 'canonical: "0x80070491"')
    (root / KMS).rename(root / "codes/0xC004F074.yaml")
    listed = line_of(root, "article.yaml", '- "0xC004F074"')
    canonical = line_of(root, KEY, "canonical:")
    assert messages(root) == [
        f"article.yaml:{listed}: codes[2]: no record file codes/0xc004f074.yaml for 0xC004F074",
        f"{KEY}:{canonical}: canonical: '0x80070491' is not the canonical form of 0x80070490: "
        "expected 0x80070490",
        "codes/0xC004F074.yaml:1: code: code 0xC004F074 belongs in codes/0xc004f074.yaml",
        "codes/0xC004F074.yaml:1: code: not listed in article.yaml codes",
    ]


def test_missing_source_file(tmp_path: Path) -> None:
    root = valid_copy(tmp_path)
    line = line_of(root, "article.yaml", f"file: {SOURCE}")
    (root / SOURCE).unlink()
    assert messages(root) == [
        f"article.yaml:{line}: source.file: source file 'sources/mini.it-it.md' not found"
    ]


def test_several_problems_in_several_files_are_all_reported(tmp_path: Path) -> None:
    root = valid_copy(tmp_path)
    edit(root, DNS, "  title: DNS name does not exist", "  title: DNS name doesn't exist")
    edit(root, KEY, "activation_types: [mak]", "activation_types: [kms-server]")
    edit(root, KMS, "run `slmgr.vbs /dli`", "run `slmgr.vbs /dlv`")
    edit(root, KMS, 'related: ["0x8007007B"]\n', "")
    assert [(p.file, p.field) for p in problems(root)] == [
        (DNS, "related[0]"),
        (DNS, "en.title"),
        (KEY, "activation_types[0]"),
        (KMS, "en.notes[0]"),
    ]
    with pytest.raises(ContentError) as raised:
        checked_content(root)
    assert len(raised.value.problems) == 4


def test_cli_reports_ok(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["check", "--content", str(VALID)])
    assert (result.exit_code, result.stdout) == (0, "content OK: 3 codes, 2 languages\n")


def test_cli_lists_every_problem_and_exits_1(tmp_path: Path) -> None:
    root = valid_copy(tmp_path)
    edit(root, DNS, "  title: DNS name does not exist", "  title: DNS name doesn't exist")
    edit(root, KMS, 'related: ["0x8007007B"]\n', "")
    result = CliRunner().invoke(main, ["check", "--content", str(root)])
    title = line_of(root, DNS, "title: DNS name doesn't exist")
    related = line_of(root, DNS, "related:")
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        f"{DNS}:{related}: related[0]: not symmetric: {KMS} does not list 0x8007007B in related",
        f"{DNS}:{title}: en.title: does not match the anchor: slugifies to "
        "'0x8007007b-dns-name-doesnt-exist', expected '0x8007007b-dns-name-does-not-exist'",
    ]
    assert result.stderr == f"2 problems in {root}\n"


def test_cli_on_a_missing_folder_is_a_usage_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["check", "--content", str(tmp_path / "none")])
    assert result.exit_code == 2
    assert isinstance(result.exception, SystemExit)
    assert result.stderr.endswith(f"Directory '{tmp_path / 'none'}' does not exist.\n")


def test_attribute_lists_are_refused_where_they_are(tmp_path: Path) -> None:
    root = valid_copy(tmp_path)
    attributes = '`slmgr`{: onfocus="alert(13)" autofocus tabindex="1" }'
    link = "[x](https://a.example/)"
    javascript = '{: href="javascript:alert(1)" }'
    edit(root, KEY, "    problema noto", f"    {attributes} {link} problema noto")
    edit(
        root,
        KEY,
        "    Windows Server 2019.\n  resolution",
        f"    `slmgr` {link}{javascript}\n    Windows Server 2019.\n  resolution",
    )
    it_line, en_line = lines_equal(root, KEY, "  possible_cause: >-")
    assert messages(root) == [
        f"{KEY}:{it_line}: it.possible_cause: attribute list not allowed: "
        f"'{attributes[7:]}' (content sets no HTML attribute)",
        f"{KEY}:{en_line}: en.possible_cause: attribute list not allowed: "
        f"'{javascript}' (content sets no HTML attribute)",
    ]


@pytest.mark.parametrize(
    "braces",
    ["{55c92734-d682-4d71-983e-d6ec3f16059f}", "{0}", "{ Office 2019 }"],
)
def test_ordinary_braces_are_text(tmp_path: Path, braces: str) -> None:
    root = valid_copy(tmp_path)
    edit(root, KEY, "problema noto in Windows", f"problema noto {braces} in Windows")
    edit(root, KEY, "known issue in\n", f"known issue {braces} in\n")
    assert messages(root) == []


def test_a_field_in_one_language_only_is_still_checked(tmp_path: Path) -> None:
    root = valid_copy(tmp_path)
    edit(
        root,
        KEY,
        "en:\n  title:",
        "en:\n  explanation: Run <script>alert(1)</script> now.\n  title:",
    )
    line = line_of(root, KEY, "explanation:")
    assert messages(root) == [
        f"{KEY}:{line}: en.explanation: en has text here but it has none",
        f"{KEY}:{line}: en.explanation: raw HTML not allowed: '<script>', '</script>' "
        "(write Markdown; <placeholders> are fine)",
    ]


def test_a_block_missing_its_translation_is_still_checked(tmp_path: Path) -> None:
    root = valid_copy(tmp_path)
    drop_english(root, KEY)
    edit(root, KEY, "    problema noto in Windows", "    problema noto <!-- x --> in Windows")
    line = lines_equal(root, KEY, "  possible_cause: >-")[0]
    assert messages(root) == [
        f"{KEY}:1: en: missing translation: no 'en' block",
        f"{KEY}:{line}: it.possible_cause: raw HTML not allowed: '<!--' "
        "(write Markdown; <placeholders> are fine)",
    ]


def test_an_english_text_in_the_italian_block_is_refused(tmp_path: Path) -> None:
    root = valid_copy(tmp_path)
    text = (root / KEY).read_text(encoding="utf-8")
    english = text[text.index("\nen:\n") + 5 :]
    (root / KEY).write_text(text[: text.index("it:\n") + 4] + english + "en:\n" + english)
    assert messages(root) == [
        f"{KEY}:5: it: the it block reads as English (21 English and 0 Italian common words): "
        "write Italian here"
    ]


CORRECTION = """- code: '0x80070490'
  field: summary_message
  source: immesso non valido
  corrected: immesso non funziona
  why: A test.
"""


def test_a_correction_that_applies_passes(tmp_path: Path) -> None:
    root = valid_copy(tmp_path)
    (root / "corrections.yaml").write_text(CORRECTION, encoding="utf-8")
    assert messages(root) == []
    record = checked_content(root).record_of("0x80070490")
    assert record is not None and "immesso non funziona" in record.it.summary_message


def test_a_correction_that_no_longer_applies_is_reported(tmp_path: Path) -> None:
    root = valid_copy(tmp_path)
    (root / "corrections.yaml").write_text(
        CORRECTION
        + CORRECTION.replace("summary_message", "possible_cause")
        + CORRECTION.replace("'0x80070490'", "'0xC004F050'")
        + CORRECTION.replace("summary_message", "nothing"),
        encoding="utf-8",
    )
    # Re-imported after Microsoft fixed its wording: neither the record nor the source has it.
    edit(root, KEY, '"Product Key" immesso non valido.', '"Product Key" immesso non funziona.')
    edit(root, SOURCE, '"Product Key" immesso non valido.', '"Product Key" immesso non funziona.')
    not_applied = (
        "not applied: it.{} of 0x80070490 holds this wording 0 times, not once "
        "(re-imported since? update or remove the correction)"
    )
    upstream = "the source article no longer says this (fixed upstream?): remove the correction"
    assert messages(root) == [
        f"corrections.yaml:3: [0].source: {not_applied.format('summary_message')}",
        f"corrections.yaml:3: [0].source: {upstream}",
        f"corrections.yaml:8: [1].source: {not_applied.format('possible_cause')}",
        f"corrections.yaml:8: [1].source: {upstream}",
        "corrections.yaml:11: [2].code: no record of 0xC004F050",
        "corrections.yaml:17: [3].field: 0x80070490 has no Italian text field 'nothing'",
        f"corrections.yaml:18: [3].source: {upstream}",
    ]


# --- anchors the source changed: the new one is the anchor, the old ones are redirects ----

NEW_DNS_ANCHOR = "0x8007007b-dns-name-doesnt-exist"


def move_dns_anchor(root: Path, link: str = NEW_DNS_ANCHOR) -> None:
    """What ``kb import`` does when the source retitles 0x8007007b: a new anchor, the old one
    kept in ``old_anchors``; the English title is left as it was."""
    edit(
        root,
        DNS,
        "anchor: 0x8007007b-dns-name-does-not-exist\n",
        f"anchor: {NEW_DNS_ANCHOR}\nold_anchors: [0x8007007b-dns-name-does-not-exist]\n",
    )
    edit(root, SOURCE, "(#0x8007007b-dns-name-does-not-exist)", f"(#{link})")


def test_an_english_title_left_on_the_old_anchor_says_what_to_do(tmp_path: Path) -> None:
    root = valid_copy(tmp_path)
    move_dns_anchor(root)
    line = line_of(root, DNS, "  title: DNS name does not exist")
    assert messages(root) == [
        f"{DNS}:{line}: en.title: slugifies to '0x8007007b-dns-name-does-not-exist', an old "
        f"anchor of this code: the source now uses '{NEW_DNS_ANCHOR}' (kb import keeps the old "
        "one in old_anchors and never edits the English): retitle the English to match"
    ]
    edit(root, DNS, "  title: DNS name does not exist", "  title: DNS name doesn't exist")
    assert messages(root) == []


def test_a_table_link_with_an_apostrophe_names_the_heading_without_it(tmp_path: Path) -> None:
    root = valid_copy(tmp_path)
    move_dns_anchor(root, link="0x8007007b-dns-name-doesn't-exist")
    edit(root, DNS, "  title: DNS name does not exist", "  title: DNS name doesn't exist")
    assert messages(root) == []


def test_old_anchors_are_anchors_for_the_duplicate_rule(tmp_path: Path) -> None:
    root = valid_copy(tmp_path)
    edit(
        root,
        KEY,
        "anchor: 0x80070490-the-product-key-you-entered-didnt-work\n",
        "anchor: 0x80070490-the-product-key-you-entered-didnt-work\n"
        "old_anchors: [0x8007007b-dns-name-does-not-exist]\n",
    )
    anchor = line_of(root, DNS, "anchor:")
    old = line_of(root, KEY, "old_anchors:")
    assert messages(root) == [
        f"{DNS}:{anchor}: anchor: duplicate anchor '0x8007007b-dns-name-does-not-exist': "
        f"also in {KEY} old_anchors",
        f"{KEY}:{old}: old_anchors[0]: duplicate anchor '0x8007007b-dns-name-does-not-exist': "
        f"also in {DNS}",
    ]


def test_the_attribution_must_link_where_the_article_is_published(tmp_path: Path) -> None:
    root = valid_copy(tmp_path)
    edit(
        root,
        "article.yaml",
        "url_path: windows-server/get-started/activation-error-codes",
        "url_path: windows-server/get-started/NEW",
    )
    line = line_of(root, "article.yaml", "url_path:")
    assert messages(root) == [
        f"article.yaml:{line}: source.url_path: 'windows-server/get-started/NEW' is not where "
        "the article is published (windows-server/get-started/activation-error-codes): every "
        "page's CC BY attribution links there"
    ]
