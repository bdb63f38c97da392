"""The timeline: every dated event of the archive in order, grouped by year and month.

Small archives get one page (``timeline/``). Once the archive holds more than
:data:`SINGLE_PAGE_LIMIT` events, ``timeline/`` lists the years and each year gets its own
page (``timeline/2015/``, paginated by :data:`PAGE_SIZE` events). Events whose year is
unknown (``--11-28``) and undated articles have their own, clearly labelled sections
(``timeline/unknown-year/``, ``timeline/undated/`` in large archives) — never a made-up
year. Each event links to its paragraph anchor (``#p<n>``, 1-based) in the article (on the
English timeline, in the Arabic original when the English page has no text), and has an
anchor ``ev-<article id>-<n>`` that article pages link to.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import groupby
from typing import Any

from markupsafe import Markup

from ..charts import count_by_day, month_chart
from ..config import Urls
from ..model import DateParts, Event, parse_date
from ..writer import PageSpec
from .catalog import Catalog
from .common import Entry, Pager, digests, page_key, paginate, spec

#: Up to this many events (dated + year unknown) everything is on one page.
SINGLE_PAGE_LIMIT = 200
#: Events per page of a year (or of the year-unknown section).
PAGE_SIZE = 200
#: Articles per page of the undated section.
UNDATED_PAGE_SIZE = 50


@dataclass(frozen=True)
class Item:
    """One event of one article."""

    parts: DateParts
    entry: Entry
    index: int  #: 0-based index in ``meta.events``
    event: Event

    @property
    def anchor(self) -> str:
        """``ev-<article id>-<n>`` (1-based)."""
        return f"ev-{self.entry.meta.id}-{self.index + 1}"


@dataclass(frozen=True)
class Month:
    """Items of one month (``year`` None in the year-unknown section)."""

    year: int | None
    month: int
    items: Sequence[Item]


@dataclass(frozen=True)
class Year:
    """A year and the number of its events; ``months`` when shown on this page."""

    year: int
    count: int
    loc: str
    months: Sequence[Month] = ()


@dataclass
class Layout:
    """Where every event is shown (language-independent)."""

    dated: list[Item]
    unknown: list[Item]
    undated: list[Entry]
    single: bool
    #: (article id, event index) -> (location, anchor)
    where: dict[tuple[str, int], tuple[str, str]]
    urls: Urls  #: where the timeline's pages live


def event_layout(catalog: Catalog) -> Layout:
    """Sort every event once and decide the layout (where ``catalog.urls`` puts pages)."""
    urls = catalog.urls
    dated: list[Item] = []
    unknown: list[Item] = []
    for entry in catalog.entries:
        for i, event in enumerate(entry.meta.events):
            parts = parse_date(event.date)
            if parts is None or parts.day is None:
                continue
            (unknown if parts.year is None else dated).append(Item(parts, entry, i, event))
    dated.sort(key=lambda it: (it.event.date, it.entry.meta.date or "", it.entry.meta.id,
                               it.index))
    unknown.sort(key=lambda it: (it.parts.month, it.parts.day, it.entry.meta.id, it.index))
    undated = [e for e in catalog.entries if not e.meta.date]
    single = (len(dated) + len(unknown) <= SINGLE_PAGE_LIMIT
              and len(undated) <= UNDATED_PAGE_SIZE)
    where: dict[tuple[str, int], tuple[str, str]] = {}
    if single:
        for it in (*dated, *unknown):
            where[(it.entry.meta.id, it.index)] = (urls.timeline, it.anchor)
    else:
        for year, items in groupby(dated, key=lambda it: it.parts.year):
            for pager in paginate(urls.year_loc(year), list(items), PAGE_SIZE, urls):
                for it in pager.items:
                    where[(it.entry.meta.id, it.index)] = (pager.loc, it.anchor)
        for pager in paginate(urls.timeline_unknown, unknown, PAGE_SIZE, urls):
            for it in pager.items:
                where[(it.entry.meta.id, it.index)] = (pager.loc, it.anchor)
    return Layout(dated, unknown, undated, single, where, urls)


def _months(items: Sequence[Item]) -> list[Month]:
    return [Month(y, m, list(group))
            for (y, m), group in groupby(items, key=lambda it: (it.parts.year, it.parts.month))]


def _years(items: Sequence[Item], inline: bool, urls: Urls) -> list[Year]:
    years = []
    for year, group in groupby(items, key=lambda it: it.parts.year):
        group = list(group)
        years.append(Year(year, len(group), urls.year_loc(year),
                          _months(group) if inline else ()))
    return years


def timeline_pages(layout: Layout, lang: str, digest: str | None = None) -> list[PageSpec]:
    """The timeline pages of one language (``digest``: of the whole archive,
    :attr:`.catalog.Catalog.digest`, the key of the pages made of all of it)."""
    urls = layout.urls
    t_front = {"title": _title(lang)}
    key = page_key(lang, urls.timeline, layout.single, digest) if digest else None

    def chart() -> dict[str, Any]:
        # a visual year/month scale of the dated events (the chart escapes its own text)
        return {"chart": Markup(month_chart(count_by_day(it.event.date for it in layout.dated),
                                            lang, "events"))}

    if layout.single:
        return [spec(urls.timeline, lang, "timeline.md.j2", t_front, urls=urls, key=key,
                     lazy=chart, years=_years(layout.dated, True, urls), unknown=_months(layout.unknown),
                     unknown_count=len(layout.unknown), undated=layout.undated,
                     undated_count=len(layout.undated), pager=None, section="all",
                     year=None)]
    specs = [spec(urls.timeline, lang, "timeline.md.j2", t_front, urls=urls, key=key,
                  lazy=chart, years=_years(layout.dated, False, urls), unknown=(),
                  unknown_count=len(layout.unknown), undated=(),
                  undated_count=len(layout.undated), pager=None, section="index", year=None)]
    for year, group in groupby(layout.dated, key=lambda it: it.parts.year):
        for pager in paginate(urls.year_loc(year), list(group), PAGE_SIZE, urls):
            specs.append(_section_page(pager, lang, "year", year))
    if layout.unknown:
        for pager in paginate(urls.timeline_unknown, layout.unknown, PAGE_SIZE, urls):
            specs.append(_section_page(pager, lang, "unknown", None))
    if layout.undated:
        for pager in paginate(urls.timeline_undated, layout.undated, UNDATED_PAGE_SIZE, urls):
            listed = digests(pager.items)
            specs.append(spec(pager.loc, lang, "timeline.md.j2",
                              {"title": _title(lang, "undated_articles", pager=pager)},
                              urls=urls,
                              years=(), unknown=(), unknown_count=0,
                              undated=pager.items, undated_count=pager.total, pager=pager,
                              section="undated", year=None,
                              key=_pager_key(pager, lang, "undated", None, listed)))
    return specs


def _pager_key(pager: Pager, lang: str, section: str, year: int | None,
               listed: list | None) -> str | None:
    """Key of a page of a section: its place in the section and what it lists."""
    if listed is None:
        return None
    return page_key(lang, section, year, pager.base, pager.number, pager.count, pager.total,
                    pager.offset, listed)


def _section_page(pager: Pager[Item], lang: str, section: str, year: int | None) -> PageSpec:
    months = _months(pager.items)
    front = {"title": _title(lang, "year_unknown" if year is None else None, year, pager)}
    found = digests(it.entry for it in pager.items)
    listed = None if found is None else [
        (d, it.index) for d, it in zip(found, pager.items, strict=True)]
    urls = pager.urls
    return spec(pager.loc, lang, "timeline.md.j2", front, urls=urls,
                years=[Year(year, pager.total, urls.year_loc(year), months)] if year else (),
                unknown=months if year is None else (), unknown_count=pager.total,
                undated=(), undated_count=0, pager=pager, section=section, year=year,
                key=_pager_key(pager, lang, section, year, listed))


def _title(lang: str, key: str | None = None, year: int | None = None,
           pager: Pager | None = None) -> str:
    from ..ui import strings

    t = strings(lang)
    parts = [t["timeline"]]
    if year is not None:
        parts.append(str(year))
    if key:
        parts.append(t[key])
    title = " – ".join(parts)
    if pager is not None and pager.number > 1:
        title += " – " + t["page_n"].format(n=pager.number)
    return title
