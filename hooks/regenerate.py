"""MkDocs hook of ``kb serve``: regenerate the pages from ``content/`` before each build.

The engine watches ``content/`` (``watch`` in the preview's config); this turns an edit
there into new Markdown, and the writer rewrites only the pages that changed. Invalid
content is reported and the previous pages are kept, so the preview stays up.
"""

import logging
import os
from pathlib import Path

from activation_kb.domain.errors import KbError
from activation_kb.pipeline.build import generate

log = logging.getLogger("mkdocs.hooks.regenerate")


def on_pre_build(config, **kwargs):
    try:
        generate(Path(os.environ["KB_CONTENT"]), Path(os.environ["KB_DOCS"]))
    except KbError as error:
        log.error("content not regenerated:\n%s", error)
