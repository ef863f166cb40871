"""Everything that knows the site engine (MkDocs + Material) and its search (lunr):
running builds, deriving the offline pages, and the search mirror behind ``kb search``.
"""
