"""Direct quotations and their speakers (issue 3 fills this in)."""

from __future__ import annotations

from ..model import Article, Entity, Quote


def extract_quotes(article: Article, entities: tuple[Entity, ...]) -> tuple[Quote, ...]:
    """Quotes of ``article`` in text order."""
    return ()
