"""Related articles and near-duplicates (MinHash LSH): right answers, stable, no all-pairs."""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np
import pytest
from datasketch import MinHash

from builder import minhash
from builder.similarity import build_index, content_words, shingles, stopwords, tokens
from tests.helpers import SAUDI

YEMEN = [
    "قوات الجيش اليمني والمقاومة الشعبية تتقدم في محافظة تعز بدعم من طيران التحالف "
    "وتستعيد مواقع من ميليشيات الحوثيين وقوات المخلوع صالح في جبهة الصبيحة",
    "طيران التحالف يقصف مواقع ميليشيات الحوثيين وقوات المخلوع صالح في محافظة تعز "
    "والمقاومة الشعبية تسيطر على جبهة الصبيحة بعد معارك مع الجيش اليمني",
    "معارك عنيفة في جبهة الصبيحة بين المقاومة الشعبية وميليشيات الحوثيين وقوات المخلوع "
    "صالح وطيران التحالف يساند الجيش اليمني في محافظة تعز",
]
FOOTBALL = [
    "فاز نادي الهلال على نادي النصر بهدفين في مباراة الدوري السعودي لكرة القدم "
    "وسجل المهاجم الهدف الثاني في الدقيقة الأخيرة أمام جماهير الملعب",
    "تعادل نادي النصر مع نادي الاتحاد في مباراة الدوري السعودي لكرة القدم وأهدر "
    "المهاجم ركلة جزاء أمام جماهير الملعب في الدقيقة الأخيرة",
]
DUP = ("أعلنت وزارة الصحة السعودية تسجيل حالات جديدة من فيروس كورونا في مدينة الرياض "
       "وقالت الوزارة إن المصابين يتلقون العلاج في مستشفيات العاصمة وإن حالتهم مستقرة "
       "ودعت المواطنين إلى اتباع الإرشادات الصحية وغسل اليدين وتجنب الازدحام")


def _items() -> list[tuple[str, str]]:
    edited = DUP.replace("مستقرة", "جيدة")
    texts = [*YEMEN, *FOOTBALL, DUP, edited]
    return [(f"{i:016x}", text) for i, text in enumerate(texts)]


def test_related_articles_share_a_topic() -> None:
    index = build_index(_items())
    ids = index.ids
    related = [other for other, _ in index.similar(ids[0], k=3)]
    assert set(related[:2]) == {ids[1], ids[2]}
    football = [other for other, _ in index.similar(ids[3], k=3)]
    assert football[0] == ids[4]
    assert ids[0] not in football


def test_scores_are_sorted_and_exclude_the_article_itself() -> None:
    index = build_index(_items())
    for article_id in index.ids:
        result = index.similar(article_id, k=5)
        assert article_id not in [other for other, _ in result]
        assert result == sorted(result, key=lambda p: (-p[1], p[0]))
        assert all(0 < score <= 1 for _, score in result)


def test_near_duplicate_found_and_unrelated_pairs_not() -> None:
    index = build_index(_items())
    ids = index.ids
    pairs = index.near_duplicates(0.8)
    assert [(a, b) for a, b, _ in pairs] == [(ids[5], ids[6])]
    assert pairs[0][2] >= 0.8
    assert index.duplicates_of(ids[6], 0.8)[0][0] == ids[5]
    assert index.near_duplicates(0.99) == []


def test_same_corpus_same_answers() -> None:
    first, second = build_index(_items()), build_index(_items())
    for article_id in first.ids:
        assert first.similar(article_id, 4) == second.similar(article_id, 4)
    assert first.near_duplicates(0.6) == second.near_duplicates(0.6)


def test_entries_and_pairs_give_the_same_index() -> None:
    entries = [SimpleNamespace(article=SimpleNamespace(id=i, text=t)) for i, t in _items()]
    a, b = build_index(entries), build_index(_items())
    assert a.ids == b.ids
    assert [a.similar(i, 3) for i in a.ids] == [b.similar(i, 3) for i in b.ids]


def test_empty_and_unknown_articles() -> None:
    index = build_index([("a", ""), ("b", "..."), *_items()])
    assert index.similar("a") == [] and index.similar("nope") == []
    assert all("a" not in pair[:2] and "b" not in pair[:2] for pair in index.near_duplicates(0.5))


def test_duplicate_ids_are_refused() -> None:
    with pytest.raises(ValueError, match="twice"):
        build_index([("a", "نص"), ("a", "نص آخر")])


def test_text_helpers() -> None:
    assert tokens("أعلنَ الرئيسُ") == ["اعلن", "الرئيس"]
    assert dict(content_words(tokens("في الرياض والرياض 2015"))) == {"رياض": 1, "والرياض": 1}
    assert shingles(["a", "b", "c", "d"]) == {"a b c", "b c d"}
    assert "التي" in stopwords() and "on" in stopwords()


@pytest.mark.skipif(not SAUDI.is_dir(), reason="real articles not available")
def test_real_articles_without_all_pairs(monkeypatch: pytest.MonkeyPatch) -> None:
    texts = [p.read_text(encoding="utf-8") for p in sorted(SAUDI.glob("*.txt"))[:400]]
    # the same 400 articles twice: every one has an exact duplicate
    index = build_index([(f"{i:04d}", texts[i % 400]) for i in range(800)])
    calls = 0
    original = MinHash.jaccard

    def counting(self: MinHash, other: MinHash) -> float:
        nonlocal calls
        calls += 1
        return original(self, other)

    monkeypatch.setattr(MinHash, "jaccard", counting)
    pairs = index.near_duplicates(0.9)
    assert {(a, b) for a, b, _ in pairs} >= {(f"{i:04d}", f"{i + 400:04d}") for i in range(400)}
    for article_id in index.ids:
        index.similar(article_id, 5)
    # all pairs would be 800 * 799 comparisons; candidates keep it to a few dozen each
    assert calls < 800 * 60


# -- the vectorised index answers what datasketch's MinHash and MinHashLSH answer ----------


def _datasketch_answers(items: list[tuple[str, str]], k: int, threshold: float):
    """Related lists and near-duplicate pairs computed article by article with datasketch's
    own MinHash.bulk and MinHashLSH (the reference the index must equal)."""
    from collections import Counter

    from datasketch import MinHashLSH

    from builder import similarity as sim

    ids = [i for i, _ in items]
    feats = [sim.text_features(text) for _, text in items]
    df: Counter[int] = Counter()
    for f in feats:
        df.update(f.words.tolist())
    sets = [sim.keyword_ids(f, df, len(feats)) for f in feats]
    made = iter(MinHash.bulk([s for s in sets if s], num_perm=sim.NUM_PERM, seed=sim.SEED,
                             hashfunc=minhash._identity))
    topic = [next(made) if s else None for s in sets]
    t = minhash._template()
    shingle = [None if f.shingles is None else
               MinHash(num_perm=sim.NUM_PERM, seed=sim.SEED, hashfunc=minhash._identity,
                       hashvalues=f.shingles, permutations=t.permutations, scheme=t.scheme)
               for f in feats]
    related_lsh = MinHashLSH(threshold=sim.RELATED_THRESHOLD, num_perm=sim.NUM_PERM)
    near_lsh = MinHashLSH(threshold=sim.LSH_THRESHOLD, num_perm=sim.NUM_PERM)
    for i, article_id in enumerate(ids):
        if topic[i] is not None:
            related_lsh.insert(article_id, topic[i])
        if shingle[i] is not None:
            near_lsh.insert(article_id, shingle[i])
    related, pairs = {}, []
    for i, article_id in enumerate(ids):
        scored = []
        if topic[i] is not None:
            for other in related_lsh.query(topic[i]):
                score = round(topic[i].jaccard(topic[ids.index(other)]), 3)
                if other != article_id and score > 0:
                    scored.append((other, score))
        related[article_id] = sorted(scored, key=lambda p: (-p[1], p[0]))[:k]
        if shingle[i] is not None:
            for other in near_lsh.query(shingle[i]):
                j = ids.index(other)
                score = round(shingle[i].jaccard(shingle[j]), 3)
                if j > i and score >= threshold:
                    pairs.append((article_id, other, score))
    return related, sorted(pairs, key=lambda p: (ids.index(p[0]), ids.index(p[1])))


def _corpus_with_repeats() -> list[tuple[str, str]]:
    """Real articles when available (else the small topics above), some of them repeated
    with an edit or with halves swapped, so that there are near-duplicates of every degree."""
    if SAUDI.is_dir():
        texts = [p.read_text(encoding="utf-8") for p in sorted(SAUDI.glob("*.txt"))[:300]]
    else:
        texts = [text for _, text in _items()] * 3
    edited = []
    for i, text in enumerate(texts[:40]):
        words = text.split()
        half = len(words) // 2
        edited.append(" ".join(words[:half] + ["تعديل"] * (i % 4) + words[half:]) if i % 2
                      else " ".join(words[half:] + words[:half]))
    # halves of two articles: about a third of the shingles of each
    mixed = [" ".join(a.split()[:len(a.split()) // 2] + b.split()[len(b.split()) // 2:])
             for a, b in zip(texts[:20], texts[20:40], strict=True)]
    return [(f"{i:016x}", text) for i, text in enumerate(texts + edited + mixed + ["", "..."])]


def test_index_equals_datasketch_lsh() -> None:
    items = _corpus_with_repeats()
    related, pairs = _datasketch_answers(items, k=10, threshold=0.25)
    index = build_index(items)
    assert {i: index.similar(i, 10) for i, _ in items} == related
    assert index.near_duplicates(0.25) == pairs
    assert sum(map(len, related.values())) > len(items)  # the test compares answers
    assert any(p[2] < 0.5 for p in pairs) and any(p[2] > 0.9 for p in pairs)
    first, later, score = pairs[0]
    assert (first, score) in index.duplicates_of(later, 0.25)


def test_keywords_of_all_articles_at_once_equal_one_at_a_time() -> None:
    from collections import Counter

    from builder import similarity as sim

    feats = [sim.text_features(text) for _, text in _corpus_with_repeats()]
    df: Counter[int] = Counter()
    for f in feats:
        df.update(f.words.tolist())
    words, owner = sim.keywords(feats)
    found: list[list[int]] = [[] for _ in feats]
    for word, article in zip(words.tolist(), owner.tolist(), strict=True):
        found[article].append(word)
    assert [sorted(w) for w in found] == [sim.keyword_ids(f, df, len(feats)) for f in feats]
    assert any(len(w) == sim.KEYWORDS for w in found)


def test_a_collision_of_band_hashes_adds_no_candidate(monkeypatch: pytest.MonkeyPatch) -> None:
    import numpy as np


    items = _corpus_with_repeats()
    index = build_index(items)
    pairs = index.near_duplicates(0.25)
    duplicates = [index.duplicates_of(i, 0.25) for i, _ in items]
    real = minhash._band_keys
    # every wide band hashes to one key: all rows share every bucket
    monkeypatch.setattr(minhash, "_band_keys", lambda values: real(values) if values.shape[1] <= 2
                        else np.zeros(len(values), dtype=np.uint64))
    index = build_index(items)
    assert index.near_duplicates(0.25) == pairs
    assert [index.duplicates_of(i, 0.25) for i, _ in items] == duplicates


def test_features_are_the_same_with_a_shared_word_memo() -> None:
    from builder import similarity as sim

    texts = [text for _, text in _items()]
    memo = sim.WordMemo()
    shared = [sim.text_features(text, memo) for text in texts]
    assert memo.hashes and memo.forms
    for text, found in zip(texts, shared, strict=True):
        alone = sim.text_features(text)
        assert np.array_equal(found.words, alone.words)
        assert np.array_equal(found.counts, alone.counts)
        assert np.array_equal(found.shingles, alone.shingles)


def test_the_module_keeps_no_state_of_the_texts_it_saw() -> None:
    from builder import similarity as sim

    before = {name: repr(value) for name, value in vars(sim).items()
              if isinstance(value, (dict, set, list))}
    build_index(_items()).similar("a", 3)
    after = {name: repr(value) for name, value in vars(sim).items()
             if isinstance(value, (dict, set, list))}
    assert after == before
