"""Build progress: a live counter on a terminal, a few plain lines in CI logs."""

from __future__ import annotations

import sys
from collections.abc import Iterator, Sequence
from typing import TypeVar

T = TypeVar("T")


def progress(items: Sequence[T], label: str, stream=None) -> Iterator[T]:
    """Yield ``items`` while reporting progress on ``stream`` (stderr by default)."""
    stream = stream or sys.stderr
    total = len(items)
    tty = stream.isatty()
    step = max(1, total // 10)
    for done, item in enumerate(items, 1):
        yield item
        if tty:
            stream.write(f"\r{label}: {done}/{total}")
            if done == total:
                stream.write("\n")
        elif done % step == 0 or done == total:
            stream.write(f"{label}: {done}/{total}\n")
        stream.flush()
