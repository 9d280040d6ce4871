"""kb_build: validate the curated YAML in data/ and turn it into pages, feeds and JSON."""

__all__ = ["__version__"]
__version__ = "0.1.0"
