"""builder/memory.py: the build's memory budget and how many processes fit in it."""

from __future__ import annotations

import pytest

from builder import memory
from builder.memory import MB, budget, forks_within, processes_within, resident
from builder.parallel import fork_jobs


def test_budget_from_the_environment_or_the_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(memory.ENV, raising=False)
    assert budget() == memory.DEFAULT_MB * MB
    monkeypatch.setenv(memory.ENV, "1500")
    assert budget() == 1500 * MB
    for bad in ("lots", "0", "-3"):
        monkeypatch.setenv(memory.ENV, bad)
        with pytest.raises(ValueError, match=memory.ENV):
            budget()


def test_resident_is_this_process_memory() -> None:
    before = resident()
    block = bytearray(64 * MB)
    block[:: 4096] = b"x" * len(block[:: 4096])  # touch every page
    after = resident()
    if before:  # a system that says (Linux)
        assert after - before >= 60 * MB
    del block


def test_forks_fit_beside_the_parent() -> None:
    # a small parent: one child per core
    assert forks_within(2, 700 * MB, 4096 * MB) == 2
    # a parent of half the budget and more: children would pass it, the parent works alone
    assert forks_within(2, 2300 * MB, 4096 * MB) == 1
    # the write step of 50,000 articles: a parent of 1.8 GB forks none within 4 GB
    assert forks_within(2, 1800 * MB, 4096 * MB) == 1
    # room for two children of half the parent each, not for three
    assert forks_within(4, 1000 * MB, 2000 * MB, share=0.5) == 2
    assert forks_within(4, 1000 * MB, 2499 * MB, share=0.5) == 2
    assert forks_within(4, 1000 * MB, 2500 * MB, share=0.5) == 3
    # unknown size: as many as wanted
    assert forks_within(3, 0, 100 * MB) == 3


def test_processes_within_a_limit() -> None:
    assert processes_within(2, 1000 * MB, 4096 * MB) == 2
    assert processes_within(4, 1500 * MB, 4096 * MB) == 2
    assert processes_within(4, 5000 * MB, 4096 * MB) == 1


def test_map_shares_forks_none_when_the_budget_is_small(monkeypatch: pytest.MonkeyPatch
                                                        ) -> None:
    monkeypatch.setenv(memory.ENV, str(max(1, resident() // MB)))
    assert fork_jobs() == 1
    monkeypatch.setenv(memory.ENV, "1000000")
    assert fork_jobs() >= 1
