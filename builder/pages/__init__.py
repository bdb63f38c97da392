"""Plan the pages of the site from articles and their metadata (pure: no I/O).

Every page is a :class:`~builder.writer.PageSpec`. Arabic pages are ``<path>.md`` and their
English twins ``<path>.en.md`` (mkdocs-static-i18n's suffix layout), so
``articles/<id>.md`` is served at ``/articles/<id>/`` and ``/en/articles/<id>/``.

The archive is indexed once (:mod:`.catalog`), then each kind of page has its planner:
:mod:`.article`, :mod:`.tags`, :mod:`.timeline`, :mod:`.archive`, :mod:`.quotes`,
:mod:`.home`. Links inside page bodies are relative URLs computed here (MkDocs does not
rewrite links in raw HTML); see :func:`.common.relative`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..config import URLS, Urls
from ..gcpause import no_collection
from ..ui import LANGS, strings
from ..writer import PageSpec
from .archive import archive_pages
from .article import article_page
from .catalog import Catalog, build_catalog
from .common import Entry, newest_first, title
from .home import HOME_ARTICLES, home_page
from .quotes import quote_pages
from .related import related_articles
from .tags import TAG_FEED_MIN_ARTICLES, index_pages, tag_facts, tag_pages
from .timeline import event_layout, timeline_pages

if TYPE_CHECKING:
    from ..similarity import FeatureSource

__all__ = ["Entry", "plan", "strings", "newest_first", "title",
           "LANGS", "HOME_ARTICLES"]


def plan(entries: list[Entry], catalog: Catalog | None = None,
         urls: Urls = URLS, features: FeatureSource | None = None,
         tag_feed_min: int = TAG_FEED_MIN_ARTICLES) -> list[PageSpec]:
    """Every generated page of the site, in a stable order, placed where ``urls`` says
    (``catalog``: of ``entries`` and built with the same ``urls``, if already built;
    ``features``: the build's similarity feature store, if any; ``tag_feed_min``: the
    fewest articles of a tag with a feed, whose page announces it).

    ``plan([Entry(article, meta)])`` -> home, article, tag, timeline, archive and quotes
    pages in Arabic (``index.md``, ``articles/<id>.md`` …) and English (``*.en.md``).
    Only the pages' keys are worked out here; what a page shows is made when it is
    rendered (:attr:`PageSpec.make`), so an unchanged page costs its key.
    """
    with no_collection():
        return _plan(entries, catalog, urls, features, tag_feed_min)


def _plan(entries: list[Entry], catalog: Catalog | None, urls: Urls,
          features: FeatureSource | None, tag_feed_min: int) -> list[PageSpec]:
    catalog = catalog if catalog is not None else build_catalog(entries, urls)
    if catalog.urls != urls:
        raise ValueError("the catalog was built with other URL patterns than the pages'")
    layout = event_layout(catalog)
    related = related_articles(catalog, features=features)
    ordered = sorted(catalog.entries, key=lambda e: (e.article.order, e.meta.id))
    facts = tag_facts(catalog, layout)
    specs: list[PageSpec] = []
    for lang in LANGS:
        specs.append(home_page(catalog, layout, lang))
        specs.extend(article_page(e, lang, catalog, layout, related[e.meta.id])
                     for e in ordered)
        specs.extend(tag_pages(catalog, layout, lang, facts, tag_feed_min))
        specs.extend(index_pages(catalog, lang))
        specs.extend(timeline_pages(layout, lang, catalog.digest))
        specs.extend(archive_pages(catalog, lang))
        specs.extend(quote_pages(catalog, lang))
    return specs
