"""Plan the pages of the site from articles and their metadata (pure: no I/O).

Every page is a :class:`~builder.writer.PageSpec`. Arabic pages are ``<path>.md`` and their
English twins ``<path>.en.md`` (mkdocs-static-i18n's suffix layout), so
``articles/<id>.md`` is served at ``/articles/<id>/`` and ``/en/articles/<id>/``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from .model import Article, Metadata
from .writer import PageSpec

LANGS = ("ar", "en")
HOME_ARTICLES = 20


@dataclass(frozen=True)
class Entry:
    """An article with its metadata: what every page planner works from."""

    article: Article
    meta: Metadata


@lru_cache(maxsize=1)
def ui() -> dict[str, dict[str, str]]:
    """Interface strings from ``data/ui.yml``: ``ui()["home"]["ar"]`` -> ``"الرئيسية"``."""
    with open(Path(__file__).parent / "data" / "ui.yml", encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def strings(lang: str) -> dict[str, str]:
    """Interface strings of one language."""
    return {key: value[lang] for key, value in ui().items()}


def page_path(base: str, lang: str) -> str:
    """``page_path("articles/x", "en")`` -> ``"articles/x.en.md"``."""
    return f"{base}.md" if lang == "ar" else f"{base}.{lang}.md"


def newest_first(entries: list[Entry]) -> list[Entry]:
    """Dated articles newest first, then undated ones by corpus order (newest first)."""
    return sorted(
        entries,
        key=lambda e: (e.meta.date or "", e.article.order, e.article.id),
        reverse=True,
    )


def title(meta: Metadata, lang: str) -> str:
    """The headline in ``lang``, falling back to the Arabic one."""
    return (meta.title_en if lang == "en" else None) or meta.title_ar


def article_page(entry: Entry, lang: str) -> PageSpec:
    """The page of one article in one language."""
    meta, article = entry.meta, entry.article
    body_is_translation = lang == "en" and article.translation is not None
    body = article.translation if body_is_translation else article.paragraphs
    front = {
        **{k: v for k, v in meta.to_json().items() if k not in ("id", "title", "summary")},
        "title": title(meta, lang),
        "description": (meta.summary_en if lang == "en" else None) or meta.summary_ar,
        "article_id": meta.id,
        "headline": meta.to_json()["title"],
        "summary": meta.to_json()["summary"],
        "source_file": article.path,
        "source": article.header.source,
        "url": article.header.url,
    }
    return PageSpec(
        path=page_path(f"articles/{meta.id}", lang),
        template="article.md.j2",
        front_matter=front,
        context={
            "lang": lang,
            "t": strings(lang),
            "meta": meta,
            "article": article,
            "title": front["title"],
            "paragraphs": body,
            "body_lang": "en" if body_is_translation else article.lang,
            "untranslated": lang != article.lang and not body_is_translation,
        },
    )


def home_page(entries: list[Entry], lang: str) -> PageSpec:
    """The home page: newest articles."""
    t = strings(lang)
    newest = newest_first(entries)[:HOME_ARTICLES]
    return PageSpec(
        path=page_path("index", lang),
        template="home.md.j2",
        front_matter={"title": t["site_name"]},
        context={
            "lang": lang,
            "t": t,
            "total": len(entries),
            "items": [
                {"id": e.meta.id, "title": title(e.meta, lang), "date": e.meta.date,
                 "summary": (e.meta.summary_en if lang == "en" else None)
                 or e.meta.summary_ar}
                for e in newest
            ],
        },
    )


def plan(entries: list[Entry]) -> list[PageSpec]:
    """Every generated page of the site, in a stable order."""
    specs: list[PageSpec] = []
    for lang in LANGS:
        specs.append(home_page(entries, lang))
        specs.extend(article_page(e, lang) for e in entries)
    return specs
