"""The archive by publication month: ``archive/`` lists the months (newest first, with
counts); ``archive/2015/11/`` lists that month's articles, :data:`PAGE_SIZE` a page;
articles without a publication date are listed under ``archive/undated/``.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

from ..charts import month_chart
from ..model import parse_date
from ..ui import strings
from ..writer import PageSpec
from .catalog import Catalog
from .common import Entry, digests, page_key, paginate, spec

PAGE_SIZE = 50


@dataclass(frozen=True)
class MonthLink:
    """One month of the archive index."""

    year: int
    month: int
    iso: str  #: ``2015-11``
    count: int
    loc: str


def months(catalog: Catalog) -> tuple[dict[tuple[int, int], list[Entry]], list[Entry]]:
    """Articles by (year, month) of publication, newest first; and the undated ones."""
    by_month: dict[tuple[int, int], list[Entry]] = defaultdict(list)
    undated: list[Entry] = []
    for entry in catalog.entries:
        parts = parse_date(entry.meta.date)
        if parts is None or parts.year is None:
            undated.append(entry)
        else:
            by_month[(parts.year, parts.month)].append(entry)
    return by_month, undated


def archive_pages(catalog: Catalog, lang: str) -> list[PageSpec]:
    """The archive index, month pages and undated pages of one language."""
    t = strings(lang)
    urls = catalog.urls
    by_month, undated = months(catalog)
    links = [MonthLink(y, m, f"{y:04d}-{m:02d}", len(by_month[(y, m)]), urls.month_loc(y, m))
             for (y, m) in sorted(by_month, reverse=True)]
    years: dict[int, list[MonthLink]] = defaultdict(list)
    for link in links:
        years[link.year].append(link)

    def chart() -> dict[str, Any]:
        # the chart escapes its own text (builder/charts.py)
        return {"chart": Markup(month_chart({link.iso: link.count for link in links}, lang))
                if links else ""}

    # the index shows the months and their counts only
    key = page_key(lang, urls.archive, [(link.iso, link.count) for link in links], len(undated))
    specs = [spec(urls.archive, lang, "archive.md.j2", {"title": t["archive"]}, urls=urls,
                  key=key, lazy=chart, years=sorted(years.items(), reverse=True),
                  undated_count=len(undated), undated_loc=urls.archive_undated, pager=None,
                  month=None)]
    for link in links:
        for pager in paginate(link.loc, by_month[(link.year, link.month)], PAGE_SIZE, urls):
            specs.append(_list_page(pager, lang, link))
    if undated:
        for pager in paginate(urls.archive_undated, undated, PAGE_SIZE, urls):
            specs.append(_list_page(pager, lang, None))
    return specs


def _list_page(pager, lang: str, link: MonthLink | None) -> PageSpec:
    from ..dates_display import gregorian

    t = strings(lang)
    name = gregorian(link.iso, lang) if link else t["undated_articles"]
    title = f"{t['archive']} – {name}"
    if pager.number > 1:
        title += " – " + t["page_n"].format(n=pager.number)
    listed = digests(pager.items)
    key = None if listed is None else page_key(
        lang, name, pager.base, pager.number, pager.count, pager.total, pager.offset, listed)
    return spec(pager.loc, lang, "archive.md.j2", {"title": title}, urls=pager.urls, chart="",
                years=(), undated_count=0, undated_loc=pager.urls.archive_undated,
                pager=pager, month=name, key=key)
