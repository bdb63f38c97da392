"""The home page: the newest articles, the size of the archive and the most mentioned
people, places and organisations."""

from __future__ import annotations

from functools import partial
from typing import Any

from markupsafe import Markup

from ..charts import count_by_month, month_chart
from ..model import TAG_KINDS
from ..ui import strings
from ..writer import PageSpec
from .catalog import Catalog
from .common import page_key, spec
from .tags import kind_title
from .timeline import Layout

HOME_ARTICLES = 20
#: Most mentioned tags of each kind shown on the home page.
HOME_TAGS = 10


def home_page(catalog: Catalog, layout: Layout, lang: str) -> PageSpec:
    """The home page of one language (made of the whole archive: keyed by all of it)."""
    t = strings(lang)
    key = page_key(lang, "home", catalog.digest) if catalog.digest else None
    return spec("", lang, "home.md.j2", {"title": t["site_name"]}, urls=catalog.urls, key=key,
                lazy=partial(_context, catalog, layout, lang))


def _context(catalog: Catalog, layout: Layout, lang: str) -> dict[str, Any]:
    kinds = []
    for kind in TAG_KINDS.values():
        tags = catalog.tags_of(kind)
        kinds.append((kind, kind_title(kind, lang), len(tags), tags[:HOME_TAGS]))
    return {"total": len(catalog.entries), "items": catalog.entries[:HOME_ARTICLES],
            "kinds": kinds, "events": len(layout.dated) + len(layout.unknown),
            "speakers": len(catalog.speakers),
            # the chart escapes its own text (builder/charts.py)
            "chart": Markup(month_chart(count_by_month(e.meta.date for e in catalog.entries),
                                        lang))}
