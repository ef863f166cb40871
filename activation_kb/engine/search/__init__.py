"""The site's search in Python (``kb search``): Material's lunr index and query
handling, rebuilt with lunr.py.
"""
