"""Metadata extraction: ``extract(article) -> Metadata`` runs the extractors in order.

``extract(clean(read_source(Path("corpus/000_2365a23702f008e8.txt")))).entities`` holds
``Entity(type="person", ar="فلاديمير بوتين", en="Vladimir Putin", ...)``.
"""

from __future__ import annotations

from ..model import Article, Metadata
from .dates import extract_dates
from .english import arabic_title_summary, english_title_summary
from .entities import extract_entities
from .figures import extract_figures
from .headline import make_headline, make_summary
from .quotes import extract_quotes


def extract(article: Article) -> Metadata:
    """Extract all metadata of one cleaned article (pure: no I/O but cached data files)."""
    entities = extract_entities(article)
    date, date_source, events = extract_dates(article)
    figures = extract_figures(article)
    quotes = extract_quotes(article, entities)
    title_ar, title_en = make_headline(article, entities)
    summary_ar, summary_en = make_summary(article, entities)
    generated_title_en, generated_summary_en = english_title_summary(
        article, entities, events, figures, date, quotes
    )
    title_en = title_en or generated_title_en
    summary_en = summary_en or generated_summary_en
    if article.lang == "en":  # an English article: the Arabic side is the generated one
        title_ar, summary_ar = arabic_title_summary(article, entities, events, figures, date)
    return Metadata(
        id=article.id,
        lang=article.lang,
        title_ar=title_ar,
        title_en=title_en,
        summary_ar=summary_ar,
        summary_en=summary_en,
        date=date,
        date_source=date_source,
        entities=entities,
        events=events,
        figures=figures,
        quotes=quotes,
    )
