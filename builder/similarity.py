"""Related articles and near-duplicates with MinHash LSH: no all-pairs step.

Every article gets two MinHash signatures (datasketch's MinHash: 128 permutations, fixed
seed, so the same corpus always gives the same answers):

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

The signatures of the corpus are rows of one array, and their LSH buckets answer what
``MinHashLSH`` would (:mod:`builder.minhash`). Cost grows with the number of articles, never with its square. Scores are rounded to 3
decimals; results are sorted, ties broken by id.

The module holds no state: per-text :class:`Features` come from :func:`text_features`, or
from a :class:`FeatureSource` the caller passes in (``builder.cache.FeatureStore`` keeps
them between builds).

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
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from importlib import metadata
from pathlib import Path
from typing import Any, Protocol

import numpy as np
import yaml

from .minhash import (
    NUM_PERM,
    SCORES,
    SEED,
    Buckets,
    Signatures,
    permuted,
    scores,
    signature,
)
from .normalize import normalize, strip_al

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
    """MinHash signatures of a corpus with their LSH buckets (see the module docstring).

    ``topic`` and ``shingle`` are the signatures, or functions that make them: each half
    (signatures and buckets) is only made when first used, so near-duplicate detection
    never pays for the topic index and related articles never pay for the shingle index.
    """

    def __init__(self, ids: Sequence[str],
                 topic: Signatures | Callable[[], Signatures],
                 shingle: Signatures | Callable[[], Signatures]):
        self.ids = tuple(ids)
        self._pos = {article_id: i for i, article_id in enumerate(self.ids)}
        self._make_topic, self._make_shingle = topic, shingle

    @cached_property
    def _topic(self) -> Signatures:
        return _made(self._make_topic)

    @cached_property
    def _shingle(self) -> Signatures:
        return _made(self._make_shingle)

    @cached_property
    def _related(self) -> Buckets:
        return Buckets(self._topic, RELATED_THRESHOLD)

    @cached_property
    def _lsh(self) -> Buckets:
        return Buckets(self._shingle, LSH_THRESHOLD)

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
        if i is None or not self._topic.present[i] or k <= 0:
            return []
        others = self._related.candidates(i)
        scored = [(self.ids[j], score)
                  for j, score in zip(others.tolist(), scores(self._topic.values, i, others),
                                      strict=True)
                  if score > min_score]
        scored.sort(key=lambda pair: (-pair[1], pair[0]))
        return scored[:k]

    def duplicates_of(self, article_id: str, threshold: float = 0.8) -> list[tuple[str, float]]:
        """Other articles whose shingles overlap ``article_id``'s by at least ``threshold``."""
        i = self._pos.get(article_id)
        if i is None or not self._shingle.present[i]:
            return []
        others = self._lsh.candidates(i)
        result = [(j, score)
                  for j, score in zip(others.tolist(), scores(self._shingle.values, i, others),
                                      strict=True)
                  if score >= threshold]
        result.sort(key=lambda pair: (-pair[1], pair[0]))
        return [(self.ids[j], score) for j, score in result]

    def near_duplicates(self, threshold: float = 0.8) -> list[tuple[str, str, float]]:
        """Pairs ``(first, later, score)`` with shingle similarity >= ``threshold``.

        ``first`` comes before ``later`` in the order the index was built (corpus order);
        pairs are sorted by that order. Thresholds below ``LSH_THRESHOLD`` (0.5) may miss
        pairs: the LSH is tuned for near-duplicates, not for loosely similar texts.
        """
        pairs = self._lsh.pairs()
        values = self._shingle.values
        equal = np.count_nonzero(values[pairs[:, 0]] == values[pairs[:, 1]], axis=1)
        found = []
        for (i, j), count in zip(pairs.tolist(), equal.tolist(), strict=True):
            if SCORES[count] >= threshold:
                found.append((self.ids[i], self.ids[j], SCORES[count]))
        return found


def build_index(entries: Iterable[Any], store: FeatureSource | None = None
                ) -> SimilarityIndex:
    """Index ``entries``: ``pages.Entry`` objects or ``(article_id, text)`` pairs, their
    features taken from ``store`` when given (else worked out here)."""
    if store is None:
        memo = WordMemo()
        made: Callable[[str], Features] = lambda text: text_features(text, memo)  # noqa: E731
    else:
        made = store.features
    ids: list[str] = []
    feats: list[Features] = []
    for item in entries:
        article_id, text = _id_and_text(item)
        ids.append(article_id)
        feats.append(made(text))
    return index_features(ids, feats)


def index_features(ids: Sequence[str], feats: Sequence[Features]) -> SimilarityIndex:
    """Index articles by their :class:`Features` (see :func:`features`), in this order."""
    if len(set(ids)) != len(ids):
        raise ValueError("build_index: the same article id appears twice")
    feats = list(feats)
    return SimilarityIndex(ids, lambda: topic_signatures(feats),
                           lambda: _shingle_signatures(feats))


def _made(signatures: Signatures | Callable[[], Signatures]) -> Signatures:
    return signatures() if callable(signatures) else signatures


def _shingle_signatures(feats: Sequence[Features]) -> Signatures:
    values = np.zeros((len(feats), NUM_PERM), dtype=np.uint32)
    present = np.zeros(len(feats), dtype=bool)
    for i, f in enumerate(feats):
        if f.shingles is not None:
            values[i] = f.shingles
            present[i] = True
    return Signatures(values, present)


def keyword_ids(f: Features, df: Counter[int], n: int, k: int = KEYWORDS) -> list[int]:
    """The ``k`` content words (as word hashes) of highest TF-IDF found in >= 2 articles
    (one article at a time; :func:`topic_signatures` does the same for all at once)."""
    scored = sorted((-int(tf) * math.log((1 + n) / (1 + df[w])), w)
                    for w, tf in zip(f.words.tolist(), f.counts.tolist(), strict=True)
                    if df[w] >= 2)
    return sorted(w for _, w in scored[:k])


def keywords(feats: Sequence[Features], k: int = KEYWORDS) -> tuple[np.ndarray, np.ndarray]:
    """Each article's keywords (:func:`keyword_ids` of every article at once): word hashes
    and the article (index in ``feats``) of each, grouped by article."""
    n = len(feats)
    sizes = np.array([len(f.words) for f in feats], dtype=np.int64)
    if not sizes.sum():
        return np.zeros(0, dtype=np.uint32), np.zeros(0, dtype=np.int64)
    words = np.concatenate([f.words for f in feats])
    counts = np.concatenate([f.counts for f in feats])
    owner = np.repeat(np.arange(n, dtype=np.uint16 if n < 2**16 else np.int64), sizes)
    # document frequency of each word: runs of equal hashes (a radix sort of uint32)
    by_word = np.argsort(words, kind="stable")
    ordered = words[by_word]
    run = np.empty(len(words), dtype=bool)
    run[0] = True
    np.not_equal(ordered[1:], ordered[:-1], out=run[1:])
    sizes = np.diff(np.append(np.flatnonzero(run), len(words)))
    df = np.empty(len(words), dtype=np.int64)
    df[by_word] = sizes[np.cumsum(run) - 1]
    keep = df >= 2
    words, counts, owner, df = words[keep], counts[keep], owner[keep], df[keep]
    # the same float operations as keyword_ids: math.log of each distinct count of articles
    idf = np.zeros(n + 1)
    for d in np.unique(df).tolist():
        idf[d] = math.log((1 + n) / (1 + d))
    score = -counts.astype(np.float64) * idf[df]
    # by article, then best score first, then by hash (the order within an article):
    # two stable sorts, the second a radix sort when articles are counted in 16 bits
    order = np.argsort(score, kind="stable")
    order = order[np.argsort(owner[order], kind="stable")]
    owner = owner[order].astype(np.int64)
    best = _rank_in_group(owner, n) < k
    return words[order[best]], owner[best]


def _rank_in_group(groups: np.ndarray, n: int) -> np.ndarray:
    """Position of each item within its group (``groups`` sorted, values below ``n``)."""
    return np.arange(len(groups)) - np.searchsorted(groups, np.arange(n))[groups]


def topic_signatures(feats: Sequence[Features]) -> Signatures:
    """Keyword signatures: TF-IDF over these articles picks each one's keywords
    (:func:`keywords`), whose MinHash is the row of each article."""
    words, owner = keywords(feats)
    n = len(feats)
    present = np.zeros(n, dtype=bool)
    present[owner] = True
    distinct, where = np.unique(words, return_inverse=True)
    # rows of permuted values, and a last row that changes no minimum
    rows = np.vstack([permuted(distinct),
                      np.full((1, NUM_PERM), np.iinfo(np.uint32).max, dtype=np.uint32)])
    # each article's keywords as a row of indexes into ``rows`` (padded with the last)
    slots = np.full((n, KEYWORDS), len(distinct), dtype=np.int64)
    slots[owner, _rank_in_group(owner, n)] = where.ravel()
    values = rows[slots[:, 0]]
    for j in range(1, KEYWORDS):
        np.minimum(values, rows[slots[:, j]], out=values)
    return Signatures(values, present)


# --- per-text features ----------------------------------------------------------------

@dataclass(frozen=True)
class Features:
    """What the index needs of one text: content words (crc32 of their content form, sorted)
    with their counts, and the MinHash values of its shingles (None: no words)."""

    words: np.ndarray  #: uint32
    counts: np.ndarray  #: uint32
    shingles: np.ndarray | None  #: uint32, NUM_PERM values


@dataclass
class WordMemo:
    """What :func:`text_features` works out once per distinct word, kept by the caller
    across texts: each word's crc32 and its content form (None: not a content word)."""

    hashes: dict[str, int] = field(default_factory=dict)
    forms: dict[str, str | None] = field(default_factory=dict)


class FeatureSource(Protocol):
    """Features of texts, perhaps remembered (``builder.cache.FeatureStore``)."""

    def features(self, text: str) -> Features:
        """The :class:`Features` of ``text`` (equal to ``text_features(text)``)."""

    def adopt(self, digest: bytes, found: Features) -> None:
        """Remember ``found``, the features of the text with this :func:`text_digest`
        (worked out in another process)."""


def text_digest(text: str) -> bytes:
    """The key of a text's features (16 bytes): ``len(text_digest("نص")) == 16``."""
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).digest()


def text_features(text: str, memo: WordMemo | None = None) -> Features:
    """The :class:`Features` of ``text`` (``memo``: per-word work shared with other texts;
    the result is the same with or without it).

    ``text_features("أعلن الرئيس").words`` -> the crc32 of "اعلن" and "رئيس", sorted.
    """
    memo = memo if memo is not None else WordMemo()
    words = tokens(text)
    counts: Counter[int] = Counter()
    for form, count in _content_counts(words, memo.forms).items():
        counts[zlib.crc32(form.encode("utf-8"))] += count
    ids = sorted(counts)
    hashes = _shingle_hashes(_word_hashes(words, memo.hashes))
    shingles = None
    if hashes:
        shingles = signature(hashes)
    return Features(np.array(ids, dtype=np.uint32),
                    np.array([counts[w] for w in ids], dtype=np.uint32), shingles)


def features_fingerprint() -> str:
    """What the features depend on: this module, MinHash, normalisation, stop words,
    datasketch."""
    digest = hashlib.sha256(f"{NUM_PERM}\0{SEED}\0{SHINGLE}\0".encode())
    for path in (Path(__file__), Path(__file__).with_name("minhash.py"),
                 Path(__file__).with_name("normalize.py"), _DATA):
        digest.update(path.read_bytes())
    digest.update(metadata.version("datasketch").encode())
    return digest.hexdigest()


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
