"""builder/render/swap.py: a site is replaced only by a complete render; what an
interrupted build leaves beside it is put back or removed by the next one. (Moving an
incremental render into the site, and its journal, are tested in test_incremental.py.)"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from builder.render import swap

DEAD = 999_999_999  # above any pid_max: no such process


def _write(folder: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def _tree(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): p.read_text(encoding="utf-8")
            for p in sorted(folder.rglob("*")) if p.is_file()}


def _siblings(tmp_path: Path) -> list[str]:
    return sorted(p.name for p in tmp_path.iterdir())


def test_a_complete_render_replaces_the_site(tmp_path: Path) -> None:
    site = _write(tmp_path / "site", {"index.html": "old", "gone/index.html": "old page"})
    with swap.staged(site) as stage:
        assert stage.parent == tmp_path and stage != site and _tree(stage) == {}
        assert _tree(site)["index.html"] == "old"  # readers see the old site meanwhile
        _write(stage, {"index.html": "new"})
    assert _tree(site) == {"index.html": "new"}
    assert _siblings(tmp_path) == ["site"]


def test_a_first_render_creates_the_site(tmp_path: Path) -> None:
    with swap.staged(tmp_path / "site") as stage:
        _write(stage, {"index.html": "new"})
    assert _tree(tmp_path / "site") == {"index.html": "new"}


def test_a_failed_render_leaves_the_site_as_it_was(tmp_path: Path) -> None:
    site = _write(tmp_path / "site", {"index.html": "old"})
    with pytest.raises(RuntimeError, match="render failed"), swap.staged(site) as stage:
        _write(stage, {"index.html": "half"})
        raise RuntimeError("render failed")
    assert _tree(site) == {"index.html": "old"}
    assert _siblings(tmp_path) == ["site"]


def test_an_interrupted_render_leaves_the_site_as_it_was(tmp_path: Path) -> None:
    site = _write(tmp_path / "site", {"index.html": "old"})
    with pytest.raises(KeyboardInterrupt), swap.staged(site) as stage:
        _write(stage, {"index.html": "half"})
        raise KeyboardInterrupt
    assert _tree(site) == {"index.html": "old"} and _siblings(tmp_path) == ["site"]


def test_a_staged_copy_starts_from_the_current_site(tmp_path: Path) -> None:
    site = _write(tmp_path / "site", {"index.html": "old", "a/index.html": "kept"})
    with swap.staged(site, copy=True) as stage:
        assert _tree(stage) == _tree(site)
        _write(stage, {"index.html": "new"})
    assert _tree(site) == {"index.html": "new", "a/index.html": "kept"}


def test_a_site_lost_between_the_two_renames_is_restored(tmp_path: Path) -> None:
    _write(tmp_path / f"site{swap.OLD}{DEAD}", {"index.html": "old"})
    _write(tmp_path / f"site{swap.STAGE}{DEAD}", {"index.html": "half"})
    swap.recover(tmp_path / "site")
    assert _tree(tmp_path / "site") == {"index.html": "old"}
    assert _siblings(tmp_path) == ["site"]


def test_leftovers_of_dead_builds_go_and_those_of_running_builds_stay(tmp_path: Path) -> None:
    site = _write(tmp_path / "site", {"index.html": "current"})
    _write(tmp_path / f"site{swap.OLD}{DEAD}", {"index.html": "older"})
    _write(tmp_path / f"site{swap.STAGE}{DEAD}", {"index.html": "half"})
    running = _write(tmp_path / f"site{swap.STAGE}{os.getppid()}", {"index.html": "busy"})
    other = _write(tmp_path / "site.notes-1", {"x": "not ours"})
    swap.recover(site)
    assert _tree(site) == {"index.html": "current"}
    assert _siblings(tmp_path) == sorted(["site", running.name, other.name])


def test_stage_folder_is_empty_and_beside_the_site(tmp_path: Path) -> None:
    site = _write(tmp_path / "site", {"index.html": "current"})
    first = swap.stage_folder(site)
    _write(first, {"x": "left over"})
    again = swap.stage_folder(site)
    assert again == first == tmp_path / f"site{swap.STAGE}{os.getpid()}"
    assert _tree(again) == {} and _tree(site) == {"index.html": "current"}


def test_prune_removes_files_and_the_folders_they_leave_empty(tmp_path: Path) -> None:
    site = _write(tmp_path / "site", {"a/b/index.html": "x", "a/c/index.html": "y",
                                      "d/index.html": "z", "index.html": "home"})
    assert swap.prune(site, {"a/b/index.html", "d/index.html", "missing/index.html"}) == 3
    assert _tree(site) == {"a/c/index.html": "y", "index.html": "home"}
    assert not (site / "a" / "b").exists() and not (site / "d").exists()
    assert swap.prune(site, {"index.html", "a/c/index.html"}) == 2
    assert site.is_dir() and _tree(site) == {}  # the site itself stays
