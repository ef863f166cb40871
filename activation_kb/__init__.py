"""The knowledge base's own package: its domain facts, apart from the site generator."""
