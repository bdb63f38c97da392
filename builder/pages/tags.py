"""Tag pages (one per person, place, organisation), the index of each kind and an overview.

``tags/people/vladimir-putin/`` lists every article that mentions the tag, newest first,
:data:`PAGE_SIZE` a page (``.../page/2/``); its first page also shows the tags that most
often appear with it and its own small timeline, and announces the tag's feed when it has
one (:func:`has_feed`, written by ``builder/feeds.py``). ``tags/people/`` lists the people
by number of articles (:data:`INDEX_PAGE_SIZE` a page); ``tags/`` is an overview of the
three kinds with the most mentioned of each.
"""

from __future__ import annotations

import heapq
from collections import Counter
from dataclasses import dataclass

from markupsafe import Markup

from ..charts import count_by_month, month_chart
from ..config import URLS, Urls
from ..model import TAG_KINDS, DateParts, Event, parse_date
from ..ui import strings
from ..writer import PageSpec
from .catalog import Catalog, Tag, TagKey
from .common import Entry, Pager, digest_of, digests, page_key, paginate, spec
from .timeline import Item, Layout

PAGE_SIZE = 50
INDEX_PAGE_SIZE = 100
#: Co-occurring tags shown on a tag page.
COOCCURRING = 12
#: The fewest articles a tag must share with another to be shown as mentioned with it
#: (once is no "often": on the page of a name of one article it would list that article's
#: names, which the article's own page lists).
COOCCURRING_MIN = 2
#: Events on a tag's own small timeline.
SMALL_TIMELINE = 10
#: The fewest articles a tag's small timeline draws its events from: one article's events
#: are its page's own list, which the tag page links to already (written on every tag of
#: that article, they repeated its quotes on each).
SMALL_TIMELINE_MIN_ARTICLES = 2
#: Tags of each kind on the overview page and on the home page.
OVERVIEW_TOP = 20
#: A tag with fewer articles has no feed (``extra.tag_feed_min_articles`` in mkdocs.yml):
#: twice the entries a tag's feed holds (``builder.feeds.TAG_FEED_ITEMS``, 10), so that a
#: followed tag is one whose feed has already renewed itself; below that a feed would show
#: the same few entries for good.
TAG_FEED_MIN_ARTICLES = 20
#: The one format of a tag's feed (the site-wide feeds have RSS and Atom).
TAG_FEED_FORMAT = "rss.xml"


def has_feed(tag: Tag, minimum: int = TAG_FEED_MIN_ARTICLES) -> bool:
    """Whether ``tag`` has a feed: at least ``minimum`` articles."""
    return len(tag.entries) >= minimum


def tag_feed_path(lang: str, tag: Tag, urls: Urls = URLS) -> str:
    """The path below the site root of a tag's feed in ``lang`` (whether it exists or not).

    ``tag_feed_path("en", putin)`` -> ``"feeds/en/tags/people/vladimir-putin/rss.xml"``.
    """
    return f"{urls.feed_base(lang)}{tag.loc}{TAG_FEED_FORMAT}"


@dataclass(frozen=True)
class Timed:
    """An event on a tag's small timeline with where the main timeline shows it."""

    item: Item
    loc: str
    anchor: str


def kind_title(kind: str, lang: str) -> str:
    """``kind_title("people", "ar")`` -> ``"الأشخاص"``."""
    return strings(lang)[kind]


def cooccurring(catalog: Catalog, tag: Tag, limit: int = COOCCURRING,
                minimum: int = COOCCURRING_MIN) -> list[tuple[Tag, int]]:
    """Tags that appear in the most articles together with ``tag`` (with those counts),
    in at least ``minimum`` of them: none for a tag of fewer articles."""
    if len(tag.entries) < minimum:
        return []
    counts: Counter[TagKey] = Counter()
    for entry in tag.entries:
        counts.update(catalog.article_tags(entry.meta.id))
    del counts[tag.key]
    best = heapq.nsmallest(limit, ((k, n) for k, n in counts.items() if n >= minimum),
                           key=lambda kv: (-kv[1], kv[0]))
    return [(catalog.tags[key], n) for key, n in best]


#: An article's events with a full date: (index in ``meta.events``, event, its date).
Dated = list[tuple[int, Event, DateParts]]


def _dated(entry: Entry) -> Dated:
    found = []
    for i, event in enumerate(entry.meta.events):
        parts = parse_date(event.date)
        if parts is not None and parts.full:
            found.append((i, event, parts))
    return found


def small_timeline(catalog: Catalog, tag: Tag, layout: Layout,
                   limit: int = SMALL_TIMELINE,
                   dated: dict[str, Dated] | None = None) -> list[Timed]:
    """The latest dated events of the tag's articles that sit in a paragraph mentioning it
    (every dated event of the article when the extractor gave no positions), oldest first;
    none when such events come from fewer than :data:`SMALL_TIMELINE_MIN_ARTICLES`
    articles. ``dated``: the articles' dated events, when already known."""
    found: list[Item] = []
    for entry in tag.entries:
        events = dated[entry.meta.id] if dated is not None else _dated(entry)
        if not events:
            continue
        keys = catalog.entity_keys.get(entry.meta.id, ())
        paragraphs: set[int] = set()
        spanless = False
        for entity, key in zip(entry.meta.entities, keys, strict=False):
            if key == tag.key:
                if entity.spans:
                    paragraphs.update(s.paragraph for s in entity.spans)
                else:
                    spanless = True
        for i, event, parts in events:
            if spanless or event.paragraph in paragraphs:
                found.append(Item(parts, entry, i, event))
    if len({it.entry.meta.id for it in found}) < SMALL_TIMELINE_MIN_ARTICLES:
        return []
    latest = heapq.nlargest(limit, found,
                            key=lambda it: (it.event.date, it.entry.meta.id, it.index))
    latest.reverse()
    return [Timed(it, *layout.where[(it.entry.meta.id, it.index)]) for it in latest
            if (it.entry.meta.id, it.index) in layout.where]


@dataclass(frozen=True)
class Facts:
    """What the first page of a tag shows besides its articles, in either language."""

    together: list[tuple[Tag, int]]
    timeline: list[Timed]
    #: every article of the tag (:func:`.common.digest_of`): its chart and counts
    articles: str | None


def tag_facts(catalog: Catalog, layout: Layout) -> dict[TagKey, Facts]:
    """:class:`Facts` of every tag (once for both languages)."""
    dated = {e.meta.id: _dated(e) for e in catalog.entries}
    return {key: Facts(cooccurring(catalog, tag), small_timeline(catalog, tag, layout,
                                                                 dated=dated),
                       digest_of(tag.entries))
            for key, tag in catalog.tags.items()}


def tag_pages(catalog: Catalog, layout: Layout, lang: str,
              facts: dict[TagKey, Facts] | None = None,
              feed_min: int = TAG_FEED_MIN_ARTICLES) -> list[PageSpec]:
    """Every page of every tag, in one language (``facts``: :func:`tag_facts`, if made;
    ``feed_min``: the fewest articles of a tag with a feed)."""
    facts = facts if facts is not None else tag_facts(catalog, layout)
    specs: list[PageSpec] = []
    for key in sorted(catalog.tags):
        tag = catalog.tags[key]
        feed = tag_feed_path(lang, tag, catalog.urls) if has_feed(tag, feed_min) else None
        for pager in paginate(tag.loc, tag.entries, PAGE_SIZE, catalog.urls):
            first = pager.number == 1
            specs.append(_tag_page(tag, pager, lang, facts[key] if first else None,
                                   feed if first else None))
    return specs


def _tag_page(tag: Tag, pager: Pager, lang: str, facts: Facts | None,
              feed: str | None = None) -> PageSpec:
    t = strings(lang)
    name = tag.ar if lang == "ar" else f"{tag.en} ({tag.ar})" if tag.en != tag.ar else tag.ar
    front = {"title": name if pager.number == 1 else f"{name} – {t['page_n'].format(n=pager.number)}",
             "description": t["tag_description"].format(name=name, n=pager.total),
             "tag": {"kind": tag.kind, "slug": tag.slug, "ar": tag.ar, "en": tag.en,
                     "articles": pager.total}}
    if feed:
        front["feed"] = feed  # the tag's feed, below the site root (overrides/partials)
    context = {"tag": tag, "pager": pager, "kind_title": kind_title(tag.kind, lang),
               "together": facts.together if facts else (),
               "timeline": facts.timeline if facts else ()}
    if facts is None:
        return spec(pager.loc, lang, "tag.md.j2", front, urls=pager.urls, chart="",
                    key=_key(tag, pager, lang, None, feed), **context)
    # the chart escapes its own text (builder/charts.py); made when the page is rendered
    return spec(pager.loc, lang, "tag.md.j2", front, urls=pager.urls,
                key=_key(tag, pager, lang, facts, feed),
                lazy=lambda: {"chart": Markup(month_chart(
                    count_by_month(e.meta.date for e in tag.entries), lang))},
                **context)


def _key(tag: Tag, pager: Pager, lang: str, facts: Facts | None,
         feed: str | None = None) -> str | None:
    """What a tag page is made of (:attr:`PageSpec.key`): the tag, its page of articles
    (their digests) and, on its first page, all its articles (the chart), the tags
    mentioned with it, its small timeline and its feed."""
    listed = digests(pager.items)
    if listed is None:
        return None
    first = ()
    if facts is not None:
        events = digests(x.item.entry for x in facts.timeline)
        if events is None or facts.articles is None:
            return None
        first = (facts.articles, [(o.key, o.ar, o.en, n) for o, n in facts.together],
                 [(d, x.item.index, x.loc, x.anchor)
                  for d, x in zip(events, facts.timeline, strict=True)])
    return page_key(lang, tag.kind, tag.slug, tag.ar, tag.en, pager.base, pager.number,
                    pager.count, pager.total, pager.offset, listed, first, feed)


def index_pages(catalog: Catalog, lang: str) -> list[PageSpec]:
    """``tags/<kind>/`` for each kind (paginated) and the overview ``tags/``; each keyed by
    the names and counts of the tags it lists."""
    specs: list[PageSpec] = []
    urls = catalog.urls
    overview = []
    for kind in TAG_KINDS.values():
        tags = catalog.tags_of(kind)
        overview.append((kind, kind_title(kind, lang), len(tags), tags[:OVERVIEW_TOP]))
        for pager in paginate(urls.kind_loc(kind), tags, INDEX_PAGE_SIZE, urls):
            title = kind_title(kind, lang)
            if pager.number > 1:
                title += " – " + strings(lang)["page_n"].format(n=pager.number)
            key = page_key(lang, pager.base, pager.number, pager.count, pager.total,
                           pager.offset, _listed(pager.items))
            specs.append(spec(pager.loc, lang, "tag_index.md.j2", {"title": title}, urls=urls,
                              kind=kind, kind_title=kind_title(kind, lang), pager=pager,
                              key=key))
    key = page_key(lang, urls.tags, [(kind, n, _listed(top)) for kind, _, n, top in overview])
    specs.append(spec(urls.tags, lang, "tags.md.j2", {"title": strings(lang)["all_tags"]},
                      urls=urls, kinds=overview, key=key))
    return specs


def _listed(tags: list[Tag]) -> list[tuple]:
    """What a list of tags shows of each: where it leads, its names, its articles."""
    return [(t.kind, t.slug, t.ar, t.en, len(t.entries)) for t in tags]
