"""Build progress (builder/progress.py): live on a terminal, one line per phase elsewhere."""

from __future__ import annotations

import io
import logging
import re
import time
from collections.abc import Iterator

import pytest

from builder import progress as progress_module
from builder.progress import LineHandler, phase, progress


class Terminal(io.StringIO):
    """A stream that says it is a terminal."""

    def isatty(self) -> bool:
        return True


@pytest.fixture
def builder_level() -> Iterator[logging.Logger]:
    """The ``builder`` logger at INFO (as the command line sets it without -q)."""
    logger = logging.getLogger("builder")
    before = logger.level
    logger.setLevel(logging.INFO)
    yield logger
    logger.setLevel(before)


def _lines(text: str) -> list[str]:
    """What a terminal finally shows: each line after its last carriage return and erase."""
    return [re.split(r"\r(?:\x1b\[K)?", line)[-1] for line in text.split("\n")]


def test_a_log_line_shows_one_line_per_phase(builder_level: logging.Logger) -> None:
    log = io.StringIO()
    assert list(progress(range(250), "extract", log)) == list(range(250))
    with phase("MkDocs", log):
        pass
    lines = log.getvalue().splitlines()
    assert len(lines) == 2
    assert re.fullmatch(r"extract: 250/250 in \d+\.\d s", lines[0])
    assert re.fullmatch(r"MkDocs: done in \d+\.\d s", lines[1])
    assert "\r" not in log.getvalue() and "\x1b" not in log.getvalue()


def test_a_terminal_shows_a_live_counter(builder_level: logging.Logger,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(progress_module, "REDRAW", 0.0)
    tty = Terminal()
    seen = []
    for _item in progress([1, 2, 3], "extract", tty):
        seen.append(tty.getvalue().rsplit("\r\x1b[K", 1)[-1])
    assert seen == ["", "extract: 1/3", "extract: 2/3"]
    assert _lines(tty.getvalue()) == [f"extract: 3/3 in {_time(tty)}", ""]


def _time(stream: io.StringIO) -> str:
    return re.search(r"in (\d+\.\d s)", stream.getvalue()).group(1)


def test_a_phase_on_a_terminal_shows_the_time_elapsed(builder_level: logging.Logger,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(progress_module, "TICK", 0.05)
    tty = Terminal()
    with phase("search index", tty):
        time.sleep(0.3)
        shown = tty.getvalue()
    assert "search index … 0:00" in shown
    assert _lines(tty.getvalue())[0].startswith("search index: done in 0.")


def test_a_failed_phase_says_so(builder_level: logging.Logger) -> None:
    log = io.StringIO()
    with pytest.raises(RuntimeError), phase("MkDocs", log):
        raise RuntimeError("boom")
    assert log.getvalue().startswith("MkDocs: failed after ")


def test_quiet_silences_progress() -> None:
    """``-q`` sets the builder logger to WARNING: no progress at all."""
    logger = logging.getLogger("builder")
    before = logger.level
    logger.setLevel(logging.WARNING)
    try:
        log, tty = io.StringIO(), Terminal()
        assert list(progress([1, 2], "extract", log)) == [1, 2]
        with phase("MkDocs", tty):
            time.sleep(0.05)
    finally:
        logger.setLevel(before)
    assert log.getvalue() == "" and tty.getvalue() == ""


def test_log_messages_clear_the_live_line(builder_level: logging.Logger,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(progress_module, "REDRAW", 0.0)
    tty = Terminal()
    handler = LineHandler(tty)
    handler.setFormatter(logging.Formatter("%(levelname)s %(message)s"))
    logger = logging.getLogger("builder.test_progress")
    logger.addHandler(handler)
    try:
        for item in progress([1, 2], "extract", tty):
            if item == 2:
                logger.warning("a note on article 1")
    finally:
        logger.removeHandler(handler)
    shown = _lines(tty.getvalue())
    assert shown[0] == "WARNING a note on article 1"  # not appended to "extract: 1/2"
    assert shown[1].startswith("extract: 2/2 in ")


def test_stopping_early_leaves_no_half_line(builder_level: logging.Logger,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(progress_module, "REDRAW", 0.0)
    tty = Terminal()
    items = progress([1, 2, 3], "extract", tty)
    next(items)
    next(items)
    items.close()
    assert _lines(tty.getvalue()) == [""]
