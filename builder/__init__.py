"""Builder of the bilingual Arabic news archive: corpus/ -> docs/ -> MkDocs site."""

__version__ = "0.1.0"
