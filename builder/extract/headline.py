"""Generated headline and summary (issue 3 improves this)."""

from __future__ import annotations

from ..clean import sentence_spans
from ..model import Article, Entity

MAX_HEADLINE_WORDS = 14


def _first_sentence(paragraphs: tuple[str, ...]) -> str:
    for paragraph in paragraphs:
        for start, end in sentence_spans(paragraph):
            return paragraph[start:end]
    return ""


def make_headline(article: Article, entities: tuple[Entity, ...]) -> tuple[str, str | None]:
    """``(title_ar, title_en)``; a header title wins."""
    title = article.header.title
    if not title:
        words = _first_sentence(article.paragraphs).split()
        title = " ".join(words[:MAX_HEADLINE_WORDS]).rstrip("،,.:؛")
    return title, article.header.title_en


def make_summary(article: Article, entities: tuple[Entity, ...]) -> tuple[str, str | None]:
    """``(summary_ar, summary_en)``: the lead sentence."""
    return _first_sentence(article.paragraphs), None
