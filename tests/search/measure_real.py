"""Measure `kb search` on the real queries of tests/search/real_queries.yaml (issue 16).

Standalone: not a pytest test, and it asserts nothing. It runs `kb search` once per entry
against a built site (`kb build` first) and prints top-1 accuracy by kind and language,
then every miss with the rank of the expected page in the top --limit results.

    .venv/bin/kb build --no-offline
    .venv/bin/python tests/search/measure_real.py [--limit 5] [--jobs 2] [--json out.json]

How an entry counts as a top-1 hit:
  code, symptom  the first result is the expected page ("" is the landing page);
  undocumented   (expect "go:<code>") no page of one of our codes comes first: an empty
                 result, the landing page, or a go/ page are all fine.

Queries are passed after "--", so one that starts with "-" is read as a query. For those,
the script also runs the command without "--" and reports whether the answer differs
(the known bug: such a query may be misread as an option).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
KINDS = ("code", "symptom", "undocumented")


def run_search(kb: str, site: str, lang: str, query: str, limit: int, dashdash: bool = True):
    """The ranked urls (relative to the language root), or an error string."""
    cmd = [kb, "search", "--lang", lang, "--site", site, "--json", "--limit", str(limit)]
    cmd += ["--", query] if dashdash else [query]
    proc = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT)
    if proc.returncode not in (0, 1):
        return f"exit {proc.returncode}: {proc.stderr.strip()[:200]}"
    try:
        results = json.loads(proc.stdout or "[]")
    except json.JSONDecodeError:
        return f"not JSON: {proc.stdout.strip()[:200]}"
    prefix = f"{lang}/"
    return [r["url"][len(prefix) :] if r["url"].startswith(prefix) else r["url"] for r in results]


def is_code_page(url: str) -> bool:
    return url.startswith("0x") and url.endswith("/") and "/" not in url[:-1]


def judge(entry: dict, urls: list[str]) -> tuple[bool, int | None]:
    """(top-1 hit, rank of the expected page or None) for one entry."""
    expect = entry["expect"]
    if expect.startswith("go:"):
        first = urls[0] if urls else None
        hit = first is None or not is_code_page(first)
        ranks = [i for i, u in enumerate(urls, 1) if u.startswith("go/")]
        return hit, (ranks[0] if ranks else None)
    rank = urls.index(expect) + 1 if expect in urls else None
    return rank == 1, rank


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--file", default=str(HERE / "real_queries.yaml"))
    parser.add_argument("--kb", default=str(ROOT / ".venv" / "bin" / "kb"))
    parser.add_argument("--site", default="site")
    parser.add_argument("--limit", type=int, default=5)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--json", dest="json_out", help="also write every result to this file")
    args = parser.parse_args()

    entries = yaml.safe_load(Path(args.file).read_text(encoding="utf-8"))
    if not (Path(ROOT) / args.site / "en").is_dir():
        print(f"no built site at {args.site}/: run `kb build --no-offline` first", file=sys.stderr)
        return 2

    def one(entry):
        return run_search(args.kb, args.site, entry["lang"], entry["query"], args.limit)

    with ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        answers = list(pool.map(one, entries))

    rows, errors, dash = [], [], []
    for entry, urls in zip(entries, answers, strict=True):
        if isinstance(urls, str):
            errors.append((entry, urls))
            urls = []
        hit, rank = judge(entry, urls)
        rows.append({**entry, "hit": hit, "rank": rank, "results": urls})
        if entry["query"].startswith("-"):
            plain = run_search(args.kb, args.site, entry["lang"], entry["query"], args.limit, False)
            dash.append((entry, plain, urls))

    table = defaultdict(lambda: [0, 0])
    for row in rows:
        for key in ((row["kind"], row["lang"]), (row["kind"], "all"), ("all", "all")):
            table[key][0] += 1
            table[key][1] += row["hit"]

    print(f"{'kind':<13} {'lang':<4} {'count':>5} {'top-1':>7}")
    for kind in (*KINDS, "all"):
        for lang in ("en", "it", "all"):
            if (kind, lang) in table:
                n, hits = table[(kind, lang)]
                print(f"{kind:<13} {lang:<4} {n:>5} {100 * hits / n:>6.1f}%")

    misses = [row for row in rows if not row["hit"]]
    print(
        f"\n{len(misses)} misses (rank of the expected page in the top {args.limit}; '-': absent):"
    )
    for kind in KINDS:
        for row in (r for r in misses if r["kind"] == kind):
            rank = "-" if row["rank"] is None else str(row["rank"])
            first = row["results"][0] if row["results"] else "(nothing)"
            first = first or "(landing)"
            expect = row["expect"] or "(landing)"
            print(
                f"  [{kind}/{row['lang']}] rank {rank:>2}  expect {expect:<16} got {first:<16}"
                f" {row['query'][:90]!r}"
            )
    for entry, message in errors:
        print(f"  ERROR {entry['query'][:60]!r}: {message}")
    for entry, plain, quoted in dash:
        same = "same answer" if plain == quoted else f"DIFFERENT without '--': {plain!r:.100}"
        print(f"  leading '-': {entry['query'][:60]!r}: {same}")
    if not dash:
        print("  (no query starts with '-': the option-misreading bug is not exercised)")

    if args.json_out:
        text = json.dumps(rows, ensure_ascii=False, indent=1)
        Path(args.json_out).write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
