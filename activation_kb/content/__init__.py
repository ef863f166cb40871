"""Reading and writing ``content/``: YAML with line numbers, the loader that validates
every file, deterministic YAML output.
"""
