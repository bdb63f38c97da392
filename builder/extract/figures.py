"""Key figures: numbers with their counted noun (issue 3 fills this in)."""

from __future__ import annotations

from ..model import Article, Figure


def extract_figures(article: Article) -> tuple[Figure, ...]:
    """Numeric facts of ``article`` in text order."""
    return ()
