"""``kb import``: the source article (Microsoft's Markdown) → the source language's text
in ``content/``.
"""
