"""The build's memory budget, and how many processes of a step fit in it.

A build runs on machines of a few gigabytes (a CI runner, a laptop). The steps that share
work between processes -- forked writers (:mod:`.parallel`), MkDocs processes
(:mod:`.render.run`) -- ask here how many may run at once, so that the whole build stays
below :func:`budget` however large the archive. ``ARCHIVE_MEMORY_MB`` sets the budget
(megabytes); :data:`DEFAULT_MB` otherwise.
"""

from __future__ import annotations

import os

#: The environment variable that sets the budget, in megabytes (1,048,576 bytes).
ENV = "ARCHIVE_MEMORY_MB"
#: The budget when ``ARCHIVE_MEMORY_MB`` is unset: what a 4 GB machine or runner gives.
DEFAULT_MB = 4096
MB = 1024 * 1024
#: What a forked child may come to hold of its parent's memory for itself: the pages its
#: work touches (reference counts, new objects) stop being shared. Writing the pages of
#: 50,000 articles, two children of a 1.8 GB parent held 1.08 GB each for themselves
#: (60 %, still growing) four minutes in.
CHILD_SHARE = 0.75


def budget() -> int:
    """The memory the build may use, in bytes (``ARCHIVE_MEMORY_MB``, else the default)."""
    value = os.environ.get(ENV, "").strip()
    try:
        mb = int(value) if value else DEFAULT_MB
    except ValueError:
        raise ValueError(f"{ENV} must be a whole number of megabytes, not {value!r}") from None
    if mb <= 0:
        raise ValueError(f"{ENV} must be positive, not {mb}")
    return mb * MB


def resident() -> int:
    """This process's resident memory in bytes (0 where the system does not say)."""
    try:
        with open("/proc/self/statm", encoding="ascii") as fh:
            return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


def forks_within(wanted: int, parent: int, limit: int, share: float = CHILD_SHARE) -> int:
    """How many of ``wanted`` forked children of a process of ``parent`` bytes fit in
    ``limit`` bytes beside it, each counted at ``share`` of the parent. Fewer than two
    means none: the work is better done in the parent than in one child beside it."""
    if parent <= 0:
        return wanted
    fit = int((limit - parent) // max(1, int(parent * share)))
    return min(wanted, fit) if fit >= 2 else 1


def processes_within(wanted: int, each: int, limit: int) -> int:
    """How many of ``wanted`` processes of ``each`` bytes run at once within ``limit`` bytes
    (at least one)."""
    return max(1, min(wanted, limit // max(1, each)))
