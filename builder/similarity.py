"""Related articles and near-duplicates with MinHash LSH (datasketch): no all-pairs step.

Every article gets two MinHash signatures (128 permutations, fixed seed, so the same corpus
always gives the same answers):

* a *topic* signature of its keywords: the content words (normalised, leading "ال"
  dropped, words of ``data/stopwords.yml`` and words of one or two letters ignored) that
  are most distinctive for it (TF-IDF over the corpus; words no other article uses cannot
  relate two articles and are skipped), indexed in MinHash LSH tuned for a low threshold:
  :meth:`SimilarityIndex.similar` ranks the candidates it returns (a few dozen) by
  estimated Jaccard similarity of the keyword sets;
* a *shingle* signature of its overlapping three-word sequences, indexed in MinHash LSH:
  :meth:`SimilarityIndex.near_duplicates` lists the pairs whose estimated Jaccard
  similarity of shingles reaches a threshold (the same story re-published, perhaps lightly
  edited).

Cost grows with the number of articles times a constant (candidates per query), never with
its square. Scores are rounded to 3 decimals; results are sorted, ties broken by id.

>>> index = build_index([("a", "..."), ("b", "...")])          # or Entry objects
>>> index.similar("a", k=5)           # [("b", 0.42), ...]
>>> index.near_duplicates(0.8)        # [("a", "b", 0.93), ...]
"""

from __future__ import annotations

import hashlib
import math
import re
import zlib
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cached_property, lru_cache
from importlib import metadata
from pathlib import Path
from typing import Any

import numpy as np
import yaml
from datasketch import MinHash, MinHashLSH

from .normalize import normalize, strip_al

NUM_PERM = 128
SEED = 1
#: Shingle LSH is built for this Jaccard threshold; higher thresholds filter its candidates.
LSH_THRESHOLD = 0.5
#: Keyword LSH threshold: pairs sharing fewer keywords are rarely proposed as related.
RELATED_THRESHOLD = 0.1
SHINGLE = 3
#: Keywords per article for the topic signature.
KEYWORDS = 24
_WORD = re.compile(r"\w+")
_DATA = Path(__file__).parent / "data" / "stopwords.yml"


@lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    """Normalised stop words of ``data/stopwords.yml``: ``"التي" in stopwords()`` -> True."""
    with open(_DATA, encoding="utf-8") as fh:
        data = yaml.safe_load(fh) or {}
    if not isinstance(data, dict) or not all(isinstance(v, list) for v in data.values()):
        raise ValueError(f"{_DATA}: expected a mapping of language -> list of words")
    words: set[str] = set()
    for lang, items in data.items():
        for item in items:
            if not isinstance(item, str) or not item.strip():
                raise ValueError(f"{_DATA}: {lang}: {item!r} is not a word")
            word = normalize(item.strip()).lower()
            words.update({word, strip_al(word)})
    return frozenset(words)


def tokens(text: str) -> list[str]:
    """Normalised lower-case words: ``tokens("أعلنَ الرئيسُ")`` -> ``["اعلن", "الرئيس"]``."""
    return _WORD.findall(normalize(text).lower())


def content_words(words: list[str]) -> Counter[str]:
    """Content words and their counts: ``content_words(["في", "الرياض"])`` -> ``{"رياض": 1}``."""
    stop = stopwords()
    out: Counter[str] = Counter()
    for word in words:
        if word in stop or word.isdigit():
            continue
        word = strip_al(word)
        if len(word) > 2 and word not in stop:
            out[word] += 1
    return out


def _identity(value: int) -> int:
    """Items are already 32-bit hashes (see :func:`_word_hashes`)."""
    return value


def _word_hashes(words: list[str], memo: dict[str, int]) -> np.ndarray:
    """A 32-bit hash per word (crc32: fast and the same on every platform)."""
    out = np.empty(len(words), dtype=np.uint64)
    for i, word in enumerate(words):
        h = memo.get(word)
        if h is None:
            h = memo[word] = zlib.crc32(word.encode("utf-8"))
        out[i] = h
    return out


def _shingle_hashes(hashes: np.ndarray, size: int = SHINGLE) -> list[int]:
    """Hashes of the overlapping ``size``-word sequences, combined from word hashes."""
    if len(hashes) < size:
        return [int(np.bitwise_xor.reduce(hashes))] if len(hashes) else []
    acc = np.zeros(len(hashes) - size + 1, dtype=np.uint64)
    for j in range(size):
        acc = (acc * np.uint64(0x9E3779B1) + hashes[j : len(hashes) - size + 1 + j]) \
            & np.uint64(0xFFFFFFFF)
    return np.unique(acc).tolist()


def shingles(words: list[str], size: int = SHINGLE) -> set[str]:
    """Overlapping word sequences: ``shingles(["a", "b", "c", "d"])`` -> ``{"a b c", "b c d"}``."""
    if len(words) < size:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i : i + size]) for i in range(len(words) - size + 1)}


def _id_and_text(item: Any) -> tuple[str, str]:
    if isinstance(item, tuple):
        return item[0], item[1]
    article = item.article  # an Entry (pages.Entry) or anything shaped like it
    return article.id, article.text


class SimilarityIndex:
    """MinHash signatures of a corpus with their LSH indexes (see the module docstring).

    ``topic`` and ``shingle`` are the signatures, or functions that make them: each half
    (signatures and LSH) is only made when first used, so near-duplicate detection never
    pays for the topic index and related articles never pay for the shingle index.
    """

    def __init__(self, ids: list[str],
                 topic: list[MinHash | None] | Callable[[], list[MinHash | None]],
                 shingle: list[MinHash | None] | Callable[[], list[MinHash | None]]):
        self.ids = tuple(ids)
        self._pos = {article_id: i for i, article_id in enumerate(ids)}
        self._make_topic, self._make_shingle = topic, shingle

    @cached_property
    def _topic(self) -> list[MinHash | None]:
        return _made(self._make_topic)

    @cached_property
    def _shingle(self) -> list[MinHash | None]:
        return _made(self._make_shingle)

    @cached_property
    def _related(self) -> MinHashLSH:
        return _lsh(RELATED_THRESHOLD, self.ids, self._topic)

    @cached_property
    def _lsh(self) -> MinHashLSH:
        return _lsh(LSH_THRESHOLD, self.ids, self._shingle)

    def prepare_similar(self) -> SimilarityIndex:
        """Make the topic index now (before processes fork to share :meth:`similar`)."""
        _ = self._related
        return self

    def __len__(self) -> int:
        return len(self.ids)

    def similar(self, article_id: str, k: int = 5,
                min_score: float = 0.0) -> list[tuple[str, float]]:
        """Up to ``k`` other articles most like ``article_id``: ``[(id, score), ...]``.

        Sorted by score (estimated Jaccard similarity of content words), then id; only
        scores above ``min_score``. An unknown id or an article without words gives ``[]``.
        """
        i = self._pos.get(article_id)
        if i is None or self._topic[i] is None or k <= 0:
            return []
        mine = self._topic[i]
        scored = []
        for other in self._related.query(mine):
            if other == article_id:
                continue
            score = round(float(mine.jaccard(self._topic[self._pos[other]])), 3)
            if score > min_score:
                scored.append((other, score))
        scored.sort(key=lambda pair: (-pair[1], pair[0]))
        return scored[:k]

    def duplicates_of(self, article_id: str, threshold: float = 0.8) -> list[tuple[str, float]]:
        """Other articles whose shingles overlap ``article_id``'s by at least ``threshold``."""
        i = self._pos.get(article_id)
        if i is None or self._shingle[i] is None:
            return []
        mine = self._shingle[i]
        result = []
        for other in self._lsh.query(mine):
            if other == article_id:
                continue
            score = round(float(mine.jaccard(self._shingle[self._pos[other]])), 3)
            if score >= threshold:
                result.append((other, score))
        result.sort(key=lambda pair: (-pair[1], self._pos[pair[0]]))
        return result

    def near_duplicates(self, threshold: float = 0.8) -> list[tuple[str, str, float]]:
        """Pairs ``(first, later, score)`` with shingle similarity >= ``threshold``.

        ``first`` comes before ``later`` in the order the index was built (corpus order);
        pairs are sorted by that order. Thresholds below ``LSH_THRESHOLD`` (0.5) may miss
        pairs: the LSH is tuned for near-duplicates, not for loosely similar texts.
        """
        pairs = []
        for i, article_id in enumerate(self.ids):
            for other, score in self.duplicates_of(article_id, threshold):
                if self._pos[other] > i:
                    pairs.append((article_id, other, score))
        pairs.sort(key=lambda p: (self._pos[p[0]], self._pos[p[1]]))
        return pairs


def build_index(entries: Iterable[Any]) -> SimilarityIndex:
    """Index ``entries``: ``pages.Entry`` objects or ``(article_id, text)`` pairs."""
    ids: list[str] = []
    feats: list[Features] = []
    for item in entries:
        article_id, text = _id_and_text(item)
        ids.append(article_id)
        feats.append(_features(text))
    if len(set(ids)) != len(ids):
        raise ValueError("build_index: the same article id appears twice")
    return SimilarityIndex(
        ids, lambda: _topic_signatures(feats),
        lambda: [None if f.shingles is None else _minhash(f.shingles) for f in feats])


def _topic_signatures(feats: list[Features]) -> list[MinHash | None]:
    """Keyword signatures: TF-IDF over these articles picks each one's keywords."""
    df: Counter[int] = Counter()
    for f in feats:
        df.update(f.words.tolist())
    n = len(feats)
    return _signatures([keyword_ids(f, df, n) for f in feats])


def _made(signatures: list[MinHash | None] | Callable[[], list[MinHash | None]]
          ) -> list[MinHash | None]:
    return signatures() if callable(signatures) else signatures


def _lsh(threshold: float, ids: tuple[str, ...], signatures: list[MinHash | None]
         ) -> MinHashLSH:
    """An LSH index of the articles that have a signature."""
    lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
    for article_id, signature in zip(ids, signatures, strict=True):
        if signature is not None:
            lsh.insert(article_id, signature)
    return lsh


def keyword_ids(f: Features, df: Counter[int], n: int, k: int = KEYWORDS) -> list[int]:
    """The ``k`` content words (as word hashes) of highest TF-IDF found in >= 2 articles."""
    scored = sorted((-int(tf) * math.log((1 + n) / (1 + df[w])), w)
                    for w, tf in zip(f.words.tolist(), f.counts.tolist(), strict=True)
                    if df[w] >= 2)
    return sorted(w for _, w in scored[:k])


# --- per-text features, remembered across calls (and builds, see builder/cache.py) -----

@dataclass(frozen=True)
class Features:
    """What the index needs of one text: content words (crc32 of their content form, sorted)
    with their counts, and the MinHash values of its shingles (None: no words)."""

    words: np.ndarray  #: uint32
    counts: np.ndarray  #: uint32
    shingles: np.ndarray | None  #: uint64, NUM_PERM values


#: text digest (16 bytes) -> features
_FEATURES: dict[bytes, Features] = {}
#: digests looked up since :func:`export_features` last ran
_USED: set[bytes] = set()
_WORD_HASHES: dict[str, int] = {}
_CONTENT_FORMS: dict[str, str | None] = {}


@lru_cache(maxsize=1)
def _template() -> MinHash:
    return MinHash(num_perm=NUM_PERM, seed=SEED, hashfunc=_identity)


def _minhash(hashvalues: np.ndarray) -> MinHash:
    t = _template()
    return MinHash(num_perm=NUM_PERM, seed=SEED, hashfunc=_identity, hashvalues=hashvalues,
                   permutations=t.permutations, scheme=t.scheme)


def _features(text: str) -> Features:
    """Features of ``text`` (memoised by its digest)."""
    key = hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).digest()
    _USED.add(key)
    found = _FEATURES.get(key)
    if found is not None:
        return found
    words = tokens(text)
    counts: Counter[int] = Counter()
    for form, count in _content_counts(words, _CONTENT_FORMS).items():
        counts[zlib.crc32(form.encode("utf-8"))] += count
    ids = sorted(counts)
    hashes = _shingle_hashes(_word_hashes(words, _WORD_HASHES))
    shingles = None
    if hashes:
        m = _minhash(_template().hashvalues.copy())
        m.update_batch(hashes)
        shingles = m.hashvalues.astype(np.uint64)
    found = Features(np.array(ids, dtype=np.uint32),
                     np.array([counts[w] for w in ids], dtype=np.uint32), shingles)
    _FEATURES[key] = found
    return found


def features_fingerprint() -> str:
    """What the features depend on: this module, normalisation, stop words, datasketch."""
    digest = hashlib.sha256(f"{NUM_PERM}\0{SEED}\0{SHINGLE}\0".encode())
    for path in (Path(__file__), Path(__file__).with_name("normalize.py"), _DATA):
        digest.update(path.read_bytes())
    digest.update(metadata.version("datasketch").encode())
    return digest.hexdigest()


def export_features() -> dict[str, np.ndarray]:
    """The features of the texts used since the last export, as flat arrays."""
    keys = sorted(k for k in _USED if k in _FEATURES)
    _USED.clear()
    feats = [_FEATURES[k] for k in keys]
    empty = np.zeros(NUM_PERM, dtype=np.uint64)
    return {
        "fingerprint": np.array([features_fingerprint()]),
        "keys": np.frombuffer(b"".join(keys), dtype="S16") if keys else np.array([], "S16"),
        "sizes": np.array([len(f.words) for f in feats], dtype=np.int64),
        "words": np.concatenate([f.words for f in feats] or [np.array([], np.uint32)]),
        "counts": np.concatenate([f.counts for f in feats] or [np.array([], np.uint32)]),
        "has_shingles": np.array([f.shingles is not None for f in feats], dtype=bool),
        "shingles": np.array([empty if f.shingles is None else f.shingles for f in feats],
                             dtype=np.uint64).reshape(len(feats), NUM_PERM),
    }


def import_features(data: dict[str, np.ndarray]) -> int:
    """Remember features exported by an earlier build (ignored if made by other code)."""
    if str(data["fingerprint"][0]) != features_fingerprint():
        return 0
    ends = np.cumsum(data["sizes"])
    starts = ends - data["sizes"]
    words, counts = data["words"], data["counts"]
    for i, key in enumerate(data["keys"].tolist()):
        shingles = data["shingles"][i].copy() if data["has_shingles"][i] else None
        _FEATURES.setdefault(key, Features(words[starts[i]:ends[i]].copy(),
                                           counts[starts[i]:ends[i]].copy(), shingles))
    return len(data["keys"])


def _content_counts(words: list[str], memo: dict[str, str | None]) -> Counter[str]:
    """:func:`content_words` with a memo of each distinct word's content form."""
    out: Counter[str] = Counter()
    for word, n in Counter(words).items():
        if word not in memo:
            found = content_words([word])
            memo[word] = next(iter(found)) if found else None
        form = memo[word]
        if form is not None:
            out[form] += n
    return out


def _signatures(sets: list[list[int]]) -> list[MinHash | None]:
    """One MinHash per non-empty set of hashes (None for an empty one)."""
    filled = [s for s in sets if s]
    hashes = iter(MinHash.bulk(filled, num_perm=NUM_PERM, seed=SEED, hashfunc=_identity))
    return [next(hashes) if s else None for s in sets]
