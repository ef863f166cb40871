"""``kb import`` on a real later revision of the article (tests/importer/upstream/README.md).

The 8/24/2023 revision has contractions in its titles (11 anchors change), per-code
cause and solution headings, a ``> [!NOTE]`` for home users, a list in its front matter and
editor comments. The Italian-shaped variant imports; the English original is read by the
same reader, which says what it cannot read, every problem at once.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

from activation_kb.cli.main import main
from activation_kb.domain.errors import ImportSourceError
from activation_kb.importer.article import Imported, import_article
from activation_kb.importer.plan import describe, plan_import

ROOT = Path(__file__).resolve().parent.parent
NAME = "activation-error-codes.it-it.md"
UPSTREAM = ROOT / "tests" / "importer" / "upstream"
REVISION = UPSTREAM / "activation-error-codes.2023-08-24.it-it.md"
ENGLISH = UPSTREAM / "activation-error-codes.2023-08-24.en-us.md"
URL_PATH = "windows-server/get-started/activation-error-codes"

# The 11 anchors the revision changes, as the summary table and headings had them.
ANCHOR_CHANGES = {
    "0x8004FE21": (
        "0x8004fe21-this-computer-is-not-running-genuine-windows",
        "0x8004fe21-this-computer-isnt-running-genuine-windows",
    ),
    "0x8007007b": ("0x8007007b-dns-name-does-not-exist", "0x8007007b-dns-name-doesnt-exist"),
    "0x80070490": (
        "0x80070490-the-product-key-you-entered-didnt-work",
        "0x80070490-the-product-key-didnt-work",
    ),
    "0x8007232B": ("0x8007232b-dns-name-does-not-exist", "0x8007232b-dns-name-doesnt-exist"),
    "0x80092328": ("0x80092328-dns-name-does-not-exist", "0x80092328-dns-name-doesnt-exist"),
    "0xC004B100": (
        "0xc004b100-the-activation-server-determined-that-the-computer-could-not-be-activated",
        "0xc004b100-the-activation-server-determined-that-the-computer-couldnt-be-activated",
    ),
    "0xC004C008": (
        "0xc004c008-the-activation-server-determined-that-the-specified-product-key-could-not-be-used",
        "0xc004c008-the-activation-server-determined-that-the-specified-product-key-couldnt-be-used",
    ),
    "0xC004F014": (
        "0xc004f014-the-software-protection-service-reported-that-the-product-key-is-not-available",
        "0xc004f014-the-software-protection-service-reported-that-the-product-key-isnt-available",
    ),
    "0xC004F039": (
        "0xc004f039-the-key-management-service-kms-is-not-enabled",
        "0xc004f039-the-key-management-service-kms-isnt-enabled",
    ),
    "0xC004F041": (
        "0xc004f041-the-software-protection-service-determined-that-the-key-management-server-kms-is-not-activated",
        "0xc004f041-the-software-protection-service-determined-that-the-key-management-server-kms-isnt-activated",
    ),
    "0xC004F042": (
        "0xc004f042-the-software-protection-service-determined-that-the-specified-key-management-service-kms-cannot-be-used",
        "0xc004f042-the-software-protection-service-determined-that-the-specified-key-management-service-kms-cant-be-used",
    ),
}


@pytest.fixture
def content(tmp_path: Path) -> Path:
    """A copy of the committed ``content/``."""
    copy = tmp_path / "content"
    shutil.copytree(ROOT / "content", copy)
    return copy


def read(lang: str, path: Path) -> Imported:
    return import_article(
        path.read_text(encoding="utf-8"),
        file=path.name,
        lang=lang,
        source_file=f"sources/{path.name}",
        url_path=URL_PATH,
    )


@pytest.fixture(scope="module")
def revision() -> Imported:
    return read("it", REVISION)


@pytest.fixture(scope="module")
def committed() -> Imported:
    return read("it", ROOT / "content" / "sources" / NAME)


def by_code(imported: Imported) -> dict[str, dict[str, Any]]:
    return {record["code"]: record for record in imported.records}


def strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [text for item in value.values() for text in strings(item)]
    if isinstance(value, list | tuple):
        return [text for item in value for text in strings(item)]
    return []


def revision_copy(tmp_path: Path) -> Path:
    """The revision under the committed source's file name, as an editor would download it."""
    path = tmp_path / "new" / NAME
    path.parent.mkdir(exist_ok=True)
    shutil.copyfile(REVISION, path)
    return path


# --- reading the revision ----------------------------------------------------------------


def test_the_revision_gives_the_same_codes_with_11_new_anchors(
    revision: Imported, committed: Imported
) -> None:
    new, old = by_code(revision), by_code(committed)
    assert list(new) == list(old)
    changed = {code: (old[code]["anchor"], new[code]["anchor"]) for code in new}
    changed = {code: pair for code, pair in changed.items() if pair[0] != pair[1]}
    assert changed == ANCHOR_CHANGES


def test_the_anchor_is_the_heading_id_even_where_the_table_link_has_an_apostrophe(
    revision: Imported,
) -> None:
    link = re.search(r"\(#(0xc004c008-[^)]+)\)", REVISION.read_text(encoding="utf-8"))
    assert link and link.group(1).endswith("-couldn't-be-used")
    assert by_code(revision)["0xC004C008"]["anchor"] == ANCHOR_CHANGES["0xC004C008"][1]


def test_list_valued_front_matter_is_kept_as_text(revision: Imported) -> None:
    metadata = revision.article["source"]["metadata"]
    assert metadata["ms.custom"] == "CI ID 116803, CSSTroubleshoot"
    assert metadata["ms.date"] == "8/24/2023"
    assert all(isinstance(value, str) for value in metadata.values())


def test_editor_comments_are_dropped(revision: Imported) -> None:
    assert "<!--" in REVISION.read_text(encoding="utf-8")
    texts = strings(revision.article) + strings(list(revision.records))
    assert not [text for text in texts if "<!--" in text or "-->" in text]
    # "<!--Missing intro-->" under a heading leaves no explanation behind.
    assert by_code(revision)["0x8004FE21"]["it"]["explanation"] is None


def test_the_note_for_home_users_is_a_callout(revision: Imported, committed: Imported) -> None:
    new, old = revision.article["it"], committed.article["it"]
    assert new["home_users_title"] == "Nota"
    assert new["home_users"] == old["home_users"]
    assert new["intro"] == old["intro"] and new["more_info"] == old["more_info"]


def test_per_code_cause_and_solution_headings(revision: Imported, committed: Imported) -> None:
    new, old = by_code(revision), by_code(committed)
    labels = revision.article["it"]["labels"]
    # The first code's headings name the sections of every page.
    assert (labels["possible_cause"], labels["resolution"]) == ("Cause", "Soluzione")
    several = {"0x800706BA", "0x8007232B", "0xC004F00F"}
    for code, record in new.items():
        text, before = record["it"], old[code]["it"]
        assert text["possible_cause"] == before["possible_cause"], code
        assert text["title"] == before["title"] and text["full_message"] == before["full_message"]
        if code not in several:
            assert text["resolution"] == before["resolution"], code
    # Several solutions: each under its heading, in bold, the text as it was.
    resolution = new["0x800706BA"]["it"]["resolution"]
    assert resolution.startswith("**Soluzione 1**\n\nVerifica che nell'host")
    assert "\n\n**Soluzione 2**\n\nVerifica che i record SRV DNS" in resolution  # a ### heading
    assert "\n\n**Soluzione 3**\n\nRisolvere i problemi relativi alle connessioni" in resolution
    assert resolution.count("\n\n") == old["0x800706BA"]["it"]["resolution"].count("\n\n") + 3


# --- the plan: what changes in content/, the report, redirects -------------------------


def test_importing_the_revision_reports_each_anchor_change(content: Path, tmp_path: Path) -> None:
    plan = plan_import(revision_copy(tmp_path), content, "it")
    report = describe(plan)
    for code, (old, new) in ANCHOR_CHANGES.items():
        assert f"    anchor: {old} → {new} (old kept as a redirect)\n" in report, code
        assert "anchor" in plan.changed[code]
    assert report.count(" (old kept as a redirect)") == 11
    # Codes whose anchor stays say only which fields changed.
    assert plan.changed["0x800706BA"] == ["it.resolution"]
    assert "0x80070005" not in plan.changed
    assert "  article:   " in report and "source.metadata" in report
    assert report.endswith("  unchanged: 17 of 30 codes")


def test_old_anchors_are_kept_in_the_records(content: Path, tmp_path: Path) -> None:
    plan = plan_import(revision_copy(tmp_path), content, "it")
    plan.apply()
    for code, (old, new) in ANCHOR_CHANGES.items():
        data = yaml.safe_load((content / "codes" / f"{code.lower()}.yaml").read_text("utf-8"))
        assert (data["anchor"], data["old_anchors"]) == (new, [old]), code
        assert list(data)[:4] == ["code", "canonical", "anchor", "old_anchors"]
    untouched = yaml.safe_load((content / "codes" / "0x80070005.yaml").read_text("utf-8"))
    assert "old_anchors" not in untouched


def test_a_second_import_of_the_revision_changes_nothing(content: Path, tmp_path: Path) -> None:
    source = revision_copy(tmp_path)
    plan_import(source, content, "it").apply()
    before = {p: p.read_bytes() for p in sorted(content.rglob("*")) if p.is_file()}
    plan = plan_import(source, content, "it")
    assert describe(plan).endswith(": no changes.")
    plan.apply()
    assert {p: p.read_bytes() for p in sorted(content.rglob("*")) if p.is_file()} == before


def test_an_anchor_that_changes_again_keeps_every_old_one(content: Path, tmp_path: Path) -> None:
    source = revision_copy(tmp_path)
    plan_import(source, content, "it").apply()
    first, second = ANCHOR_CHANGES["0x8007232B"]
    third = "0x8007232b-dns-name-is-missing"
    source.write_text(source.read_text("utf-8").replace(second, third), encoding="utf-8")
    report = describe(plan := plan_import(source, content, "it"))
    assert f"    anchor: {second} → {third} (old kept as a redirect)\n" in report
    plan.apply()
    data = yaml.safe_load((content / "codes" / "0x8007232b.yaml").read_text("utf-8"))
    assert (data["anchor"], data["old_anchors"]) == (third, [first, second])
    # Back to an anchor it had: that one is the anchor again, the others stay redirects.
    source.write_text(source.read_text("utf-8").replace(third, first), encoding="utf-8")
    plan_import(source, content, "it").apply()
    data = yaml.safe_load((content / "codes" / "0x8007232b.yaml").read_text("utf-8"))
    assert (data["anchor"], data["old_anchors"]) == (first, [second, third])


def test_kb_import_of_the_revision_exits_0(content: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main, ["import", str(revision_copy(tmp_path)), "--lang", "it", "--content", str(content)]
    )
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout.count("(old kept as a redirect)") == 11


# --- what cannot be read: every problem at once ----------------------------------------


def test_the_english_original_is_read_but_for_the_paragraph_before_its_table() -> None:
    """The real English revision, through the same reader: the one thing it cannot place is
    the paragraph the revision added above the summary table (the article has no field for
    it). Everything else (headings without ``<a name>``, per-code headings, ``###``
    solution headings, comments, the list in the front matter) is read."""
    with pytest.raises(ImportSourceError) as caught:
        read("en", ENGLISH)
    text = ENGLISH.read_text(encoding="utf-8")
    line = text[: text.index("The following table lists")].count("\n") + 1
    assert caught.value.problems == [(line, "expected the summary table under this heading")]


def test_the_english_original_without_that_paragraph_is_read() -> None:
    text = ENGLISH.read_text(encoding="utf-8")
    start = text.index("The following table lists")
    text = text[:start] + text[text.index("\n", start) + 1 :]
    imported = import_article(
        text, file="en.md", lang="en", source_file="sources/en.md", url_path=URL_PATH
    )
    records = by_code(imported)
    assert len(records) == 30
    assert {code: records[code]["anchor"] for code in ANCHOR_CHANGES} == {
        code: new for code, (_, new) in ANCHOR_CHANGES.items()
    }
    assert imported.article["en"]["labels"]["possible_cause"] == "Causes"
    assert records["0x800706BA"]["en"]["resolution"].startswith(
        "**Solution 1: inspect the firewall**\n\nOn the KMS host"
    )
    assert (
        "**Solution 3: Troubleshoot network connections**"
        in (records["0x800706BA"]["en"]["resolution"])
    )


def several_problems() -> tuple[str, list[tuple[int, str]]]:
    """The revision broken in four unrelated places, and where each one is: an unknown
    activation type, an unknown heading, a code without solution, an unclosed comment."""
    text = REVISION.read_text(encoding="utf-8")
    text = text.replace("|MAK |\n", "|Retail |\n", 1)
    text = text.replace("0x80070005 Causa\n", "0x80070005 Motivo\n", 1)
    text = text.replace('#### <a name="solution-troubleshoot-connections"></a>Soluzione\n', "", 1)
    last = text.rindex("<!--no intro-->")  # the last comment: nothing after it closes it
    text = text[:last] + "<!--no intro" + text[last + len("<!--no intro-->") :]

    def line(needle: str) -> int:
        return text[: text.index(needle)].count("\n") + 1

    return text, [
        (line("|Retail |"), 'expected activation types among "MAK", '),
        (line("0x80070005 Motivo"), "expected a cause heading"),
        (line('### <a name="0x80092328'), "expected a solution heading"),
        (line("<!--no intro\n"), "expected '-->' closing this comment"),
    ]


def test_several_problems_are_reported_at_once() -> None:
    text, expected = several_problems()
    with pytest.raises(ImportSourceError) as caught:
        import_article(
            text, file="broken.md", lang="it", source_file="sources/x.md", url_path=URL_PATH
        )
    found = caught.value.problems
    assert [line for line, _ in found] == [line for line, _ in expected], found
    for (_, message), (_, fragment) in zip(found, expected, strict=True):
        assert message.startswith(fragment), (message, fragment)
    assert str(caught.value).splitlines() == [f"broken.md:{n}: {m}" for n, m in found]


def test_kb_import_lists_every_problem_and_writes_nothing(content: Path, tmp_path: Path) -> None:
    text, expected = several_problems()
    source = tmp_path / NAME
    source.write_text(text, encoding="utf-8")
    before = {p: p.read_bytes() for p in sorted(content.rglob("*")) if p.is_file()}
    result = CliRunner().invoke(
        main, ["import", str(source), "--lang", "it", "--content", str(content)]
    )
    assert (result.exit_code, result.stdout) == (1, "")
    lines = result.stderr.splitlines()
    assert lines[0].startswith(f"kb import: {source}:{expected[0][0]}: expected ")
    assert [line.split(":")[1] for line in lines[1:-1]] == [str(n) for n, _ in expected[1:]]
    assert lines[-1] == "Nothing was written."
    assert {p: p.read_bytes() for p in sorted(content.rglob("*")) if p.is_file()} == before
