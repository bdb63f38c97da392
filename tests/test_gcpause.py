"""builder/gcpause.py: the collector is paused inside the block and left as it was."""

from __future__ import annotations

import gc

import pytest

from builder.gcpause import no_collection


def test_collection_is_paused_then_restored() -> None:
    assert gc.isenabled()
    with no_collection():
        assert not gc.isenabled()
    assert gc.isenabled()
    gc.disable()
    try:
        with no_collection():
            assert not gc.isenabled()
        assert not gc.isenabled()  # disabled before: left disabled
    finally:
        gc.enable()


def test_freeze_moves_the_survivors_out_of_reach_even_after_an_error() -> None:
    gc.unfreeze()
    try:
        with pytest.raises(KeyError), no_collection(freeze=True):
            kept = [[i] for i in range(1000)]
            raise KeyError("x")
        assert gc.isenabled() and gc.get_freeze_count() >= len(kept)
    finally:
        gc.unfreeze()
