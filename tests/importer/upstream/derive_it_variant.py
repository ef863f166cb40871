"""Write the Italian-shaped variant of the 2023-08-24 revision (see README.md).

No Italian translation of that revision exists, so this applies its *structural* changes to
our Italian source (the 2019 translation) and nothing else: front matter keys, the note for
home users, editor comments, heading anchors and the summary table's links, per-code cause
and solution headings. Every Italian sentence is the 2019 one; the only Italian words added
are heading labels ("Causa", "Soluzione", …). Run it from anywhere:
``python tests/importer/upstream/derive_it_variant.py``.
"""

from __future__ import annotations

import re
from pathlib import Path

HERE = Path(__file__).resolve().parent
ITALIAN = HERE.parents[2] / "content" / "sources" / "activation-error-codes.it-it.md"
ENGLISH = HERE / "activation-error-codes.2023-08-24.en-us.md"
OUTPUT = HERE / "activation-error-codes.2023-08-24.it-it.md"

# Front matter: the keys the English revision changed, added or removed. Title and
# description stay Italian; the localization keys (ms.openlocfilehash, …) stay as they were.
FRONT_MATTER = {
    "ms.topic: article\n": "ms.topic: troubleshooting\n",
    "ms.date: 9/18/2019\n": "ms.date: 8/24/2023\n",
    "ms.technology: server-general\n": "",
    "ms.author: kaushika-msft; v-tea\n": (
        "ms.author: kaushika\nms.custom:\n  - CI ID 116803\n  - CSSTroubleshoot\n"
        "manager: dcscontentpm\n"
    ),
    "ms.localizationpriority: medium\n": "",
}
HOME_USERS = ("> **Utenti domestici**  \n", "> [!NOTE]\n")
TABLE_HEADER = "|Codice di errore |"

# The English heading labels and their Italian labels.
CAUSE_LABELS = {"Causes": "Cause", "Cause": "Causa", "cause": "causa", "Possible cause": None}
SOLUTION_LABELS = {"Solution": "Soluzione", "Resolution": "Risoluzione"}

_CODE_HEADING = re.compile(r"^### (0x[0-9A-Fa-f]{8}) ", re.M)
_SUB_HEADING = re.compile(r"^(#{3,4}) (.+)$", re.M)
_COMMENT = re.compile(r"^<!--.*-->$", re.M)
_LINK = re.compile(r"^\|\[(0x[0-9A-Fa-f]{8})\]\(#([^)]+)\)", re.M)


def slug(heading: str) -> str:
    """The id DocFX gives an English heading: lower case, punctuation dropped, hyphens."""
    return re.sub(r"[^\w -]|_", "", heading.lower()).replace(" ", "-")


def english_sections(text: str) -> dict[str, dict[str, object]]:
    """Per code (lower case): the heading anchor, sub-headings and comments of its section."""
    starts = [match.start() for match in _CODE_HEADING.finditer(text)]
    sections: dict[str, dict[str, object]] = {}
    for start, end in zip(starts, [*starts[1:], len(text)], strict=True):
        section = text[start:end]
        heading, body = section.split("\n", 1)
        code = heading.split()[1].lower()
        first_sub = _SUB_HEADING.search(body)
        assert first_sub is not None
        intro, subs = body[: first_sub.start()], body[first_sub.start() :]
        headings = [(m.group(1), m.group(2)) for m in _SUB_HEADING.finditer(subs)]
        sections[code] = {
            "anchor": slug(heading.removeprefix("### ")),
            "intro_comment": next(iter(_COMMENT.findall(intro)), None),
            "cause": headings[0][1],
            "solutions": headings[1:],
            "closing_comment": next(iter(_COMMENT.findall(subs)), None),
        }
    return sections


def italian_cause(code: str, english: str) -> str:
    if english == "Possible cause":
        return '#### <a name="possible-cause"></a>Possibile causa'
    coded = english.lower().startswith(code)
    label = english[len(code) :].strip() if coded else english
    prefix = english[: len(code)] + " " if coded else ""
    return f'#### <a name="{slug(english)}"></a>{prefix}{CAUSE_LABELS[label]}'


def italian_solution(level: str, english: str) -> str:
    word, _, rest = english.partition(" ")
    label, number = word.rstrip(":"), rest.split(":")[0] if word[-1] != ":" else ""
    italian = SOLUTION_LABELS[label] + (f" {number}" if number else "")
    return f'{level} <a name="{slug(english)}"></a>{italian}'


def derive(italian: str, english: str) -> str:
    for old, new in [*FRONT_MATTER.items(), HOME_USERS]:
        assert italian.count(old) == 1, old
        italian = italian.replace(old, new)
    comment = _COMMENT.search(english[english.index("## Summary of error codes") :])
    assert comment is not None
    italian = italian.replace(TABLE_HEADER, f"{comment.group(0)}\n\n{TABLE_HEADER}", 1)
    links = dict(_LINK.findall(english))
    italian = _LINK.sub(lambda m: f"|[{m.group(1)}](#{links[m.group(1)]})", italian)
    sections = english_sections(english)
    head, *parts = re.split(r'(?m)^(?=### <a name=")', italian)
    return head + "".join(_section(part, sections) for part in parts)


def _section(part: str, sections: dict[str, dict[str, object]]) -> str:
    heading, body = part.split("\n", 1)
    code = re.search(r"</a>(0x[0-9A-Fa-f]{8}) ", heading).group(1).lower()  # type: ignore[union-attr]
    shape = sections[code]
    heading = re.sub(r'<a name="[^"]+">', f'<a name="{shape["anchor"]}">', heading)
    intro, rest = body.split('#### <a name="possible-cause"></a>Possibile causa\n', 1)
    cause, resolution = rest.split('#### <a name="resolution"></a>Risoluzione\n', 1)
    if shape["intro_comment"]:
        intro = f"\n{shape['intro_comment']}\n{intro}"
    text = resolution.strip("\n")
    leading = resolution[: resolution.index(text)]
    trailing = resolution[resolution.index(text) + len(text) :]
    solutions: list[tuple[str, str]] = shape["solutions"]  # type: ignore[assignment]
    paragraphs = text.split("\n\n")
    assert len(paragraphs) >= len(solutions), code
    # The i-th solution takes the i-th paragraph, the last one the rest (as in the English).
    count = len(solutions)
    chunks = [*paragraphs[: count - 1], "\n\n".join(paragraphs[count - 1 :])]
    resolved = "\n\n".join(
        f"{italian_solution(level, english)}\n{leading if index == 0 else chr(10)}{chunk}"
        for index, ((level, english), chunk) in enumerate(zip(solutions, chunks, strict=True))
    )
    if shape["closing_comment"]:
        resolved += f"\n\n{shape['closing_comment']}"
    cause_heading = italian_cause(code, shape["cause"])  # type: ignore[arg-type]
    return f"{heading}\n{intro}{cause_heading}\n{cause}{resolved}{trailing}"


if __name__ == "__main__":
    text = derive(ITALIAN.read_text(encoding="utf-8"), ENGLISH.read_text(encoding="utf-8"))
    OUTPUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUTPUT}")
