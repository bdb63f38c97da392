"""builder/apart.py: a step run in a forked process, its result or exception brought back."""

from __future__ import annotations

import os

import pytest

from builder.apart import apart
from builder.corpus import ArticleError
from builder.site import BuildReport


def _pid_and(value: int) -> tuple[int, int]:
    return os.getpid(), value * 2


def _fails(message: str) -> None:
    raise ValueError(message)


def _report() -> BuildReport:
    report = BuildReport(articles=3)
    report.errors.append(ArticleError("001_\u202ebad.txt", "not an article"))
    report.warnings["002_x.txt"] += 2
    report.pages.written = 7
    return report


def test_the_function_runs_in_another_process_and_its_result_comes_back() -> None:
    pid, value = apart(_pid_and, 21)
    assert value == 42 and pid != os.getpid()


def test_its_exception_is_raised_here() -> None:
    with pytest.raises(ValueError, match="broken"):
        apart(_fails, "broken")


def test_a_build_report_comes_back_whole() -> None:
    """ArticleError's constructor takes a path and a message: the report carries both."""
    mine, theirs = _report(), apart(_report)
    assert theirs.summary() == mine.summary()
    assert [(e.path, e.message, str(e)) for e in theirs.errors] == \
        [(e.path, e.message, str(e)) for e in mine.errors]
    assert isinstance(theirs.errors[0], ArticleError)
