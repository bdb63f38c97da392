"""Build progress on stderr: a live line on a terminal, one line per phase in CI logs.

Progress is information: it is shown when the ``builder`` logger shows INFO messages, so
``-q`` (warnings and errors only) silences it. On a terminal the line is redrawn in place
(a counter, or the time elapsed for phases that cannot count) and log messages written
through :class:`LineHandler` first clear it; elsewhere (CI logs, files) each phase writes
one line when it ends, e.g. ``extract: 5/5 in 0.3 s`` or ``MkDocs: done in 65.4 s``.
"""

from __future__ import annotations

import logging
import sys
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import TextIO, TypeVar

T = TypeVar("T")

#: The live line on the terminal is redrawn at most this often (seconds).
REDRAW = 0.1
#: A phase without a counter shows its elapsed time, updated this often (seconds).
TICK = 1.0

_lock = threading.RLock()
_live: dict[int, str] = {}  # id(stream) -> the text of the live line now shown on it


def enabled() -> bool:
    """True when progress is shown: the ``builder`` logger shows INFO (not ``-q``)."""
    return logging.getLogger("builder").isEnabledFor(logging.INFO)


def _draw(stream: TextIO, text: str | None) -> None:
    """Show ``text`` as the live line of ``stream`` (None: clear it)."""
    with _lock:
        stream.write("\r\x1b[K" + (text or ""))
        stream.flush()
        if text:
            _live[id(stream)] = text
        else:
            _live.pop(id(stream), None)


def _finish(stream: TextIO, line: str) -> None:
    """End a phase with ``line``: in place of the live line on a terminal, else appended."""
    with _lock:
        if stream.isatty():
            stream.write("\r\x1b[K")
            _live.pop(id(stream), None)
        stream.write(line + "\n")
        stream.flush()


def _seconds(start: float) -> str:
    return f"{time.monotonic() - start:.1f} s"


def progress(items: Sequence[T], label: str, stream: TextIO | None = None) -> Iterator[T]:
    """Yield ``items`` while counting them on ``stream`` (stderr by default).

    A terminal shows ``label: done/total``; any other stream gets one line at the end,
    ``label: total/total in 1.2 s``. Nothing is written when :func:`enabled` is false.
    """
    stream = stream or sys.stderr
    if not enabled():
        yield from items
        return
    total, start, shown = len(items), time.monotonic(), 0.0
    tty = stream.isatty()
    finished = False
    try:
        for done, item in enumerate(items, 1):
            yield item
            now = time.monotonic()
            if tty and now - shown >= REDRAW:
                _draw(stream, f"{label}: {done}/{total}")
                shown = now
        finished = True
    finally:
        if finished:
            _finish(stream, f"{label}: {total}/{total} in {_seconds(start)}")
        elif tty:
            _draw(stream, None)  # stopped early: no line left half drawn


@contextmanager
def phase(label: str, stream: TextIO | None = None) -> Iterator[None]:
    """A step that cannot count its work: ``with phase("MkDocs"): ...``.

    A terminal shows ``label … 0:42`` while it runs; every stream gets ``label: done in
    42.0 s`` (or ``failed after``) at the end. Nothing is written when :func:`enabled` is
    false.
    """
    stream = stream or sys.stderr
    if not enabled():
        yield
        return
    start = time.monotonic()
    stop = threading.Event()
    ticker = None
    if stream.isatty():
        def tick() -> None:
            while True:
                elapsed = int(time.monotonic() - start)
                _draw(stream, f"{label} … {elapsed // 60}:{elapsed % 60:02d}")
                if stop.wait(TICK):
                    return

        ticker = threading.Thread(target=tick, name=f"progress {label}", daemon=True)
        ticker.start()
    outcome = "failed after"
    try:
        yield
        outcome = "done in"
    finally:
        stop.set()
        if ticker is not None:
            ticker.join()
        _finish(stream, f"{label}: {outcome} {_seconds(start)}")


class LineHandler(logging.StreamHandler):
    """A stream handler that clears the live progress line before writing a message (the
    line is drawn again by its next update)."""

    def emit(self, record: logging.LogRecord) -> None:
        with _lock:
            if id(self.stream) in _live:
                self.stream.write("\r\x1b[K")
                _live.pop(id(self.stream), None)
            super().emit(record)
