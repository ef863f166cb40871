"""Content → Markdown pages and root files (``index.html``, ``404.html``, ``go/``,
``codes.json``): pure functions, no I/O, no engine.
"""
