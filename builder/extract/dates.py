"""Article date and dated events (issue 3 fills this in)."""

from __future__ import annotations

from ..model import Article, Event


def extract_dates(article: Article) -> tuple[str | None, str | None, tuple[Event, ...]]:
    """``(date, date_source, events)``: the header date wins over one found in the text."""
    if article.header.date:
        return article.header.date, "header", ()
    return None, None, ()
