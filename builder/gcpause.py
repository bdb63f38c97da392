"""Pause Python's cyclic garbage collector while the build makes long-lived objects.

Reading the archive and planning its pages make millions of small objects that live to
the end of the build and form no garbage cycles; each collection would walk all of them.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def no_collection(freeze: bool = False) -> Iterator[None]:
    """No cyclic garbage collection inside the block (the collector is left as it was
    found afterwards). ``freeze``: the objects alive at the end are moved to the permanent
    generation, so later collections leave them alone too (they are still freed by
    reference counting)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if freeze:
            gc.freeze()
        if enabled:
            gc.enable()
