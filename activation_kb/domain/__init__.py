"""What the knowledge base is about, as pure data and functions: error codes and their
forms, HRESULT decoding, the content schema, the URL contract, our fixed words, the
error family. No I/O, no engine.
"""
