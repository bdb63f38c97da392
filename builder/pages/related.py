"""Related articles: most shared entities first (through the inverted index), then text
similarity when ``builder.similarity`` provides it.

No all-pairs step: candidates of an article come from the posting lists of its own tags,
and tags found in more than :data:`MAX_POSTING` articles (``Saudi Arabia`` in a Saudi
newspaper) are too common to say anything and are not followed. The cost is bounded by
``articles × tags per article × MAX_POSTING``.

Text similarity plugs in through ``builder.similarity`` (MinHash LSH): its
``build_index([(id, text), ...])`` returns an index whose ``similar(id, k)`` gives
``[(other id, score), ...]`` best first. It fills the places that shared entities leave
free; any object with that ``similar`` method can be passed instead.
"""

from __future__ import annotations

import importlib
import math
from collections import Counter
from collections.abc import Sequence
from functools import partial
from typing import Protocol

from ..parallel import map_shares
from .catalog import Catalog
from .common import Entry

#: Related articles shown on an article page.
RELATED = 5
#: Tags in more articles than this are not used to find candidates.
MAX_POSTING = 500

class SimilarIndex(Protocol):
    """What related articles need of a text-similarity index."""

    def similar(self, article_id: str, k: int = 5) -> Sequence[tuple[str, float]]:
        """Up to ``k`` other article ids most like ``article_id``, best first, with scores."""


def _similarity_index(catalog: Catalog) -> SimilarIndex | None:
    """``builder.similarity.build_index`` over the catalog, when that module exists."""
    try:
        module = importlib.import_module("builder.similarity")
    except ImportError:
        return None
    build = getattr(module, "build_index", None)
    if build is None:
        return None
    index = build([(e.meta.id, e.article.text) for e in catalog.entries])
    prepare = getattr(index, "prepare_similar", None)  # built once, before the shares fork
    return prepare() if prepare is not None else index


def related_articles(catalog: Catalog, k: int = RELATED,
                     similar: SimilarIndex | None | bool = True) -> dict[str, list[str]]:
    """Article id -> up to ``k`` related article ids, best first.

    Score: number of shared tags, ties broken by the rarer tags (sum of inverse
    document frequencies), then newest first. ``similar`` is the text-similarity function
    (``True``: use ``builder.similarity`` if present; ``None``/``False``: none).
    """
    n = max(len(catalog.entries), 1)
    idf = {key: math.log(1 + n / len(tag.entries)) for key, tag in catalog.tags.items()}
    rank = {e.meta.id: i for i, e in enumerate(catalog.entries)}  # 0 = newest
    index = _similarity_index(catalog) if similar is True else (similar or None)
    result: dict[str, list[str]] = {}
    for share in map_shares(partial(_related, catalog, idf, rank, k, index), catalog.entries):
        result.update(share)
    return {e.meta.id: result[e.meta.id] for e in catalog.entries}


def _related(catalog: Catalog, idf: dict[str, float], rank: dict[str, int], k: int,
             index: SimilarIndex | None, entries: Sequence[Entry]) -> dict[str, list[str]]:
    """Related articles of ``entries`` (a share of the catalog's, see :func:`map_shares`)."""
    result: dict[str, list[str]] = {}
    for entry in entries:
        aid = entry.meta.id
        shared: Counter[str] = Counter()
        weight: Counter[str] = Counter()
        for key in catalog.article_tags(aid):
            posting = catalog.tags[key].entries
            if len(posting) > MAX_POSTING:
                continue
            for other in posting:
                oid = other.meta.id
                if oid != aid:
                    shared[oid] += 1
                    weight[oid] += idf[key]
        ids = sorted(shared, key=lambda o: (-shared[o], -weight[o], rank[o]))[:k]
        if index is not None and len(ids) < k:
            for oid, _score in index.similar(aid, k + len(ids)):
                if len(ids) >= k:
                    break
                if oid != aid and oid not in ids and oid in catalog.by_id:
                    ids.append(oid)
        result[aid] = ids
    return result
