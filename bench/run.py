"""``make bench``: build synthetic catalogues of N codes and report what each build costs.

For each N: synthetic content (:mod:`bench.synthetic`) in a temporary folder, the real
``kb build`` on it as a subprocess with ``--report``, and then the stage timings (generator,
each engine build, check, zip), the wall time, memory, sizes on disk, a code page's weight
and, in chromium, the search latency. Prints two Markdown tables and writes everything as
JSON (``bench/results/latest.json``).

Timings vary with the machine and with what else runs on it: the JSON keeps the machine's
facts and load average beside the numbers. Nothing here asserts a timing.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path
from typing import Any

from activation_kb.domain.codes import forms
from activation_kb.domain.model import LANGUAGES
from activation_kb.site.linkcheck import scan_html
from bench.measure import gzip_bytes, machine, run_measured, tree_bytes
from bench.report import RESULTS, print_tables, ratios
from bench.synthetic import synthetic_codes, write_content

__all__ = ["bench_one", "main"]

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SIZES = (30, 300, 3000)
QUERIES = {"it": ["attivazione", "0x8007"], "en": ["activation", "0x8007"]}
"""A word of most pages and the start of a code, typed as a help-desk agent would."""
CODE_QUERIES = 2
"""Complete codes pasted into a fresh page's box: the first and the last of the catalogue."""

_MB = 2**20


def bench_one(count: int, folder: Path, *, jobs: int | None, browser: bool) -> dict[str, Any]:
    """Build ``count`` synthetic codes under ``folder`` and measure the build."""
    content, site, work = folder / "content", folder / "site", folder / "work"
    report_file = folder / "report.json"
    write_content(count, content)
    kb = Path(sys.executable).with_name("kb")
    command = [str(kb), "build", "--content", str(content), "--out", str(site)]
    command += ["--work", str(work), "--dist", str(folder / "dist"), "--report", str(report_file)]
    if jobs:
        command += ["--jobs", str(jobs)]
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}
    finished = run_measured(command, PROJECT_ROOT, environment)
    if finished.status != 0:
        raise SystemExit(f"kb build failed for N={count}:\n{finished.output}")
    report = json.loads(report_file.read_text(encoding="utf-8"))
    stages = report["stages"]

    def seconds(prefix: str) -> float:
        return round(sum(s["seconds"] for s in stages if s["name"].startswith(prefix)), 3)

    stage_sum = sum(stage["seconds"] for stage in stages)
    # What each stage would take alone, one process: its CPU time when it used several
    # processes (the checks and the offline tree share their pages among the cores).
    serial_sum = sum(max(stage["seconds"], stage["cpu"] or 0.0) for stage in stages)
    code = forms(synthetic_codes(1)[0]).slug
    row: dict[str, Any] = {
        "n": count,
        "wall_s": round(finished.seconds, 3),
        "build_s": round(report["seconds"], 3),
        "cpu_s": round(finished.cpu_seconds, 3),
        "jobs": report["jobs"],
        "generate_s": seconds("generate"),
        "generate_cpu_s": round(sum(s["cpu"] or 0 for s in stages if s["name"] == "generate"), 3),
        "engine_s": {
            s["name"].split(":", 1)[1]: round(s["seconds"], 3)
            for s in stages
            if s["name"].startswith("engine:")
        },
        "check_s": seconds("check"),
        "offline_s": seconds("offline"),
        "zip_s": seconds("zip"),
        "bundle_bytes": Path(report["bundle"]).stat().st_size if report.get("bundle") else None,
        "stages_sum_s": round(stage_sum, 3),
        "wall_over_sum": round(report["seconds"] / stage_sum, 3),
        "stages_serial_s": round(serial_sum, 3),
        "wall_over_serial": round(report["seconds"] / serial_sum, 3),
        "generate_share": round(seconds("generate") / finished.seconds, 4),
        "peak_tree_rss_mb": round(finished.peak_tree_rss / _MB, 1),
        "max_process_rss_mb": round(finished.max_process_rss / _MB, 1),
        "site_mb": round(tree_bytes(site) / _MB, 2),
        "search_index_bytes": {
            lang: tree_bytes(site / lang / "search" / "kb") for lang in LANGUAGES
        },
        "search_index_files": {
            lang: len(list((site / lang / "search" / "kb").glob("*.js"))) for lang in LANGUAGES
        },
        "code_page": f"it/{code}/",
        "code_page_bytes": (site / "it" / code / "index.html").stat().st_size,
        "first_load_gzip_bytes": first_load_static(site, f"it/{code}/index.html"),
        # Pages that are not code pages, whose size may follow the number of codes.
        "other_pages": {
            name: {"bytes": len(data), "gzip_bytes": gzip_bytes(data)}
            for name in ("it/index.html", "go/index.html", "404.html")
            if (data := _read(site / name)) is not None
        },
        "stages": stages,
    }
    if browser:
        from bench.browser import browse  # Playwright only when it is wanted

        every = synthetic_codes(count)
        codes = [forms(every[0]).canonical, forms(every[-1]).canonical][:CODE_QUERIES]
        seen = browse(site, f"it/{code}/", "it/", QUERIES["it"], codes)
        row["browser_first_load"] = vars(seen.first_load)
        row["code_queries"] = [vars(query) for query in seen.code_queries]
        row["first_answers"] = [vars(answer) for answer in seen.first_answers]
        row["search"] = [vars(timing) for timing in seen.later]
    return row


def _read(path: Path) -> bytes | None:
    return path.read_bytes() if path.is_file() else None


def first_load_static(site: Path, page: str) -> int:
    """Gzip bytes of ``page`` and of every file it makes the browser fetch (stylesheets,
    scripts, icons), as read from its HTML. Not the search index: the theme's script asks
    for it, which the browser measurement shows (``browser_first_load``)."""
    html = (site / page).read_bytes()
    total = gzip_bytes(html)
    base = (site / page).parent
    for url, loaded in scan_html(html.decode("utf-8")).links:
        if loaded and "://" not in url and not url.startswith("data:"):
            target = (base / url.split("#")[0].split("?")[0]).resolve()
            if target.is_file():
                total += gzip_bytes(target.read_bytes())
    return total


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="make bench", description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, nargs="+", default=list(DEFAULT_SIZES), metavar="N")
    parser.add_argument("--jobs", type=int, default=None, help="engine builds at once")
    parser.add_argument("--no-browser", action="store_true", help="skip chromium measurements")
    parser.add_argument("--out", type=Path, default=RESULTS, help="where the JSON goes")
    args = parser.parse_args(argv)
    facts = machine()
    rows = []
    for count in args.n:
        with tempfile.TemporaryDirectory(prefix=f"kb-bench-{count}-") as folder:
            print(f"N = {count} …", file=sys.stderr, flush=True)
            rows.append(bench_one(count, Path(folder), jobs=args.jobs, browser=not args.no_browser))
    result = {"machine": facts, "rows": rows, "ratios": ratios(rows)}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print_tables(result)
    print(f"\nwritten to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
