"""``kb linkcheck`` on the real built site and on the offline zip (issue 6, item 5): every
internal link and ``#anchor`` resolves, external links are reported, never fetched."""

from __future__ import annotations

import re
import shutil
import zipfile
from pathlib import Path

from click.testing import CliRunner

from activation_kb.cli.main import main
from tests.site.conftest import CONTENT


def linkcheck(*args: str | Path) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["linkcheck", *map(str, args)])
    assert result.exception is None or isinstance(result.exception, SystemExit)
    return result.exit_code, result.stdout, result.stderr


def content_urls() -> set[str]:
    """Every link target written in the content, read straight from the YAML."""
    text = "".join(path.read_text("utf-8") for path in sorted(CONTENT.rglob("*.yaml")))
    return set(re.findall(r"\]\((https?://[^)\s]+)\)", text))


def report_urls(report: Path) -> list[str]:
    return [line for line in report.read_text("utf-8").splitlines()[2:] if line[:1] not in " "]


def test_the_built_site_has_no_broken_link_and_reports_its_external_ones(
    built_site: Path, tmp_path: Path
) -> None:
    report = tmp_path / "external.txt"
    code, out, err = linkcheck(built_site, "--report", report)
    urls = report_urls(report)
    assert (code, out) == (0, "")
    assert err == (
        f"{built_site}: 0 problems, {len(urls)} external links (not fetched), listed in {report}\n"
    )
    assert content_urls() <= set(urls)
    # The attribution's links are on every page of both languages.
    pages = report.read_text("utf-8").split("https://creativecommons.org/licenses/by/4.0/\n")[1]
    listed = re.match(r"((?:    \S+\n)+)", pages)
    assert listed is not None
    language_pages = [*built_site.glob("it/**/index.html"), *built_site.glob("en/**/index.html")]
    assert len(listed.group(1).splitlines()) == len(language_pages)


def test_the_offline_zip_is_checked_as_read_from_disk(offline_zip: Path) -> None:
    code, out, err = linkcheck(offline_zip)
    assert (code, out) == (0, "")
    assert err.startswith(f"{offline_zip}: 0 problems, ")


def test_a_zip_of_the_served_site_is_not_fit_for_file_urls(
    built_site: Path, tmp_path: Path
) -> None:
    bundle = tmp_path / "site.zip"
    with zipfile.ZipFile(bundle, "w") as archive:
        for path in sorted(built_site.rglob("*")):
            archive.write(path, Path("site") / path.relative_to(built_site))
    code, out, _ = linkcheck(bundle)
    assert code == 1
    assert "it/index.html: link '0x80070005/' names a folder: from file:// it shows the " in out


def test_a_missing_anchor_is_found_wherever_it_is_linked(built_site: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(built_site, site)
    page = site / "en" / "0x80070005" / "index.html"
    html = page.read_text("utf-8")
    assert html.count('id="resolution"') == 1
    page.write_text(html.replace('id="resolution"', 'id="resolution-renamed"'), "utf-8")
    code, out, err = linkcheck(site)
    missing = "en/0x80070005/index.html has no id 'resolution'"
    assert code == 1
    assert out.splitlines() == [
        f"en/0x80070005/index.html: missing anchor '#resolution': {missing}",
        f"en/index.html: missing anchor '0x80070005/#resolution': {missing}",
    ]
    assert err.startswith(f"{site}: 2 problems, ")


def test_a_target_that_is_no_site_is_a_usage_error(tmp_path: Path) -> None:
    text = tmp_path / "notes.txt"
    text.write_text("x", encoding="utf-8")
    assert linkcheck(text) == (
        2,
        "",
        f"error: {text} is neither a site folder nor a zip: File is not a zip file\n",
    )
