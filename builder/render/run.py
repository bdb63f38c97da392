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
from pathlib import Path
from urllib.parse import urljoin

from markupsafe import escape

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


def processes(pages: list[str] | None, jobs: int | None) -> int:
    """How many MkDocs processes render ``pages`` (None: every page)."""
    if jobs:
        return jobs
    if pages is not None and len(pages) < PARALLEL_MIN:
        return 1
    return cores()


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
    log.info("rendering %s with MkDocs into %s (%d process(es))",
             "every page" if pages is None else f"{len(pages)} page(s)", out, n)
    folders = [out / SHARD_FOLDER.format(k) for k in range(n)]
    with phase("MkDocs"):
        reports = _run(root, folders, pages, verbatim)
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
         verbatim: list[str] | None) -> list[dict]:
    """One MkDocs process per folder, each with its plan; their reports once all are done."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    # hooks/ import the builder package, also when root is another project folder
    env["PYTHONPATH"] = os.pathsep.join(
        p for p in (str(Path(__file__).resolve().parents[2]), env.get("PYTHONPATH")) if p)
    with tempfile.TemporaryDirectory(prefix="render-") as tmp:
        started = []
        for k, folder in enumerate(folders):
            plan = ShardPlan(shard=k, shards=len(folders), report=tmp,
                             pages=None if pages is None else tuple(pages),
                             verbatim=None if verbatim is None else tuple(verbatim))
            plan.write(Path(tmp) / f"plan-{k}.json")
            out = open(Path(tmp) / f"log-{k}.txt", "w+", encoding="utf-8")  # noqa: SIM115
            cmd = [sys.executable, "-m", "mkdocs", "build", "--strict", "-q",
                   "-f", str(root / "mkdocs.yml"), "-d", str(folder)]
            started.append((k, out, subprocess.Popen(
                cmd, cwd=root, stdout=out, stderr=subprocess.STDOUT, text=True,
                env={**env, "SITE_DIR": str(folder), ENV: str(Path(tmp) / f"plan-{k}.json")})))
        failures = []
        for k, out, proc in started:
            code = proc.wait()
            out.seek(0)
            text = out.read().strip()
            out.close()
            if code != 0:
                failures.append(f"mkdocs build failed (process {k}):\n{text}")
            elif text:
                log.info("%s", text)
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
