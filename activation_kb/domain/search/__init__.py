"""The site's own search, as pure functions: the reading of text (:mod:`.text`), of a query
(:mod:`.query`) and the ranking over an index (:mod:`.rank`). The index files are written by
:mod:`activation_kb.render.search_index`; the browser runs the same rules in
``overrides/assets/javascripts/workers/kb-search-engine.js``.
"""
