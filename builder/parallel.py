"""Share work between forked processes, one per core, without pickling the inputs.

Planned pages and feeds hold references into the whole archive; sending them to a pool
would copy the archive into every process. Forked children inherit them instead: each
takes every n-th item and returns a small result (a count, a list of paths). Without a
number of jobs, as many children as :mod:`.memory`'s budget allows beside this process
(each may come to hold part of it for itself): one per core for a small archive, none when
the archive takes most of the budget (the work is then done here).
"""

from __future__ import annotations

import gc
import multiprocessing as mp
import os
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import Any, TypeVar

from . import memory

T = TypeVar("T")
R = TypeVar("R")

#: Fewer items than this are handled in this process (forking costs more).
PARALLEL_MIN = 500
_SHARED: dict[str, Any] = {}


def cores() -> int:
    """The cores this process may run on."""
    affinity = getattr(os, "sched_getaffinity", None)
    return len(affinity(0)) if affinity else os.cpu_count() or 1


def map_shares(func: Callable[[Sequence[T]], R], items: Sequence[T],
               jobs: int | None = None, minimum: int | None = None) -> list[R]:
    """``[func(items[0::n]), func(items[1::n]), ...]`` with ``n`` forked processes.

    One share (``[func(items)]``) with a single core, fewer than ``minimum`` items
    (:data:`PARALLEL_MIN` by default), no ``fork``, or, when ``jobs`` is not given, no room
    for two children beside this process in the memory budget (:func:`fork_jobs`).
    """
    jobs = jobs or fork_jobs()
    minimum = PARALLEL_MIN if minimum is None else minimum
    if jobs < 2 or len(items) < minimum or "fork" not in mp.get_all_start_methods():
        return [func(items)]
    _SHARED["work"] = (func, items, jobs)
    # objects that exist now are never collected in the children: the collector would
    # touch (and so copy) every page of memory they share with this process
    gc.freeze()
    try:
        with ProcessPoolExecutor(jobs, mp_context=mp.get_context("fork")) as pool:
            return [f.result() for f in [pool.submit(_share, i) for i in range(jobs)]]
    finally:
        gc.unfreeze()
        _SHARED.clear()


def fork_jobs() -> int:
    """How many children :func:`map_shares` forks by default: one per core, as many as
    the memory budget holds beside this process (1: none, the work is done here)."""
    return memory.forks_within(cores(), memory.resident(), memory.budget())


def _share(index: int) -> Any:
    func, items, jobs = _SHARED["work"]
    return func(items[index::jobs])
