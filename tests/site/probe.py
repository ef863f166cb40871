"""A hostile record: the real content with every text field of one record holding markup
that would run script if anything on the way to the page let it through."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from activation_kb.content.loader import assemble, load
from activation_kb.domain.model import LANGUAGES
from activation_kb.engine import mkdocs as engine
from activation_kb.pipeline.generate import write_language
from activation_kb.render.files import root_files

ROOT = Path(__file__).resolve().parents[2]
PROBE_FILE = "codes/0x80070005.yaml"
PROBE_CODE = "0x80070005"

# Each payload sets window.__pwned to its own number, so a failure says which one ran.
# "</title>" tries to leave the <title> element, where themes write the page title.
PROBE = (
    '</title><script>window.__pwned=1</script><img src=x onerror="window.__pwned=2"> '
    "[x](javascript:window.__pwned=3) <javascript:window.__pwned=4> "
    "{: onclick=window.__pwned=11 }"
)
# Markdown fields also get a reference definition, an entity-disguised scheme, attribute
# lists after a code span and after a safe link, attributes on a fence and a heading.
ATTRIBUTES = '`slmgr`{: onfocus="window.__pwned=7" autofocus tabindex="1" }'
JAVASCRIPT_HREF = '{: href="javascript:window.__pwned=8" }'
PROBE_MARKDOWN = (
    f"{PROBE}\n\n[y]: javascript:window.__pwned=5\n\n- [z](&#106;avascript:window.__pwned=6)"
    f"\n\n{ATTRIBUTES} [w](https://example.com/){JAVASCRIPT_HREF}"
    '\n\n```{ .x onclick="window.__pwned=9" }\ncode\n```'
    '\n\n# h {: onclick="window.__pwned=10" }'
)
PLAIN_FIELDS = ("title", "summary_message", "full_message")
MARKDOWN_FIELDS = ("explanation", "possible_cause", "resolution", "notes")


def probe_record() -> str:
    """The probe's YAML, one line per field (JSON strings are YAML flow scalars)."""
    lines = [
        f"code: '{PROBE_CODE}'",
        f"canonical: '{PROBE_CODE}'",
        "anchor: 0x80070005-access-denied",
        "activation_types:",
        "  - mak",
        "diagnostic_tool: false",
        "related: []",
    ]
    for lang in LANGUAGES:
        lines.append(f"{lang}:")
        lines += [f"  {name}: {json.dumps(PROBE)}" for name in PLAIN_FIELDS]
        lines += [f"  {name}: {json.dumps(PROBE_MARKDOWN)}" for name in MARKDOWN_FIELDS[:-1]]
        lines.append(f"  notes: [{json.dumps(PROBE_MARKDOWN)}]")
    return "\n".join(lines) + "\n"


def probe_line(lang: str, field: str) -> int:
    """The line of ``lang``'s ``field`` in :func:`probe_record`."""
    lines = probe_record().splitlines()
    block = lines.index(f"{lang}:")
    return next(
        number
        for number, line in enumerate(lines, start=1)
        if number > block and line.startswith(f"  {field}:")
    )


def probe_content(base: Path) -> Path:
    """A copy of ``content/`` under ``base`` with the probe in place of one record."""
    content = base / "content"
    shutil.copytree(ROOT / "content", content)
    (content / PROBE_FILE).write_text(probe_record(), encoding="utf-8")
    return content


def build_probe_site(base: Path) -> Path:
    """The probe rendered and built by the real renderer and engine, without ``kb check``
    (which refuses it): what a page would be if refused content got through."""
    content, problems = assemble(load(probe_content(base)))
    assert content is not None, problems
    docs = base / "docs"
    for lang in LANGUAGES:
        write_language(content, lang, docs / lang)
    site = base / "site"
    site.mkdir()
    engine.build(
        [engine.EngineTask(lang, docs / lang, site / lang) for lang in LANGUAGES], base / "work"
    )
    for name, text in root_files(content).items():
        (site / name).write_text(text, encoding="utf-8")
    return site
