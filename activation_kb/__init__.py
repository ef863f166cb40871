"""The activation-error knowledge base: content/ → a bilingual static site, its offline
bundle and the ``kb`` command line.

Sub-packages, lowest layer first (``make lint`` enforces the order): :mod:`.domain`,
:mod:`.parallel`, :mod:`.content`, :mod:`.importer`, :mod:`.check`, :mod:`.render`,
:mod:`.engine`, :mod:`.site`, :mod:`.pipeline`, :mod:`.cli`. See ``docs/architecture.md``.
"""
