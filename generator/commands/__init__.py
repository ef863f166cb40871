"""One module per ``kb`` command; each exposes a click command named ``command``."""
