"""Publish a render atomically: the site is replaced or updated only once a render is complete.

A full render writes a new site into a folder beside the old one (:func:`staged`) and swaps
the two with two renames. An incremental render writes what it renders into an empty
folder beside the site, whose files are then moved into the site (:func:`commit`) after a
journal naming them. A build that fails or is interrupted before that leaves the previous
site as it was; one interrupted during it is completed by the next build (:func:`recover`).
"""

from __future__ import annotations

import json
import logging
import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from .sitemap import remove_retired, stale_parts

log = logging.getLogger(__name__)

#: Suffixes of the sibling folders of a site during a build (``site.tmp-<pid>``).
STAGE, OLD = ".tmp-", ".old-"
#: Journal of an incremental render being moved into the site (``site.journal-<pid>``).
JOURNAL = ".journal-"
#: Inside an incremental render's folder: the site's folders it replaced, until deleted.
_TRASH = ".replaced"


@dataclass
class Changes:
    """What an incremental render's folder does to the site besides adding its files:
    ``removed`` files (site-relative) and top-level ``folders`` replaced whole (True: by
    the folder of the same name in the render's folder) or removed (False)."""

    removed: set[str] = field(default_factory=set)
    folders: dict[str, bool] = field(default_factory=dict)


def stage_folder(site: Path) -> Path:
    """An empty folder beside ``site`` for this build to write into."""
    recover(site)
    stage = site.with_name(f"{site.name}{STAGE}{os.getpid()}")
    shutil.rmtree(stage, ignore_errors=True)
    stage.mkdir(parents=True)
    return stage


@contextmanager
def staged(site: Path, copy: bool = False) -> Iterator[Path]:
    """A folder beside ``site`` to write the new site into; swapped in if all goes well.

    ``copy`` starts it as a copy of the current site. On any error or interruption the
    folder is removed and ``site`` is untouched. The swap is two renames; a build killed
    between them leaves ``site.old-<pid>``, which the next build puts back (see
    :func:`recover`).
    """
    recover(site)
    stage = site.with_name(f"{site.name}{STAGE}{os.getpid()}")
    shutil.rmtree(stage, ignore_errors=True)
    if copy and site.is_dir():
        shutil.copytree(site, stage, symlinks=True)
    else:
        stage.mkdir(parents=True)
    try:
        yield stage
    except BaseException:
        shutil.rmtree(stage, ignore_errors=True)
        raise
    old = site.with_name(f"{site.name}{OLD}{os.getpid()}")
    if site.exists():
        site.rename(old)
    stage.rename(site)
    shutil.rmtree(old, ignore_errors=True)
    log.info("render: the new site replaced %s", site)


def commit(site: Path, stage: Path, changes: Changes) -> None:
    """Move the files of ``stage`` into ``site`` and apply ``changes``.

    A journal beside the site names the folder and the changes first: a build interrupted
    while moving is completed by the next one (:func:`recover`).
    """
    journal = site.with_name(f"{site.name}{JOURNAL}{os.getpid()}")
    journal.write_text(json.dumps({"stage": stage.name, "removed": sorted(changes.removed),
                                   "folders": changes.folders}), encoding="utf-8")
    _apply(site, stage, changes)
    journal.unlink()
    log.info("render: the rendered pages moved into %s", site)


def _apply(site: Path, stage: Path, changes: Changes) -> None:
    """The moves of :func:`commit`; running it again after an interruption completes it."""
    trash = stage / _TRASH
    for name, replaced in sorted(changes.folders.items()):
        new, current = stage / name, site / name
        if replaced and not new.is_dir():
            continue  # moved in already
        if current.exists():
            trash.mkdir(exist_ok=True)
            current.rename(trash / name)
        if replaced:
            new.rename(current)
    for top, dirs, names in os.walk(stage):
        if top == str(stage):
            dirs[:] = [d for d in dirs if d != _TRASH]
        rel = os.path.relpath(top, stage)
        for name in names:
            target = site / rel / name
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(os.path.join(top, name), target)
    prune(site, changes.removed)
    for part in stale_parts(site):  # of a larger earlier sitemap
        part.unlink()
    remove_retired(site)  # (a site built before they were)
    shutil.rmtree(stage, ignore_errors=True)


def prune(site: Path, stale: set[str]) -> int:
    """Remove the files ``stale`` (site-relative) and the folders they leave empty."""
    for rel in sorted(stale):
        path = site / rel
        path.unlink(missing_ok=True)
        for parent in path.parents:
            if parent == site or not parent.is_relative_to(site):
                break
            try:
                parent.rmdir()
            except OSError:
                break
    return len(stale)


def recover(site: Path) -> None:
    """Finish or undo what interrupted builds left beside ``site``: an incremental render
    killed while its files moved into the site is completed (its journal), a site lost
    between the two renames of :func:`staged` is restored, the rest is removed."""
    for journal in sorted(site.parent.glob(f"{site.name}{JOURNAL}*")):
        pid = journal.name[len(site.name) + len(JOURNAL):]
        if not pid.isdigit() or _alive(int(pid)):
            continue
        data = json.loads(journal.read_text(encoding="utf-8"))
        stage = site.with_name(data["stage"])
        _apply(site, stage, Changes(set(data["removed"]), dict(data["folders"])))
        journal.unlink()
        log.warning("render: completed the update of %s left by an interrupted build", site)
    for path in sorted(site.parent.glob(f"{site.name}.*-*")):
        kind, _, pid = path.name[len(site.name):].rpartition("-")
        if f"{kind}-" not in (STAGE, OLD) or not pid.isdigit() or _alive(int(pid)):
            continue
        if kind + "-" == OLD and not site.exists():
            path.rename(site)
            log.warning("render: restored the previous site from %s", path.name)
        else:
            shutil.rmtree(path, ignore_errors=True)
            log.info("render: removed %s, left by an interrupted build", path.name)


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
