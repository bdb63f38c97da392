"""The page of one article in one language: headline, dates, source, a metadata panel
(tags, figures, quotes, events), the body with paragraph anchors and the first mention of
each entity linked to its tag page, and related articles.

The body is the original text, except on an English page of an Arabic article with a
translation sidecar, which shows the translation. An English page of an Arabic article
without one shows no body: in its place, the English summary made from the metadata and a
link to the Arabic original (its figures, quotes and events link to the original's
paragraphs). The Arabic page of an English article shows the original, marked with its own
``lang``/``dir``, under a note.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import partial
from typing import Any

from ..html import Link, linked
from ..model import TAG_KINDS
from ..ui import direction
from ..writer import PageSpec
from .catalog import Catalog, Tag
from .common import Entry, View, digests, page_key, shows_text, summary, title
from .timeline import Layout


@dataclass(frozen=True)
class EventRef:
    """An event of this article and where the timeline shows it (None: not on it)."""

    date: str
    text: str
    paragraph: int
    timeline: str | None


def article_page(entry: Entry, lang: str, catalog: Catalog, layout: Layout,
                 related: list[str]) -> PageSpec:
    """The page of ``entry`` in ``lang``.

    Only the page's key is worked out here; its body (linked paragraphs, front matter) is
    made when the page is rendered (:attr:`PageSpec.make`).
    """
    meta = entry.meta
    keys = catalog.entity_keys.get(meta.id, [])
    timeline = [layout.where.get((meta.id, i)) for i in range(len(meta.events))]
    speakers = catalog.speaker_keys.get(meta.id, [])
    key = _key(entry, lang, catalog, keys, timeline, speakers, related)
    return PageSpec(
        path=catalog.urls.article_path(meta.id, lang),
        template="article.md.j2",
        key=key,
        make=partial(_make, entry, lang, catalog, keys, timeline, speakers, related),
    )


def _make(entry: Entry, lang: str, catalog: Catalog, keys: list, timeline: list,
          speakers: list[str | None], related: list[str]
          ) -> tuple[dict[str, Any], dict[str, Any]]:
    """Front matter and context of the page of ``entry`` in ``lang``."""
    meta, article = entry.meta, entry.article
    view = View.of(lang, catalog.urls.article_loc(meta.id), catalog.urls)
    shown = shows_text(article, lang)
    translated = lang == "en" and article.lang != "en" and article.translation is not None
    body = () if not shown else article.translation if translated else article.paragraphs
    body_lang = "en" if translated else article.lang
    tags: dict[str, list[Tag]] = defaultdict(list)
    for key in catalog.article_tags(meta.id):
        tags[key[0]].append(catalog.tags[key])
    paragraphs = _paragraphs(entry, body, translated, keys, catalog, view)
    events = [EventRef(event.date, event.text, event.paragraph,
                       view.url(*where) if where else None)
              for event, where in zip(meta.events, timeline, strict=True)]
    quotes = [(q, None if speakers[i] is None else catalog.speakers[speakers[i]])
              for i, q in enumerate(meta.quotes)]
    front = front_matter(entry, lang)
    context = {
        "lang": lang,
        "t": view.t,
        "v": view,
        "meta": meta,
        "article": article,
        "title": front["title"],
        "paragraphs": paragraphs,
        # anchors of original paragraphs that a shorter translation lacks (links from
        # the timeline and the quotes pages point at them)
        "extra_anchors": range(len(paragraphs) + 1, len(article.paragraphs) + 1) if shown
        else (),
        "body_lang": body_lang,
        "body_dir": direction(body_lang),
        "untranslated": shown and body_lang != lang,
        # a page without the text: its summary, and where the text and its paragraphs are
        "summary": None if shown else summary(meta, lang),
        "original": None if shown else view.original(article),
        "entry": entry,
        "tags": tags,
        "kinds": TAG_KINDS.values(),  # in this order
        "events": events,
        "quotes": quotes,
        "figures": meta.figures,
        "related": [catalog.by_id[r] for r in related],
    }
    return front, context


#: Fields of an entity that the theme and the search hook read from an article's front
#: matter (its tags in the JSON-LD, which the search filters read; the extractor lists them
#: most mentioned first).
ENTITY_FIELDS = ("type", "ar", "en")


def front_matter(entry: Entry, lang: str) -> dict[str, Any]:
    """What MkDocs needs of an article page besides its HTML: its title and description,
    id, language, date, source, the newspaper's address, and its entities for the link
    previews (overrides/partials/archive-meta.html), the search filters
    (hooks/search_index.py) and the sitemap's ``lastmod``.

    The rest of the metadata (events, figures, quotes, the places of each mention) is in
    the page's HTML already; as front matter every MkDocs process would parse and hold it
    for every page (the sitemap reads every page's front matter).
    """
    meta, article = entry.meta, entry.article
    return {
        "lang": meta.lang,
        "date": meta.date,
        "entities": [{name: getattr(e, name) for name in ENTITY_FIELDS}
                     for e in meta.entities],
        "title": title(meta, lang),
        "description": summary(meta, lang),
        "article_id": meta.id,
        "source": article.header.source,
        "url": article.header.url,
    }


def _key(entry: Entry, lang: str, catalog: Catalog, keys: list,
         timeline: list[tuple[str, str] | None], speakers: list[str | None],
         related: list[str]) -> str | None:
    """Everything the page is made of besides the builder's code (:attr:`PageSpec.key`):
    the article (its digest), the names and places of its tags and speakers, where the
    timeline shows its events and the related articles (their digests); None when a digest
    is unknown."""
    others = digests(catalog.by_id[r] for r in related)
    if not entry.digest or others is None:
        return None
    tags = [None if k is None else (k, catalog.tags[k].ar, catalog.tags[k].en) for k in keys]
    quoted = [s and (s, catalog.speakers[s].loc) for s in speakers]
    return page_key(lang, entry.digest, tags, timeline, quoted,
                    list(zip(related, others, strict=True)))


def _paragraphs(entry: Entry, body, translated: bool, keys, catalog: Catalog, view: View):
    """Escaped paragraphs; in the original text, each entity's first mention is a link."""
    if translated:
        return [linked(p, ()) for p in body]
    first: dict = {}
    for entity, key in zip(entry.meta.entities, keys, strict=False):
        for span in entity.spans if key is not None else ():
            if 0 <= span.paragraph < len(body) and (
                    key not in first or (span.paragraph, span.start) < first[key][:2]):
                first[key] = (span.paragraph, span.start, span.end)
    links: dict[int, list[Link]] = defaultdict(list)
    for key, (paragraph, start, end) in first.items():
        tag = catalog.tags[key]
        name = tag.en if view.lang == "en" else None
        links[paragraph].append(Link(start, end, view.url(tag.loc), name))
    return [linked(p, links.get(i, ())) for i, p in enumerate(body)]
