"""The committed ``content/`` itself: valid, complete in both languages, faithful to the source."""

from __future__ import annotations

import re
from pathlib import Path

from activation_kb.check.rules import checked_content

CONTENT = Path(__file__).parent.parent / "content"
SOURCE = CONTENT / "sources" / "activation-error-codes.it-it.md"


def test_every_code_of_the_source_table_has_a_record_in_both_languages() -> None:
    table_codes = re.findall(r"^\|\[(0x[0-9A-Fa-f]{8})\]\(#", SOURCE.read_text(), re.M)
    content = checked_content(CONTENT)
    assert [record.code for record in content.records] == table_codes
    assert all(record.en.title and record.it.title for record in content.records)
