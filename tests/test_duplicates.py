"""Duplicate detection's text fingerprints (builder/duplicates.py)."""

from __future__ import annotations

import numpy as np

from builder import similarity
from builder.cache import FeatureStore
from builder.duplicates import find_duplicates, text_fingerprint, text_fingerprints
from builder.parallel import PARALLEL_MIN

WORDS = ("أعلنت", "وزارة", "الصحة", "السعودية", "اليوم", "عن", "تسجيل", "حالات", "جديدة",
         "في", "مدينة", "جدة", "والرياض", "بعد", "اجتماع", "مجلس", "الوزراء", "الأسبوع")


def _texts(n: int) -> list[str]:
    """``n`` different texts of 40 words each."""
    return [" ".join(WORDS[(i * 7 + j * (1 + i % 5)) % len(WORDS)] for j in range(40))
            + f" رقم {i}" for i in range(n)]


def _same(a: similarity.Features, b: similarity.Features) -> bool:
    return (np.array_equal(a.words, b.words) and np.array_equal(a.counts, b.counts)
            and np.array_equal(a.shingles, b.shingles))


def test_prints_shared_between_processes_equal_those_made_here() -> None:
    texts = _texts(PARALLEL_MIN + 100)
    store = FeatureStore(None)
    shared = text_fingerprints(texts, store)
    # the features computed by the other processes are adopted by the store
    assert len(store) == len(texts)
    assert store.changed()
    for text, found in zip(texts, shared, strict=True):
        assert store.get(bytes.fromhex(found.digest)) is found.features
        here = text_fingerprint(text)
        assert (found.exact, found.digest) == (here.exact, here.digest)
        assert _same(found.features, here.features)
    assert [p.digest for p in text_fingerprints(texts)] == [p.digest for p in shared]  # no store


def test_few_prints_are_made_here() -> None:
    texts = _texts(3)
    assert [(p.exact, p.digest) for p in text_fingerprints(texts)] == \
        [(p.exact, p.digest) for p in map(text_fingerprint, texts)]
    assert text_fingerprints([]) == []


def test_duplicates_of_shared_prints() -> None:
    class Item:
        def __init__(self, path: str, text: str) -> None:
            self.path, self.id, self.text = path, path, text

    texts = _texts(PARALLEL_MIN + 10)
    items = [Item(f"{i:05d}.txt", t) for i, t in enumerate(texts)]
    items.append(Item("99999.txt", texts[3] + "  "))
    found = find_duplicates(items, text_fingerprints([i.text for i in items]))
    assert found["99999.txt"] == "exact duplicate of 00003.txt (same text)"
    assert found == find_duplicates(items)
