"""``kb search``: the site's search from the terminal, same pages in the same order.

Reads a built site's search index (``site/{lang}/search/kb/``) and ranks the pages as the
site's search box does (:mod:`activation_kb.site.search`: the same files, the same
ranking), so an agent without a browser, or a script, gets the page the site would show
first.
"""

from __future__ import annotations

import json
from pathlib import Path

import click

from activation_kb.cli.common import TextArguments, folder_type, reports_errors
from activation_kb.domain.errors import UsageError
from activation_kb.domain.model import LANGUAGES
from activation_kb.site.search import SiteSearch, index_path

__all__ = ["command"]

EXIT_NOTHING_FOUND = 1


@click.command(name="search", cls=TextArguments)
@click.argument("words", nargs=-1, required=True, metavar="QUERY...")
@click.option(
    "--lang",
    type=click.Choice(LANGUAGES),
    default=LANGUAGES[0],
    show_default=True,
    help="Which language's site to search.",
)
@click.option(
    "--site",
    "site_dir",
    type=folder_type(),
    default=Path("site"),
    show_default=True,
    help="The built site (as `kb build` writes it).",
)
@click.option("--limit", type=click.IntRange(min=1), default=10, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Print a JSON list instead of text.")
@reports_errors
def command(words: tuple[str, ...], lang: str, site_dir: Path, limit: int, as_json: bool) -> None:
    """Rank the pages of the built site for QUERY, as the site's search box does.

    QUERY may be words, a command (slmgr /dli) or a code in any form (0xC004F074,
    C004F074, 3221549172, -1073418124), quoted or not; it is taken as typed, even when it
    begins with "-" (only this command's options are options; after -- nothing is).
    Exits 1 when nothing matches, 2 when the query is not one the search can read.
    """
    query = " ".join(words)
    path = index_path(site_dir, lang)
    if not path.is_dir():
        raise UsageError(f"no search index at {path}; build the site (`make site`) or use --site")
    hits = SiteSearch(path).search(query)[:limit]
    rows = [
        {"rank": rank, "title": hit.title, "url": hit.url}
        for rank, hit in enumerate(hits, start=1)
    ]
    if as_json:
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
    else:
        width = len(str(len(rows)))
        for row in rows:
            click.echo(f"{row['rank']:>{width}}. {row['title']}  ({row['url']})")
    if not hits:
        if not as_json:
            click.echo(f"nothing found for {query!r}", err=True)
        raise SystemExit(EXIT_NOTHING_FOUND)
