"""Render ``docs/`` into the static site: MkDocs, then the search index.

:func:`render_site` reads from top to bottom:

1. plan (:mod:`.plan`): compare ``docs/`` and everything every page depends on with the
   manifest of the last render: render every page, only the pages that changed, or nothing;
2. run MkDocs (:mod:`.run`): one ``mkdocs build`` per core, each rendering its share of
   the pages (:mod:`.shards`, ``hooks/shards.py``), merged into one folder with one
   sitemap (:mod:`.sitemap`);
3. index the rendered pages for the search (:func:`builder.search.index_site`);
4. publish (:mod:`.swap`): a full render replaces the site folder, an incremental one
   moves its files into it; either only once everything above succeeded;
5. write the manifest for the next render.

An incremental render whose navigation turns out to have changed is dropped for a full one.
"""

from __future__ import annotations

import logging
import shutil
import time
from pathlib import Path

from ..config import Urls, read_urls
from ..progress import phase
from ..search import SearchIndexError, index_site
from ..search.layout import BUNDLE
from .plan import MANIFEST, RenderPlan, plan_render, site_files, write_manifest
from .run import RenderError, mkdocs_build
from .swap import Changes, commit, stage_folder, staged

__all__ = ["RenderError", "RenderPlan", "render_site"]

log = logging.getLogger(__name__)


def render_site(root: Path, site: Path, *, incremental: bool = True,
                jobs: int | None = None) -> RenderPlan:
    """Render ``root/docs`` into ``site`` (see the module docstring); returns the plan."""
    start = time.perf_counter()
    urls = read_urls(root)
    manifest = root / ".cache" / MANIFEST
    plan = plan_render(root, site, manifest if incremental else None)
    log.info("render: %s render (%s)", "full" if plan.full else "incremental", plan.reason)
    if plan.up_to_date() and (site / BUNDLE / "pagefind-entry.json").is_file():
        log.info("render: the site is up to date")
        return plan
    manifest.unlink(missing_ok=True)  # a render that fails half-way leaves a full one next
    done = None if plan.full else _render_changes(root, site, plan, jobs, urls)
    if done is None:
        if not plan.full:
            plan = plan.as_full("navigation changed")
        with staged(site) as out:
            done = _render_everything(root, out, plan, jobs, urls)
    report, files = done
    write_manifest(manifest, plan, _navs(report), files)
    log.info("render: done in %.1fs", time.perf_counter() - start)
    return plan


def _render_everything(root: Path, out: Path, plan: RenderPlan,
                       jobs: int | None, urls: Urls) -> tuple[dict, dict]:
    """Every page and the search index into ``out`` (the new site's empty folder)."""
    start = time.perf_counter()
    report = mkdocs_build(root, out, jobs=jobs)
    log.info("render: MkDocs took %.1fs", time.perf_counter() - start)
    _index(out, None, urls)
    return report, site_files(report, plan, _verbatim(plan, urls))


def _render_changes(root: Path, site: Path, plan: RenderPlan,
                    jobs: int | None, urls: Urls) -> tuple[dict, dict] | None:
    """The changed pages and the search index into an empty folder beside ``site``, then
    into ``site`` with the files of deleted pages removed; None (nothing done) when the
    navigation changed, which needs a full render."""
    start = time.perf_counter()
    stage = stage_folder(site)
    try:
        report = mkdocs_build(root, stage, plan.pages, jobs=jobs,
                              verbatim=plan.changed_files(), previous=site,
                              removed=plan.removed_urls())
        kept = {src for part in report.values() for src in part["pages"]}
        log.info("render: %d of %d documentation pages kept", len(kept),
                 sum(p.endswith(".md") for p in plan.sources))
        if _navs(report) != plan.previous.get("nav"):
            log.info("render: the navigation changed, rendering every page again")
            shutil.rmtree(stage)
            return None
        files = site_files(report, plan, _verbatim(plan, urls))
        stale = set(plan.previous.get("outputs", [])) - set(files["outputs"])
        log.info("render: MkDocs took %.1fs", time.perf_counter() - start)
        changes = _index(stage, plan.pages, urls, base=site, removed=stale)
        changes.removed.update(stale)
    except BaseException:
        shutil.rmtree(stage, ignore_errors=True)
        raise
    commit(site, stage, changes)
    if stale:
        log.info("render: removed %d file(s) of deleted pages", len(stale))
    return report, files


def _index(site: Path, pages: list[str] | None, urls: Urls, base: Path | None = None,
           removed: set[str] | None = None) -> Changes:
    """The search index (:func:`builder.search.index_site`) and what it changed."""
    try:
        with phase("search index (Pagefind)"):
            if base is None:
                search_report = index_site(site, pages, urls=urls)
            else:
                search_report = index_site(site, pages, base=base, removed=removed or set(),
                                           urls=urls)
    except SearchIndexError as exc:
        raise RenderError(str(exc)) from exc
    log.info("search: %d pages, %d words indexed in %.1fs (%d KB)",
             search_report.pages, search_report.words, search_report.seconds,
             search_report.bytes // 1024)
    return Changes(removed=set(search_report.removed), folders=dict(search_report.folders))


def _navs(report: dict) -> dict:
    return {lang: part["nav"] for lang, part in report.items()}


def _verbatim(plan: RenderPlan, urls: Urls) -> list[str]:
    """The files of ``docs/`` copied into the site as they are (feeds)."""
    return [p for p in plan.sources if p.startswith(urls.verbatim())]
