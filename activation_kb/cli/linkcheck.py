"""``kb linkcheck``: check a built site or the offline zip, and list its external links."""

from __future__ import annotations

import sys
import tempfile
import zipfile
from pathlib import Path

import click

from activation_kb.cli.common import reports_errors
from activation_kb.domain.errors import UsageError
from activation_kb.domain.model import LANGUAGES
from activation_kb.site.linkcheck import check_site, external_links

__all__ = ["command", "external_report"]


@click.command("linkcheck")
@click.argument(
    "target",
    type=click.Path(exists=True, resolve_path=True, path_type=Path),
    default=Path("site"),
    required=False,
)
@click.option(
    "--report",
    type=click.Path(dir_okay=False, resolve_path=True, path_type=Path),
    help="Write the external links, each with the pages that have it, to this file.",
)
@click.option(
    "--on-disk",
    is_flag=True,
    help="TARGET is opened from file:// (an unzipped bundle): links to folders are dead.",
)
@reports_errors
def command(target: Path, report: Path | None, on_disk: bool) -> None:
    """Check every internal link and #anchor of TARGET: a built site folder (default:
    site) or the offline zip (read as from file://). External links are listed, never
    fetched.

    Prints each problem as page: problem and exits 1 when there are any, else 0; exits 2
    when TARGET is no built site (no index.html, no language folder).
    """
    with tempfile.TemporaryDirectory(prefix="kb-linkcheck-") as temporary:
        root = _unpacked(target, Path(temporary)) if target.is_file() else target
        _refuse_what_is_no_site(target, root)
        problems = check_site(root, on_disk=on_disk or target.is_file())
        links = external_links(root)
    for problem in problems:
        click.echo(problem)
    summary = f"{target}: {len(problems)} problem{'s' if len(problems) != 1 else ''}"
    summary += f", {len(links)} external link{'s' if len(links) != 1 else ''} (not fetched)"
    if report is not None:
        try:
            report.parent.mkdir(parents=True, exist_ok=True)
            report.write_text(external_report(str(target), links), encoding="utf-8")
        except OSError as error:
            raise UsageError(f"cannot write {report}: {error.strerror}") from None
        summary += f", listed in {report}"
    click.echo(summary, err=True)
    if problems:
        sys.exit(1)


def external_report(target: str, links: dict[str, list[str]]) -> str:
    """The report: each external URL, then the pages that link to it, indented."""
    lines = [f"External links of {target}: {len(links)}, not fetched (no network here).", ""]
    for url, pages in links.items():
        lines.append(url)
        lines += [f"    {page}" for page in pages]
    return "\n".join(lines) + "\n"


def _refuse_what_is_no_site(target: Path, root: Path) -> None:
    """A built site has the language redirect at its root and at least one language's
    landing page (``kb build --lang it`` builds one)."""
    missing = [] if (root / "index.html").is_file() else ["no index.html"]
    if not any((root / lang / "index.html").is_file() for lang in LANGUAGES):
        missing.append(f"no {' or '.join(f'{lang}/index.html' for lang in LANGUAGES)}")
    if missing:
        raise UsageError(f"{target} is not a built site: {', '.join(missing)}")


def _unpacked(archive: Path, into: Path) -> Path:
    """The site inside ``archive``: its one top folder, or the archive's root."""
    try:
        with zipfile.ZipFile(archive) as bundle:
            bundle.extractall(into)  # drops absolute paths and ".." from member names
    except zipfile.BadZipFile as error:
        raise UsageError(f"{archive} is neither a site folder nor a zip: {error}") from None
    entries = list(into.iterdir())
    return entries[0] if len(entries) == 1 and entries[0].is_dir() else into
