"""``make lighthouse``: Lighthouse's accessibility and SEO scores of the reader's pages,
written into docs/accessibility.md.

Usage: ``python -m tests.site.lighthouse [DOC]``. Builds the site of ``content/`` into a
temporary folder, serves it on 127.0.0.1 as nginx does (a missing address gets the root
404.html), and runs Lighthouse (``.cache/npm``, ``make lighthouse`` installs the pinned
version) with Debian's chromium, headless, on the landing page and a code page in each
language, as a phone (Lighthouse's default) and as a desktop. The table between the
markers of ``DOC`` (docs/accessibility.md) is replaced with the scores, the date and the
versions. Exits 1, naming the failed audits, when a required page (English landing and
code page) scores under 100 in either category: the scores are a check, not a decoration.
"""

from __future__ import annotations

import datetime
import functools
import http.server
import json
import os
import re
import subprocess
import sys
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path

from activation_kb.pipeline.build import build_site
from tests.site.browser import CHROMIUM
from tests.site.conftest import CONTENT, ROOT, NotFoundHandler

LIGHTHOUSE = ROOT / ".cache" / "npm" / "node_modules" / "lighthouse" / "cli" / "index.js"
CATEGORIES = ("accessibility", "seo")
PAGES = ("en/", "en/0xc004f074/", "it/", "it/0xc004f074/")
REQUIRED = ("en/", "en/0xc004f074/")
"""The pages that must score 100 in every category (the issue's acceptance)."""
FORM_FACTORS = {"mobile": [], "desktop": ["--preset=desktop"]}
START = "<!-- lighthouse:start -->"
END = "<!-- lighthouse:end -->"
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage"


@dataclass(frozen=True)
class Run:
    page: str
    form_factor: str
    scores: dict[str, int]
    failed: list[str]
    version: str
    axe: str
    """The axe-core version inside Lighthouse."""


class _Quiet(NotFoundHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def lighthouse(url: str, form_factor: str, output: Path) -> dict:
    """One Lighthouse run of ``url``: its JSON report."""
    command = ["node", str(LIGHTHOUSE), url, f"--only-categories={','.join(CATEGORIES)}"]
    command += [*FORM_FACTORS[form_factor], f"--chrome-flags={CHROME_FLAGS}"]
    command += ["--output=json", f"--output-path={output}", "--quiet"]
    environment = {**os.environ, "CHROME_PATH": CHROMIUM}
    # Once more when it fails: now and then chromium does not answer Lighthouse in time on
    # a busy machine. A second failure is shown and stops the run.
    for _ in range(2):
        done = subprocess.run(command, env=environment, capture_output=True, text=True, timeout=300)
        if done.returncode == 0:
            return json.loads(output.read_text("utf-8"))
    sys.exit(f"lighthouse failed on {url} ({form_factor}):\n{done.stderr[-2000:]}")


def run(base: str, page: str, form_factor: str, work: Path) -> Run:
    report = lighthouse(f"{base}/{page}", form_factor, work / "report.json")
    scores = {name: round(report["categories"][name]["score"] * 100) for name in CATEGORIES}
    failed = [
        f"{audit['id']}: {audit['title']}"
        for name in CATEGORIES
        for reference in report["categories"][name]["auditRefs"]
        if reference["weight"]
        for audit in [report["audits"][reference["id"]]]
        if audit["score"] is not None and audit["score"] < 1
    ]
    axe = report["environment"].get("credits", {}).get("axe-core", "?")
    return Run(page, form_factor, scores, failed, report["lighthouseVersion"], axe)


def chromium_version() -> str:
    """``156.0.8078.114``: the user agent Lighthouse reports says ``156.0.0.0``."""
    said = subprocess.run([CHROMIUM, "--version"], capture_output=True, text=True).stdout
    found = re.search(r"\d+(?:\.\d+)+", said)
    return found.group(0) if found else said.strip()


def table(runs: list[Run], day: datetime.date, browser: str) -> str:
    lines = [
        f"Measured on {day.isoformat()} by `make lighthouse`: Lighthouse {runs[0].version}"
        f" (its axe-core {runs[0].axe}), Debian's Chromium {browser}, headless.",
        "",
        "| Page | Form factor | Accessibility | SEO |",
        "| --- | --- | --- | --- |",
    ]
    for found in runs:
        lines.append(
            f"| `/{found.page}` | {found.form_factor} | {found.scores['accessibility']} |"
            f" {found.scores['seo']} |"
        )
    return "\n".join(lines)


def write(doc: Path, text: str) -> None:
    current = doc.read_text("utf-8")
    if START not in current or END not in current:
        sys.exit(f"{doc} has no {START} … {END} markers for the scores")
    before, rest = current.split(START, 1)
    _, after = rest.split(END, 1)
    doc.write_text(f"{before}{START}\n{text}\n{END}{after}", encoding="utf-8")


def main(doc: Path) -> int:
    if not LIGHTHOUSE.is_file():
        sys.exit(f"Lighthouse is missing ({LIGHTHOUSE.relative_to(ROOT)}): run `make lighthouse`")
    with tempfile.TemporaryDirectory(prefix="kb-lighthouse-") as folder:
        work = Path(folder)
        build_site(CONTENT, work / "site", work / "build")
        handler = functools.partial(_Quiet, directory=str(work / "site"))
        with http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler) as server:
            threading.Thread(target=server.serve_forever, daemon=True).start()
            base = f"http://127.0.0.1:{server.server_port}"
            runs = [
                run(base, page, form_factor, work)
                for page in PAGES
                for form_factor in FORM_FACTORS
            ]
            server.shutdown()
    write(doc, table(runs, datetime.date.today(), chromium_version()))
    short = [
        found for found in runs if found.page in REQUIRED and min(found.scores.values()) < 100
    ]
    for found in runs:
        print(f"/{found.page} ({found.form_factor}): {found.scores}")
        for audit in found.failed:
            print(f"    {audit}")
    if short:
        print("under 100: " + ", ".join(f"/{r.page} ({r.form_factor})" for r in short))
        return 1
    return 0


if __name__ == "__main__":
    if len(sys.argv) > 2:
        sys.exit("usage: python -m tests.site.lighthouse [DOC]")
    sys.exit(main(Path(sys.argv[1]) if len(sys.argv) == 2 else ROOT / "docs" / "accessibility.md"))
