"""builder/parallel.py: work shared between forked processes — every item in exactly one
share, in the order ``items[i::n]``, inputs inherited rather than pickled."""

from __future__ import annotations

import multiprocessing as mp
import os
from collections.abc import Sequence

import pytest

from builder.parallel import PARALLEL_MIN, cores, map_shares

needs_fork = pytest.mark.skipif("fork" not in mp.get_all_start_methods(),
                                reason="this platform has no fork start method")


def _pids_and_items(items: Sequence[int]) -> tuple[int, list[int]]:
    return os.getpid(), list(items)


def test_cores_counts_the_cores_this_process_may_use() -> None:
    n = cores()
    assert 1 <= n <= (os.cpu_count() or 1)
    if hasattr(os, "sched_getaffinity"):
        assert n == len(os.sched_getaffinity(0))


def test_few_items_or_one_job_stay_in_this_process() -> None:
    items = list(range(PARALLEL_MIN - 1))
    (share,) = map_shares(_pids_and_items, items, jobs=2)
    assert share == (os.getpid(), items)
    (share,) = map_shares(_pids_and_items, list(range(PARALLEL_MIN)), jobs=1)
    assert share[0] == os.getpid()
    assert map_shares(len, [], jobs=4) == [0]


@needs_fork
def test_shares_are_every_nth_item_each_in_a_child_process() -> None:
    items = list(range(23))
    shares = map_shares(_pids_and_items, items, jobs=3, minimum=2)
    assert [s[1] for s in shares] == [items[0::3], items[1::3], items[2::3]]
    assert all(pid != os.getpid() for pid, _ in shares)
    assert sorted(i for _, share in shares for i in share) == items


@needs_fork
def test_inputs_are_inherited_not_pickled() -> None:
    """Items a pool could not pickle (a lambda each) reach the children as they are."""
    items = [lambda k=k: k * k for k in range(6)]
    shares = map_shares(lambda share: [f() for f in share], items, jobs=2, minimum=2)
    assert shares == [[0, 4, 16], [1, 9, 25]]


@needs_fork
def test_an_error_in_a_share_reaches_the_caller() -> None:
    def fail(share: Sequence[int]) -> int:
        if 3 in share:
            raise ValueError("share with 3")
        return len(share)

    with pytest.raises(ValueError, match="share with 3"):
        map_shares(fail, list(range(8)), jobs=2, minimum=2)
