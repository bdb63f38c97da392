"""MinHash signatures as arrays and their LSH buckets, answering what datasketch would.

A signature is the row of ``NUM_PERM`` values datasketch's ``MinHash`` (fixed seed, the
"affine32" scheme) gives a set of 32-bit hashes; the signatures of many sets are the rows
of one array (:class:`Signatures`). :class:`Buckets` finds the rows that agree on every
value of a band (the bands and rows of datasketch's ``MinHashLSH`` for a threshold) by
sorting each band's values, so candidates come without comparing all pairs.

``bands(0.5)`` -> ``(b, r)`` of ``MinHashLSH(threshold=0.5, num_perm=NUM_PERM)``;
``signature([1, 2, 3])`` -> ``MinHash(...).update_batch([1, 2, 3]).hashvalues`` as uint32.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from datasketch import MinHash, MinHashLSH

NUM_PERM = 128
SEED = 1


def _identity(value: int) -> int:
    """Items are already 32-bit hashes (``builder.similarity`` makes them with crc32)."""
    return value


@dataclass(frozen=True)
class Signatures:
    """MinHash signatures of a corpus, one row per article (``present`` False: no words)."""

    values: np.ndarray  #: uint32, shape (articles, NUM_PERM)
    present: np.ndarray  #: bool, shape (articles,)


#: Estimated Jaccard similarity of ``c`` equal values of two signatures, rounded
#: (``round(c / NUM_PERM, 3)``, as ``round(MinHash.jaccard(...), 3)``).
SCORES = [round(c / NUM_PERM, 3) for c in range(NUM_PERM + 1)]


@lru_cache(maxsize=4)
def bands(threshold: float) -> tuple[int, int]:
    """``(bands, rows per band)`` of datasketch's MinHash LSH for ``threshold``."""
    lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
    return lsh.b, lsh.r


class Buckets:
    """The LSH buckets of a set of signatures: per band, the rows that agree on all of its
    values. Two rows are candidates when they share a bucket in any band.

    A band of two 32-bit values is its own 64-bit key; wider bands are grouped by a 64-bit
    hash of their values, and rows of a group are candidates only if the values are equal
    (so a collision of the hash never adds a candidate)."""

    def __init__(self, signatures: Signatures, threshold: float):
        b, r = bands(threshold)
        self.rows = np.flatnonzero(signatures.present)  #: rows indexed (with a signature)
        self._slot = np.full(len(signatures.present), -1, dtype=np.int64)
        self._slot[self.rows] = np.arange(len(self.rows))
        self._values = signatures.values[self.rows]
        self._spans = [(band * r, (band + 1) * r) for band in range(b)]
        self._exact = r <= 2
        #: per band: bucket of each indexed row, rows by bucket, bucket starts in that order
        self._bands: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []
        for start, end in self._spans:
            keys = _band_keys(self._values[:, start:end])
            order = np.argsort(keys, kind="stable")
            ordered = keys[order]
            first = np.ones(len(keys), dtype=bool)
            np.not_equal(ordered[1:], ordered[:-1], out=first[1:])
            bucket = np.empty(len(keys), dtype=np.int64)
            bucket[order] = np.cumsum(first) - 1
            starts = np.append(np.flatnonzero(first), len(keys))
            self._bands.append((bucket, order, starts))

    def _same(self, band: int, slots: np.ndarray, others: np.ndarray) -> np.ndarray:
        """Whether each row of ``slots`` has the values of ``others`` in ``band``."""
        if self._exact:
            return np.ones(len(slots), dtype=bool)
        start, end = self._spans[band]
        return (self._values[slots, start:end] == self._values[others, start:end]).all(axis=1)

    def candidates(self, row: int) -> np.ndarray:
        """Rows sharing a bucket with ``row`` (sorted, without ``row``)."""
        slot = self._slot[row]
        if slot < 0:
            return np.zeros(0, dtype=np.int64)
        parts = []
        for band, (bucket, order, starts) in enumerate(self._bands):
            g = bucket[slot]
            if starts[g + 1] - starts[g] > 1:
                members = order[starts[g]:starts[g + 1]]
                if not self._exact:
                    members = members[self._same(band, members, np.full_like(members, slot))]
                parts.append(members)
        if not parts:
            return np.zeros(0, dtype=np.int64)
        found = self.rows[np.unique(np.concatenate(parts))]
        return found[found != row]

    def pairs(self) -> np.ndarray:
        """Every pair of rows sharing a bucket, as ``(first, second)`` rows with first < second
        (shape (pairs, 2), sorted)."""
        found = []
        for band, (_, order, starts) in enumerate(self._bands):
            sizes = np.diff(starts)
            shared = sizes > 1
            group_start, group_size = starts[:-1][shared], sizes[shared]
            # every member (position in ``order``) with each later member of its group
            member = np.repeat(group_start, group_size) + _ranks(group_size)
            later = np.repeat(group_start + group_size, group_size) - 1 - member
            first = np.repeat(member, later)
            second = first + 1 + _ranks(later)
            a, b = order[first], order[second]
            same = self._same(band, a, b)
            a, b = self.rows[a[same]], self.rows[b[same]]
            found.append(np.minimum(a, b) * len(self._slot) + np.maximum(a, b))
        codes = np.unique(np.concatenate(found)) if found else np.zeros(0, dtype=np.int64)
        return np.stack([codes // len(self._slot), codes % len(self._slot)], axis=1)


def _ranks(sizes: np.ndarray) -> np.ndarray:
    """``0..size-1`` for each size, concatenated: ``_ranks([2, 3])`` -> ``[0, 1, 0, 1, 2]``."""
    return np.arange(int(sizes.sum())) - np.repeat(np.cumsum(sizes) - sizes, sizes)


def _band_keys(values: np.ndarray) -> np.ndarray:
    """One 64-bit key per row of a band's 32-bit values: the values themselves when there
    are at most two, else a hash of them."""
    values = values.astype(np.uint64)
    if values.shape[1] <= 2:
        key = np.zeros(len(values), dtype=np.uint64)
        for j in range(values.shape[1]):
            key = (key << np.uint64(32)) | values[:, j]
        return key
    key = np.full(len(values), 0xCBF29CE484222325, dtype=np.uint64)
    with np.errstate(over="ignore"):
        for j in range(values.shape[1]):
            key = (key ^ values[:, j]) * np.uint64(0x100000001B3)
            key ^= key >> np.uint64(29)
    return key


def scores(values: np.ndarray, row: int, others: np.ndarray) -> list[float]:
    """Estimated Jaccard similarity of ``row`` with each of ``others`` (rounded)."""
    equal = np.count_nonzero(values[others] == values[row], axis=1)
    return [SCORES[c] for c in equal.tolist()]


@lru_cache(maxsize=1)
def _template() -> MinHash:
    return MinHash(num_perm=NUM_PERM, seed=SEED, hashfunc=_identity)


def _fmix32(values: np.ndarray) -> np.ndarray:
    """MurmurHash3's 32-bit finalizer (what datasketch's "affine32" scheme applies first)."""
    h = values.astype(np.uint32)
    h ^= h >> np.uint32(16)
    h *= np.uint32(0x85EBCA6B)
    h ^= h >> np.uint32(13)
    h *= np.uint32(0xC2B2AE35)
    h ^= h >> np.uint32(16)
    return h


def permuted(hashes: np.ndarray) -> np.ndarray:
    """The NUM_PERM permuted values of each 32-bit hash (rows), as datasketch's MinHash
    computes them: the MinHash of a set is the minimum of its items' rows."""
    t = _template()
    if t.scheme != "affine32":
        raise RuntimeError(f"datasketch MinHash scheme {t.scheme!r} is not affine32")
    a, b = t.permutations
    with np.errstate(over="ignore"):
        return _fmix32(hashes).reshape(-1, 1) * a.astype(np.uint32) + b.astype(np.uint32)


def signature(hashes: list[int]) -> np.ndarray:
    """The MinHash values (uint32, ``NUM_PERM`` of them) of a non-empty set of 32-bit hashes."""
    t = _template()
    m = MinHash(num_perm=NUM_PERM, seed=SEED, hashfunc=_identity,
                permutations=t.permutations, scheme=t.scheme)
    m.update_batch(hashes)
    return m.hashvalues.astype(np.uint32)
