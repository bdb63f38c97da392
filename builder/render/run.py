"""Run MkDocs: one ``mkdocs build --strict`` per core, merged into one site folder.

Each process is a plain MkDocs build of ``mkdocs.yml`` into a folder of its own, with a
:class:`~builder.render.shards.ShardPlan` that ``hooks/shards.py`` reads to hand MkDocs the
process's share of the files (see :mod:`builder.render.shards`). When all have finished,
their folders are moved into the output folder (a file that several processes write, such
as ``404.html``, must have the same bytes in each), their sitemaps merged into one
(:mod:`builder.render.sitemap`; in an incremental render, with the previous site's entries
for the pages not rendered again) and their reports merged: per language, the navigation
(title and URL of each of its pages), the pages (docs path -> site file) and every file the
build owns in the site.

A process holds what it renders until it writes it (MkDocs reads every page first), so a
large site is shared by more processes than cores, each of at most
:data:`PAGES_PER_PROCESS` pages, and only as many run at once as the memory budget
(:mod:`builder.memory`) holds (:func:`plan_processes`).
"""

from __future__ import annotations

import filecmp
import json
import logging
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

from markupsafe import escape

from .. import memory
from ..parallel import cores
from ..progress import phase
from . import sitemap
from .plan import page_url
from .shards import ENV, ShardPlan

log = logging.getLogger(__name__)

#: Fewer changed pages than this are rendered by one MkDocs process (a second one would
#: spend as long reading the site's files as the first spends on the pages).
PARALLEL_MIN = 200
#: The folder of process ``k`` inside the output folder (hidden: MkDocs leaves it alone).
SHARD_FOLDER = ".shard-{}"


class RenderError(Exception):
    """MkDocs (or a post-processing step) failed."""


#: A MkDocs process renders at most this many pages (documentation pages of docs/, every
#: language): a larger render is shared by more processes.
PAGES_PER_PROCESS = 25_000
#: The memory of one MkDocs process, estimated: a base (Python, MkDocs, the theme), so much
#: per file of docs/ (MkDocs lists every one in each language's build) and per page it
#: renders (front matter, page object, content held compressed by ``hooks/held.py``), in
#: bytes. Measured at 10,000 articles (34,192 pages, 36,984 files): a process of 2 peaked
#: at 289 MB, one of 6 at 120 MB (15 KB a page).
PROCESS_BASE = 100 * memory.MB
PER_FILE = 1024
PER_PAGE = 16 * 1024


@dataclass(frozen=True)
class Processes:
    """How a render is shared: ``shards`` MkDocs processes, ``at_once`` of them at a time."""

    shards: int
    at_once: int


def processes(pages: list[str] | None, jobs: int | None) -> int:
    """How many MkDocs processes render ``pages`` (None: every page) on this machine's
    cores, before the size of the site is known (see :func:`plan_processes`)."""
    if jobs:
        return jobs
    if pages is not None and len(pages) < PARALLEL_MIN:
        return 1
    return cores()


def plan_processes(pages: int, files: int, wanted: int, limit: int) -> Processes:
    """The processes that render ``pages`` pages of a docs/ of ``files`` files: at least
    ``wanted``, at most :data:`PAGES_PER_PROCESS` pages each, and as many at once (up to
    ``wanted``) as fit in ``limit`` bytes."""
    shards = max(wanted, -(-pages // PAGES_PER_PROCESS))
    each = PROCESS_BASE + files * PER_FILE + -(-pages // shards) * PER_PAGE
    return Processes(shards, memory.processes_within(min(wanted, shards), each, limit))


def count_docs(docs: Path) -> tuple[int, int]:
    """(documentation pages, files) of the folder ``docs``."""
    pages = files = 0
    for _, _, names in os.walk(docs):
        files += len(names)
        pages += sum(name.endswith(".md") for name in names)
    return pages, files


def mkdocs_build(root: Path, out: Path, pages: list[str] | None = None,
                 jobs: int | None = None, verbatim: list[str] | None = None,
                 previous: Path | None = None, removed: list[str] | None = None) -> dict:
    """``mkdocs build --strict`` of ``root/mkdocs.yml`` into the empty folder ``out``.

    ``pages`` (docs paths) limits rendering to those pages; the sitemap then keeps the
    entries of the site ``previous`` for the pages not rendered, less the ``removed`` URLs
    (pages deleted since). ``verbatim``: the files of feeds to copy (None: all of them).
    Returns the merged reports of the processes (see the module docstring).
    """
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    n = processes(pages, jobs)
    if n > 1 and not jobs:
        listed, files = count_docs(root / "docs")
        share = plan_processes(listed if pages is None else len(pages), files, n,
                               memory.budget())
    else:
        share = Processes(n, n)
    log.info("rendering %s with MkDocs into %s (%d process(es), %d at a time)",
             "every page" if pages is None else f"{len(pages)} page(s)", out,
             share.shards, share.at_once)
    folders = [out / SHARD_FOLDER.format(k) for k in range(share.shards)]
    with phase("MkDocs"):
        reports = _run(root, folders, pages, verbatim, share.at_once)
        report = merge_reports(reports)
        site_url = reports[0]["site_url"]
        sitemaps = [_take_sitemap(folder) for folder in folders]
        for folder in folders:
            merge_folder(folder, out)
        seen = {page_url(dest) for part in report.values() for dest in part["pages"].values()}
        seen = {str(escape(urljoin(site_url, url))) for url in seen | set(removed or ())}
        old = sitemap.read_entries(previous) if previous is not None else None
        sitemap.publish(out, sitemap.merge(sitemaps, old, seen), site_url)
    return report


def _run(root: Path, folders: list[Path], pages: list[str] | None,
         verbatim: list[str] | None, at_once: int | None = None) -> list[dict]:
    """One MkDocs process per folder, each with its plan, ``at_once`` at a time (None: all);
    their reports once all are done."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    # hooks/ import the builder package, also when root is another project folder
    env["PYTHONPATH"] = os.pathsep.join(
        p for p in (str(Path(__file__).resolve().parents[2]), env.get("PYTHONPATH")) if p)
    at_once = at_once or len(folders)
    with tempfile.TemporaryDirectory(prefix="render-") as tmp:
        waiting = list(enumerate(folders))
        running: list = []
        failures = []

        def start(k: int, folder: Path) -> None:
            plan = ShardPlan(shard=k, shards=len(folders), report=tmp,
                             pages=None if pages is None else tuple(pages),
                             verbatim=None if verbatim is None else tuple(verbatim))
            plan.write(Path(tmp) / f"plan-{k}.json")
            out = open(Path(tmp) / f"log-{k}.txt", "w+", encoding="utf-8")  # noqa: SIM115
            cmd = [sys.executable, "-m", "mkdocs", "build", "--strict", "-q",
                   "-f", str(root / "mkdocs.yml"), "-d", str(folder)]
            running.append((k, out, subprocess.Popen(
                cmd, cwd=root, stdout=out, stderr=subprocess.STDOUT, text=True,
                env={**env, "SITE_DIR": str(folder), ENV: str(Path(tmp) / f"plan-{k}.json")})))

        def finish(k: int, out: Any, code: int) -> None:
            out.seek(0)
            text = out.read().strip()
            out.close()
            if code != 0:
                failures.append(f"mkdocs build failed (process {k}):\n{text}")
            elif text:
                log.info("%s", text)

        while waiting or running:
            while waiting and len(running) < at_once and not failures:
                start(*waiting.pop(0))
            if not running:
                break
            done = [item for item in running if item[2].poll() is not None]
            if not done:
                if len(running) == 1 or not waiting:
                    done = [running[0]]
                    done[0][2].wait()
                else:
                    time.sleep(0.05)
                    continue
            for item in done:
                running.remove(item)
                finish(item[0], item[1], item[2].returncode)
        if failures:
            raise RenderError("\n".join(failures))
        return [json.loads(p.read_text(encoding="utf-8"))
                for p in sorted(Path(tmp).glob("report-*.json"))]


def merge_reports(reports: list[dict]) -> dict:
    """One report per language from those of every process and language build."""
    merged: dict = {}
    for report in reports:
        lang = report["lang"]
        entry = merged.setdefault(lang, {"outputs": set(), "nav": report["nav"], "pages": {}})
        if entry["nav"] != report["nav"]:
            raise RenderError(f"MkDocs processes disagree on the navigation of {lang!r}")
        entry["outputs"].update(report["outputs"])
        entry["pages"].update(report["pages"])
    return {lang: {"outputs": sorted(v["outputs"]), "nav": v["nav"],
                   "pages": dict(sorted(v["pages"].items()))}
            for lang, v in sorted(merged.items())}


def _take_sitemap(folder: Path) -> str:
    """The sitemap a process wrote (its pages only), removed from its folder."""
    path = folder / "sitemap.xml"
    try:
        xml = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise RenderError(f"an MkDocs process wrote no sitemap ({path})") from None
    path.unlink()
    Path(f"{path}.gz").unlink(missing_ok=True)
    return xml


def merge_folder(folder: Path, out: Path) -> None:
    """Move the files of ``folder`` into ``out`` (whole folders where ``out`` has none) and
    remove it. A file both have must have the same bytes."""
    for entry in os.scandir(folder):
        target = out / entry.name
        if not os.path.lexists(target):
            os.rename(entry.path, target)
        elif entry.is_dir(follow_symlinks=False) and target.is_dir():
            merge_folder(Path(entry.path), target)
        elif not (entry.is_file() and target.is_file()
                  and filecmp.cmp(entry.path, target, shallow=False)):
            raise RenderError(f"MkDocs processes wrote different {target}")
    shutil.rmtree(folder)
