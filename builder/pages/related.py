"""Related articles: most shared entities first (through the inverted index), then text
similarity when ``builder.similarity`` provides it.

No all-pairs step: candidates of an article come from the posting lists of its own tags,
and tags found in more than :data:`MAX_POSTING` articles (``Saudi Arabia`` in a Saudi
newspaper) are too common to say anything and are not followed. The cost is bounded by
``articles × tags per article × MAX_POSTING``; the counting is one sparse matrix product
(articles × tags times its transpose, scipy) rather than a Python loop.

Text similarity plugs in through ``builder.similarity`` (MinHash LSH): its
``build_index([(id, text), ...])`` returns an index whose ``similar(id, k)`` gives
``[(other id, score), ...]`` best first. It fills the places that shared entities leave
free (and is only built when some article has such places); any object with that
``similar`` method can be passed instead.
"""

from __future__ import annotations

import importlib
import math
from collections.abc import Sequence
from typing import TYPE_CHECKING, Protocol

import numpy as np
from scipy import sparse

from .catalog import Catalog

if TYPE_CHECKING:
    from ..similarity import FeatureSource

#: Related articles shown on an article page.
RELATED = 5
#: Tags in more articles than this are not used to find candidates.
MAX_POSTING = 500


class SimilarIndex(Protocol):
    """What related articles need of a text-similarity index."""

    def similar(self, article_id: str, k: int = 5) -> Sequence[tuple[str, float]]:
        """Up to ``k`` other article ids most like ``article_id``, best first, with scores."""


def _similarity_index(catalog: Catalog, features: FeatureSource | None = None) -> SimilarIndex | None:
    """``builder.similarity.build_index`` over the catalog (``features``: its feature
    store), when that module exists."""
    try:
        module = importlib.import_module("builder.similarity")
    except ImportError:
        return None
    build = getattr(module, "build_index", None)
    if build is None:
        return None
    return build([(e.meta.id, e.article.text) for e in catalog.entries], features)


def related_articles(catalog: Catalog, k: int = RELATED,
                     similar: SimilarIndex | None | bool = True,
                     features: FeatureSource | None = None) -> dict[str, list[str]]:
    """Article id -> up to ``k`` related article ids, best first.

    Score: number of shared tags, ties broken by the rarer tags (sum of inverse
    document frequencies), then newest first. ``similar`` is the text-similarity function
    (``True``: use ``builder.similarity`` if present, with the texts' features from
    ``features`` when given; ``None``/``False``: none).
    """
    ids = [e.meta.id for e in catalog.entries]  # newest first
    shared = _by_shared_tags(catalog, k)
    index: SimilarIndex | None = None if similar is True else (similar or None)
    wanted = similar is True and any(len(found) < k for found in shared)
    if wanted:
        index = _similarity_index(catalog, features)
    result: dict[str, list[str]] = {}
    for aid, found in zip(ids, shared, strict=True):
        related = [ids[j] for j in found]
        if index is not None and len(related) < k:
            for oid, _score in index.similar(aid, k + len(related)):
                if len(related) >= k:
                    break
                if oid != aid and oid not in related and oid in catalog.by_id:
                    related.append(oid)
        result[aid] = related
    return result


def _by_shared_tags(catalog: Catalog, k: int) -> list[list[int]]:
    """For each entry of the catalog (newest first), up to ``k`` positions of the others
    sharing most of its tags, best first (see :func:`related_articles`)."""
    entries = catalog.entries
    n = len(entries)
    if n == 0:
        return []
    # articles × tags: one row per article, its tags in the order of its entities
    column: dict[tuple[str, str], int] = {}
    idf: list[float] = []
    indptr, indices = [0], []
    for entry in entries:
        for key in catalog.article_tags(entry.meta.id):
            posting = catalog.tags[key].entries
            if len(posting) > MAX_POSTING:
                continue
            c = column.get(key)
            if c is None:
                c = column[key] = len(idf)
                idf.append(math.log(1 + n / len(posting)))
            indices.append(c)
        indptr.append(len(indices))
    cols = np.array(indices, dtype=np.int32)
    # one product gives both: the real part counts shared tags, the imaginary part sums
    # their idf in the order of the first article's tags (as a loop over them would)
    tags = sparse.csr_matrix((1 + 1j * np.array(idf)[cols], cols, indptr), shape=(n, len(idf)))
    pairs = tags @ sparse.csr_matrix(tags.real.T)
    rows = np.repeat(np.arange(n, dtype=np.int32), np.diff(pairs.indptr))
    others = pairs.indices
    shared = pairs.data.real.astype(np.int32)
    shared[rows == others] = 0  # an article and itself: never kept (below)
    # only pairs that can be among an article's k best: as many shared tags as its k-th
    most = int(shared.max()) if len(shared) else 0
    per_count = np.bincount(rows.astype(np.int64) * (most + 1) + shared,
                            minlength=n * (most + 1))
    at_least = np.cumsum(per_count.reshape(n, most + 1)[:, ::-1], axis=1)[:, ::-1]
    enough = at_least >= k
    floor = np.where(enough.any(axis=1), most - np.argmax(enough[:, ::-1], axis=1), 1)
    keep = shared >= np.maximum(floor, 1)[rows]
    rows, others, shared = rows[keep], others[keep], shared[keep]
    weight = pairs.data.imag[keep]
    # by article, most shared tags, rarest tags, newest (position in the catalog)
    order = np.lexsort((others, -weight, -shared, rows))
    rows, others = rows[order], others[order]
    best = np.arange(len(rows)) - np.searchsorted(rows, np.arange(n))[rows] < k
    found: list[list[int]] = [[] for _ in range(n)]
    for row, other in zip(rows[best].tolist(), others[best].tolist(), strict=True):
        found[row].append(other)
    return found
