"""builder/render/run.py: how many MkDocs processes render a site, and how many at once."""

from __future__ import annotations

from pathlib import Path

from builder.memory import MB
from builder.render import run
from builder.render.run import PAGES_PER_PROCESS, Processes, count_docs, plan_processes


def test_a_small_site_is_one_process_per_core_all_at_once() -> None:
    assert plan_processes(30_000, 40_000, 2, 4096 * MB) == Processes(2, 2)
    assert plan_processes(10, 100, 2, 4096 * MB) == Processes(2, 2)


def test_a_large_site_is_more_processes_of_bounded_size() -> None:
    pages = 150_000
    share = plan_processes(pages, 200_000, 2, 4096 * MB)
    assert share.shards == -(-pages // PAGES_PER_PROCESS) > 2
    each = run.PROCESS_BASE + 200_000 * run.PER_FILE + -(-pages // share.shards) * run.PER_PAGE
    assert share.at_once * each <= 4096 * MB
    # the estimate of one process does not grow with the number of pages, only with files
    bigger = plan_processes(3 * pages, 200_000, 2, 4096 * MB)
    assert bigger.shards >= 3 * share.shards - 1 and bigger.at_once == share.at_once


def test_a_small_budget_runs_them_one_at_a_time() -> None:
    assert plan_processes(30_000, 40_000, 2, 600 * MB).at_once == 1
    assert plan_processes(30_000, 40_000, 4, 100 * MB) == Processes(4, 1)


def test_count_docs(tmp_path: Path) -> None:
    (tmp_path / "a" / "b").mkdir(parents=True)
    for name in ("index.md", "a/x.md", "a/x.en.md", "a/b/feed.xml", "a/b/y.md"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    assert count_docs(tmp_path) == (4, 5)
