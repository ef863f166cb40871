"""The built site on disk: writing generated files, checking links, assembling the
offline bundle and its zip, publishing atomically.
"""
