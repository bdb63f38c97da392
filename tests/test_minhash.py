"""builder/minhash.py: signatures and LSH buckets as datasketch makes them."""

from __future__ import annotations

import numpy as np
from datasketch import MinHash, MinHashLSH

from builder import minhash


def _datasketch(hashes: list[int]) -> np.ndarray:
    m = MinHash(num_perm=minhash.NUM_PERM, seed=minhash.SEED, hashfunc=lambda v: v)
    m.update_batch(hashes)
    return m.hashvalues.astype(np.uint32)


def test_signature_and_permuted_rows_are_datasketch_minhash() -> None:
    hashes = [1, 2, 3, 0xFFFFFFFF, 123456789]
    assert np.array_equal(minhash.signature(hashes), _datasketch(hashes))
    rows = minhash.permuted(np.array(hashes, dtype=np.uint32))
    assert np.array_equal(rows.min(axis=0), _datasketch(hashes))


def test_bands_are_those_of_minhash_lsh() -> None:
    for threshold in (0.1, 0.5, 0.9):
        lsh = MinHashLSH(threshold=threshold, num_perm=minhash.NUM_PERM)
        assert minhash.bands(threshold) == (lsh.b, lsh.r)


def test_buckets_pair_the_sets_lsh_pairs() -> None:
    sets = [list(range(100)), list(range(5, 100)), list(range(1000, 1100)), []]
    values = np.array([_datasketch(s) if s else np.zeros(minhash.NUM_PERM, np.uint32)
                       for s in sets])
    present = np.array([bool(s) for s in sets])
    buckets = minhash.Buckets(minhash.Signatures(values, present), 0.5)
    assert buckets.pairs().tolist() == [[0, 1]]
    assert buckets.candidates(0).tolist() == [1]
    assert buckets.candidates(3).tolist() == []  # no signature
    assert minhash.scores(values, 0, np.array([1]))[0] >= 0.9
    assert minhash.SCORES[minhash.NUM_PERM] == 1.0
