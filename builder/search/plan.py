"""The incremental plan: index everything into the main part, or only a recent part (pure),
and the state that plan reads.

The index has two parts: the main bundle ``pagefind/`` and, after incremental renders, a
*recent* bundle ``pagefind-recent/`` that the search box merges (the main bundle's
``pagefind-entry.json`` names it under ``recent``; without that key there is no recent part
and nothing else is fetched). ``pagefind/parts.json.gz`` keeps the state: the Pagefind
version, every page of each part with a :func:`builder.search.slim.page_digest` of what
Pagefind indexes from it, the entity records and shard hashes of the entity lookup, and the
lexicon. A full index makes the lexicon anew; the recent part is indexed with the main
part's, which the search box keeps fetching, so that both parts and the box agree on every
word's form until the next full index. :func:`plan_index` decides:

* full index (every article page into main, no recent part) when no page list is given,
  when the state is missing, invalid or of another Pagefind version or state format, when
  a page of main left the site, when a re-rendered page of main has another digest (a
  re-rendered page whose related list or neighbours changed keeps its digest), or when the
  recent part would exceed :func:`recent_limit` (max(500, 5 % of main));
* otherwise main is kept as it is (not even read) and the recent part -- every article
  page not in main: the new ones, those re-rendered read again -- is indexed anew, by one
  Pagefind run over exactly those pages; when its pages and digests are unchanged it is
  kept too.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from .forms import Lexicon
from .layout import BUNDLE, STATE
from .pagefind import pagefind_version
from .view import SiteView, replace

#: Bump when what :func:`.slim.page_digest` covers, the layout of the state or the format
#: of the entity lookup changes (the next index is then a full one).
STATE_FORMAT = 4

#: The recent part holds at most this many pages, or this share of the main part's
#: pages if that is more; beyond that the next index is a full one.
RECENT_MIN = 500

RECENT_SHARE = 0.05


@dataclass(frozen=True)
class IndexPlan:
    """What :func:`builder.search.index_site` will do: a ``full`` index, or keep ``main`` as
    it is and index the ``recent`` pages (page -> digest of each)."""

    full: bool
    reason: str
    main: dict[str, str]
    recent: dict[str, str]


def recent_limit(main_pages: int) -> int:
    """How many pages the recent part may hold next to ``main_pages`` pages in main."""
    return max(RECENT_MIN, int(main_pages * RECENT_SHARE))


def plan_index(state: Mapping | None, present: Iterable[str], rendered: Iterable[str] | None,
               digest: Callable[[str], str]) -> IndexPlan:
    """Full index, or only a recent part? (Pure, given ``digest``: page -> its digest.)

    ``state`` is the state of the last index (None if missing, invalid or of another Pagefind
    version), ``present`` the article pages now in the site, ``rendered`` the pages rendered
    since (None: unknown, which asks for a full index). ``digest`` is called only for
    pages rendered this time and for new pages. The rules are in the module docstring.
    """
    present = set(present)
    if state is None:
        return IndexPlan(True, "no valid index state", {}, {})
    if rendered is None:
        return IndexPlan(True, "full index requested", {}, {})
    main, old = dict(state["main"]), dict(state["recent"])
    gone = sorted(set(main) - present)
    if gone:
        return IndexPlan(True, f"{gone[0]} left the site", {}, {})
    rendered = set(rendered) & present
    for page in sorted(rendered & set(main)):
        if digest(page) != main[page]:
            return IndexPlan(True, f"the indexed content of {page} changed", {}, {})
    recent = {page: old[page] if page in old and page not in rendered else digest(page)
              for page in sorted(present - set(main))}
    if len(recent) > recent_limit(len(main)):
        return IndexPlan(True, f"the recent part would hold {len(recent)} pages", {}, {})
    return IndexPlan(False, f"{len(recent)} page(s) in the recent part", main, recent)


def valid_state(data: object, version: str) -> dict | None:
    """``data`` if it is a state of :data:`STATE_FORMAT` written with Pagefind ``version``."""
    if not isinstance(data, dict) or data.get("format") != STATE_FORMAT \
            or data.get("pagefind") != version:
        return None
    parts = [data.get("main"), data.get("recent"), data.get("entities"), data.get("lexicon")]
    if not all(isinstance(p, dict) for p in parts):
        return None
    entities = data["entities"]
    if not isinstance(entities.get("records"), dict) or not isinstance(entities.get("shards"),
                                                                          dict):
        return None
    return data


def read_state(site: Path) -> dict | None:
    """The state of the last index of ``site`` (None if missing, invalid or outdated)."""
    try:
        data = json.loads(gzip.decompress((site / BUNDLE / STATE).read_bytes()))
    except (OSError, ValueError, EOFError):
        return None
    return valid_state(data, pagefind_version())


def last_records(site: Path) -> dict[str, dict]:
    """The entity records of the last index of ``site``, even one too old to plan with
    (:func:`read_state`): {} if there are none."""
    try:
        data = json.loads(gzip.decompress((site / BUNDLE / STATE).read_bytes()))
        records = data["entities"]["records"]
    except (OSError, ValueError, EOFError, KeyError, TypeError):
        return {}
    return {url: r for url, r in records.items() if isinstance(r, dict)} \
        if isinstance(records, dict) else {}


def write_state(view: SiteView, version: str, main: Mapping[str, str],
                recent: Mapping[str, str], entities: Mapping, lexicon: Lexicon) -> None:
    """Keep the state of this index in the main bundle (if there is one) for the next
    :func:`plan_index`."""
    site = view.out
    if not ((site / BUNDLE).is_dir() or (view.base / BUNDLE).is_dir()):
        return
    (site / BUNDLE).mkdir(parents=True, exist_ok=True)
    replace(site / BUNDLE / STATE, gzip.compress(json.dumps(
        {"format": STATE_FORMAT, "pagefind": version, "main": main, "recent": recent,
         "entities": entities, "lexicon": lexicon.to_json()}, ensure_ascii=False,
        sort_keys=True, separators=(",", ":")).encode(), compresslevel=1, mtime=0))
