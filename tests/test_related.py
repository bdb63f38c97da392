"""Related articles: the sparse-matrix ranking equals an article-by-article loop."""

from __future__ import annotations

import math
import random
from collections import Counter

import pytest

from builder.model import Entity
from builder.pages import related as related_mod
from builder.pages.catalog import Catalog, build_catalog
from builder.pages.related import related_articles
from tests.pages_data import make_entry


def _loop(catalog: Catalog, k: int, max_posting: int) -> dict[str, list[str]]:
    """The ranking of related_articles, one article and one tag at a time."""
    n = max(len(catalog.entries), 1)
    idf = {key: math.log(1 + n / len(tag.entries)) for key, tag in catalog.tags.items()}
    rank = {e.meta.id: i for i, e in enumerate(catalog.entries)}
    result = {}
    for entry in catalog.entries:
        aid = entry.meta.id
        shared: Counter[str] = Counter()
        weight: Counter[str] = Counter()
        for key in catalog.article_tags(aid):
            posting = catalog.tags[key].entries
            if len(posting) > max_posting:
                continue
            for other in posting:
                if other.meta.id != aid:
                    shared[other.meta.id] += 1
                    weight[other.meta.id] += idf[key]
        result[aid] = sorted(shared, key=lambda o: (-shared[o], -weight[o], rank[o]))[:k]
    return result


def _archive(size: int, seed: int) -> Catalog:
    """Articles with 0-6 of 25 tags (some in most articles), dates with many ties."""
    rng = random.Random(seed)
    names = [(f"شخص {i}", f"Person {i}") for i in range(25)]
    entries = []
    for n in range(1, size + 1):
        chosen = rng.sample(names, rng.randint(0, 6))
        if rng.random() < 0.7:
            chosen.append(names[0])  # a tag in most articles
        extra = tuple(Entity("person", ar, en, en.lower().replace(" ", "-"))
                      for ar, en in dict.fromkeys(chosen))
        entries.append(make_entry(n, [], date=f"2015-{rng.randint(1, 3):02d}-01", extra=extra))
    return build_catalog(entries)


@pytest.mark.parametrize(("size", "k", "max_posting"), [(1, 5, 500), (60, 5, 500),
                                                        (300, 5, 40), (300, 3, 500)])
def test_ranking_equals_the_loop(size: int, k: int, max_posting: int,
                                 monkeypatch: pytest.MonkeyPatch) -> None:
    catalog = _archive(size, seed=size + k)
    monkeypatch.setattr(related_mod, "MAX_POSTING", max_posting)
    expected = _loop(catalog, k, max_posting)
    assert related_articles(catalog, k=k, similar=None) == expected
    if size > 1:
        assert sum(map(len, expected.values())) > size  # lists to compare, ties among them
        assert any(len(v) < k for v in expected.values())


def test_text_similarity_only_fills_free_places() -> None:
    catalog = _archive(60, seed=3)
    by_tags = related_articles(catalog, similar=None)
    asked = []

    class Index:
        def similar(self, article_id: str, k: int = 5):
            asked.append(article_id)
            return [(e.meta.id, 0.5) for e in catalog.entries[:k + 2]]

    filled = related_articles(catalog, similar=Index())
    assert set(asked) == {aid for aid, ids in by_tags.items() if len(ids) < 5}
    for aid, ids in filled.items():
        assert ids[:len(by_tags[aid])] == by_tags[aid]
        assert len(ids) == 5 and aid not in ids and len(set(ids)) == 5


def test_no_articles() -> None:
    assert related_articles(build_catalog([])) == {}
