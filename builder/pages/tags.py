"""Tag pages (one per person, place, organisation), the index of each kind and an overview.

``tags/people/vladimir-putin/`` lists every article that mentions the tag, newest first,
:data:`PAGE_SIZE` a page (``.../page/2/``); its first page also shows the tags that most
often appear with it and its own small timeline. ``tags/people/`` lists the people by
number of articles (:data:`INDEX_PAGE_SIZE` a page); ``tags/`` is an overview of the
three kinds with the most mentioned of each.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from markupsafe import Markup

from ..charts import count_by_month, month_chart
from ..dates_display import parse
from ..ui import strings
from ..writer import PageSpec
from .catalog import KINDS, Catalog, Tag, TagKey
from .common import Pager, digests, page_key, paginate, spec
from .timeline import Item, Layout

PAGE_SIZE = 50
INDEX_PAGE_SIZE = 100
#: Co-occurring tags shown on a tag page.
COOCCURRING = 12
#: Events on a tag's own small timeline.
SMALL_TIMELINE = 10
#: Tags of each kind on the overview page and on the home page.
OVERVIEW_TOP = 20


@dataclass(frozen=True)
class Timed:
    """An event on a tag's small timeline with where the main timeline shows it."""

    item: Item
    loc: str
    anchor: str


def kind_title(kind: str, lang: str) -> str:
    """``kind_title("people", "ar")`` -> ``"الأشخاص"``."""
    return strings(lang)[kind]


def cooccurring(catalog: Catalog, tag: Tag, limit: int = COOCCURRING) -> list[tuple[Tag, int]]:
    """Tags that appear in the most articles together with ``tag`` (with those counts)."""
    counts: Counter[TagKey] = Counter()
    for entry in tag.entries:
        for key in catalog.article_tags(entry.meta.id):
            if key != tag.key:
                counts[key] += 1
    best = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]
    return [(catalog.tags[key], n) for key, n in best]


def small_timeline(catalog: Catalog, tag: Tag, layout: Layout,
                   limit: int = SMALL_TIMELINE) -> list[Timed]:
    """The latest dated events of the tag's articles that sit in a paragraph mentioning it
    (every dated event of the article when the extractor gave no positions), oldest first."""
    found: list[Item] = []
    for entry in tag.entries:
        keys = catalog.entity_keys.get(entry.meta.id, ())
        paragraphs: set[int] = set()
        spanless = False
        for entity, key in zip(entry.meta.entities, keys, strict=False):
            if key == tag.key:
                if entity.spans:
                    paragraphs.update(s.paragraph for s in entity.spans)
                else:
                    spanless = True
        for i, event in enumerate(entry.meta.events):
            parts = parse(event.date)
            if parts is None or parts.year is None or parts.day is None:
                continue
            if spanless or event.paragraph in paragraphs:
                found.append(Item(parts, entry, i, event))
    found.sort(key=lambda it: (it.event.date, it.entry.meta.id, it.index))
    latest = found[-limit:]
    return [Timed(it, *layout.where[(it.entry.meta.id, it.index)]) for it in latest
            if (it.entry.meta.id, it.index) in layout.where]


def tag_pages(catalog: Catalog, layout: Layout, lang: str) -> list[PageSpec]:
    """Every page of every tag, in one language."""
    specs: list[PageSpec] = []
    for key in sorted(catalog.tags):
        tag = catalog.tags[key]
        pagers = paginate(tag.loc, tag.entries, PAGE_SIZE)
        first = pagers[0]
        together = cooccurring(catalog, tag)
        timeline = small_timeline(catalog, tag, layout)
        # the chart escapes its own text (builder/charts.py)
        chart = Markup(month_chart(count_by_month(e.meta.date for e in tag.entries), lang))
        for pager in pagers:
            specs.append(_tag_page(tag, pager, lang, together if pager is first else (),
                                   timeline if pager is first else (),
                                   chart if pager is first else ""))
    return specs


def _tag_page(tag: Tag, pager: Pager, lang: str, together, timeline, chart="") -> PageSpec:
    t = strings(lang)
    name = tag.ar if lang == "ar" else f"{tag.en} ({tag.ar})" if tag.en != tag.ar else tag.ar
    front = {"title": name if pager.number == 1 else f"{name} – {t['page_n'].format(n=pager.number)}",
             "description": t["tag_description"].format(name=name, n=pager.total),
             "tag": {"kind": tag.kind, "slug": tag.slug, "ar": tag.ar, "en": tag.en,
                     "articles": pager.total}}
    return spec(pager.loc, lang, "tag.md.j2", front, tag=tag, pager=pager,
                kind_title=kind_title(tag.kind, lang), together=together, timeline=timeline,
                chart=chart, key=_key(tag, pager, lang, together, timeline, chart))


def _key(tag: Tag, pager: Pager, lang: str, together, timeline, chart: str) -> str | None:
    """What a tag page is made of (:attr:`PageSpec.key`): the tag, its page of articles
    (their digests), the tags mentioned with it, its small timeline and its chart."""
    listed = digests(pager.items)
    events = digests(x.item.entry for x in timeline)
    if listed is None or events is None:
        return None
    return page_key(lang, tag.kind, tag.slug, tag.ar, tag.en, pager.base, pager.number,
                    pager.count, pager.total, pager.offset, listed,
                    [(o.key, o.ar, o.en, n) for o, n in together],
                    [(d, x.item.index, x.loc, x.anchor) for d, x in zip(events, timeline,
                                                                     strict=True)],
                    str(chart))


def index_pages(catalog: Catalog, lang: str) -> list[PageSpec]:
    """``tags/<kind>/`` for each kind (paginated) and the overview ``tags/``."""
    specs: list[PageSpec] = []
    overview = []
    for kind in KINDS.values():
        tags = catalog.tags_of(kind)
        overview.append((kind, kind_title(kind, lang), len(tags), tags[:OVERVIEW_TOP]))
        for pager in paginate(f"tags/{kind}/", tags, INDEX_PAGE_SIZE):
            title = kind_title(kind, lang)
            if pager.number > 1:
                title += " – " + strings(lang)["page_n"].format(n=pager.number)
            specs.append(spec(pager.loc, lang, "tag_index.md.j2", {"title": title},
                              kind=kind, kind_title=kind_title(kind, lang), pager=pager))
    specs.append(spec("tags/", lang, "tags.md.j2", {"title": strings(lang)["all_tags"]},
                      kinds=overview))
    return specs
