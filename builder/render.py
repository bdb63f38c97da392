"""Render ``docs/`` into the static site with MkDocs (then post-process it).

MkDocs runs as subprocesses (``python -m mkdocs build --strict``), one per core: the hook
``hooks/shards.py`` gives each process every n-th page to convert and render, while every
process reads all files and the navigation, so pages come out exactly as from one plain
``mkdocs build`` (``tests/test_incremental.py`` compares the two byte for byte).

Rebuilds are incremental: ``.cache/render.json`` records a *stamp* (configuration,
overrides, hooks, builder code and data, package versions, ``SITE_URL``, site folder), the
hash of every file of ``docs/``, the navigation and the files of the site. When the stamp
is unchanged and the site is complete, only pages whose Markdown changed (and the language
twins of pages added or deleted: their switcher changes) are rendered again (MkDocs
``--dirty``), files of pages that disappeared are removed, and the search index is
rebuilt. Such a render costs what its pages cost, not what the archive does: the MkDocs
processes keep only the pages they need (``hooks/shards.py``), the sitemap is merged with
the previous one (``hooks/sitemap.py``), and the manifest records the site files of every
page (``pages``), so that those of deleted pages are known without listing every page. Anything else -- a new stamp, a missing site file, a navigation whose titles or
order changed -- gives a full render into an emptied site folder.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

from . import __version__
from .parallel import cores
from .progress import phase
from .search import BUNDLE, SearchIndexError, index_site

log = logging.getLogger(__name__)

BUILDER = Path(__file__).resolve().parent
#: Packages whose versions are part of the stamp (their output is in every page).
STAMP_PACKAGES = ("mkdocs", "mkdocs-material", "mkdocs-static-i18n", "Markdown",
                  "pymdown-extensions", "Jinja2", "Pygments", "pagefind")
#: Environment variables that change every page (see mkdocs.yml).
STAMP_ENV = ("SITE_URL",)
#: The project files and folders (besides builder/) that every page depends on.
STAMP_FILES = ("mkdocs.yml", "overrides", "hooks")
#: Fewer changed pages than this are rendered by one MkDocs process (a second one would
#: spend as long reading the site's files as the first spends on the pages).
PARALLEL_MIN = 200
#: Manifest of the last successful render, below the project's ``.cache/``.
MANIFEST = "render.json"
FORMAT = 2


class RenderError(Exception):
    """MkDocs (or a post-processing step) failed."""


@dataclass
class RenderPlan:
    """What a render will do: everything, or only the ``pages`` whose Markdown changed."""

    full: bool
    reason: str
    pages: list[str] | None = None  #: docs-relative paths, None for every page
    sources: dict[str, str] = field(default_factory=dict)  #: docs path -> sha256
    stamp: str = ""
    previous: dict = field(default_factory=dict)  #: the last manifest ({} if none)
    stats: dict = field(default_factory=dict)  #: docs path -> [sha256, size, mtime_ns]


def _hash_tree(digest: Any, base: Path, path: Path) -> None:
    files = [path] if path.is_file() else sorted(p for p in path.rglob("*") if p.is_file())
    for file in files:
        if "__pycache__" in file.parts:
            continue
        digest.update(file.relative_to(base).as_posix().encode() + b"\0")
        digest.update(hashlib.sha256(file.read_bytes()).digest())


def stamp(root: Path, site: Path) -> str:
    """Hash of everything that every page depends on (see the module docstring)."""
    digest = hashlib.sha256(f"{FORMAT}\0{__version__}\0{site.resolve()}\0".encode())
    for name in STAMP_FILES:
        if (root / name).exists():
            _hash_tree(digest, root, root / name)
    _hash_tree(digest, BUILDER.parent, BUILDER)
    for package in STAMP_PACKAGES:
        try:
            version = metadata.version(package)
        except metadata.PackageNotFoundError:
            version = "-"
        digest.update(f"{package}={version}\0".encode())
    for name in STAMP_ENV:
        digest.update(f"{name}={os.environ.get(name, '')}\0".encode())
    return digest.hexdigest()


def docs_hashes(docs: Path) -> dict[str, str]:
    """sha256 of every file below ``docs`` by ``/``-separated relative path."""
    return scan_docs(docs)[0]


def scan_docs(docs: Path, known: dict | None = None) -> tuple[dict[str, str], dict[str, list]]:
    """:func:`docs_hashes` and ``{path: [sha256, size, mtime_ns]}`` of the same files.

    ``known`` (the second part of an earlier scan) saves reading the files whose size and
    modification time are unchanged: the builder rewrites a page only when its bytes
    change (``builder/writer.py``), so most pages keep both.
    """
    known = known or {}
    found = {}
    for top, _, names in os.walk(docs):  # os.walk and plain strings: 30,000 files and more
        prefix = os.path.relpath(top, docs).replace(os.sep, "/")
        prefix = "" if prefix == "." else f"{prefix}/"
        for name in names:
            found[prefix + name] = os.path.join(top, name)
    hashes, stats = {}, {}
    for rel in sorted(found):
        try:
            st = os.stat(found[rel])
        except FileNotFoundError:
            continue
        old = known.get(rel)
        if isinstance(old, list) and old[1:] == [st.st_size, st.st_mtime_ns]:
            hashes[rel] = old[0]
        else:
            hashes[rel] = _sha256(found[rel])
        stats[rel] = [hashes[rel], st.st_size, st.st_mtime_ns]
    return hashes, stats


def _sha256(path: str) -> str:
    with open(path, "rb") as fh:
        return hashlib.sha256(fh.read()).hexdigest()


def _docs_dir(root: Path) -> Path:
    return root / "docs"


def plan_render(root: Path, site: Path, manifest: Path | None) -> RenderPlan:
    """Full or incremental? ``manifest`` None forces a full render."""
    current = stamp(root, site)
    previous: dict = {}
    if manifest is not None and manifest.is_file():
        try:
            previous = json.loads(manifest.read_text(encoding="utf-8"))
        except ValueError:
            previous = {}
    known = previous.get("stats") if previous.get("stamp") == current else None
    sources, stats = scan_docs(_docs_dir(root), known if isinstance(known, dict) else None)
    plan = RenderPlan(full=True, reason="", sources=sources, stamp=current, previous=previous,
                      stats=stats)
    if manifest is None:
        plan.reason = "full render requested"
    elif not previous:
        plan.reason = "no previous render"
    elif previous.get("stamp") != current or previous.get("format") != FORMAT:
        plan.reason = "configuration, theme, hooks, builder or packages changed"
    elif not site.is_dir() or not (site / "sitemap.xml").is_file() \
            or not all((site / f).is_file() for f in previous["outputs"]):
        plan.reason = "the site folder is incomplete"
    else:
        old = previous["sources"]
        plan.full = False
        changed = {p for p, h in sources.items() if p.endswith(".md") and old.get(p) != h}
        # a page whose twin appears or disappears gets another language switcher
        come_and_gone = {_twin_key(p) for p in set(sources) ^ set(old) if p.endswith(".md")}
        changed |= {p for p in sources if p.endswith(".md") and _twin_key(p) in come_and_gone}
        plan.pages = sorted(changed)
        plan.reason = f"{len(plan.pages)} changed page(s)"
    return plan


#: A language suffix of a docs page (``x.en.md``; mkdocs-static-i18n's suffix structure).
_LANG_SUFFIX = re.compile(r"\.[a-z]{2}(?:_[A-Z]{2})?$")


def _twin_key(page: str) -> str:
    """What a page and its language twins share: ``a/x.en.md`` -> ``a/x``."""
    return _LANG_SUFFIX.sub("", page[: -len(".md")])


def _jobs(pages: list[str] | None, jobs: int | None) -> int:
    if jobs:
        return jobs
    if pages is not None and len(pages) < PARALLEL_MIN:
        return 1
    return cores()


def mkdocs_build(root: Path, site: Path, pages: list[str] | None = None,
                 jobs: int | None = None, clean: bool = True,
                 removed: list[str] | None = None, base: Path | None = None,
                 changed: list[str] | None = None) -> dict:
    """``mkdocs build --strict`` of ``root/mkdocs.yml`` into ``site``, in parallel.

    ``pages`` (docs-relative paths) limits rendering to those pages, on top of an existing
    site (``clean`` False) whose sitemap lists the other pages (and the ``removed`` URLs,
    pages deleted since, which it drops: ``hooks/sitemap.py``). That site is ``base`` when
    given (``site`` is then an empty folder that receives only what is rendered), else
    ``site`` itself. ``changed``: the files other than pages that changed since (of
    ``hooks/shards.py``'s verbatim folders, only those are copied; None: any that is newer
    than the site's). Returns the merged reports
    of the processes (``{lang: {"outputs": [...], "nav": [...], "pages": {docs path: site
    file}}}``, see ``hooks/shards.py``; with ``pages``, only the files the processes kept).
    """
    if clean and site.exists():
        shutil.rmtree(site)
    site.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_DIR": str(site)}
    # hooks/ import the builder package, also when root is another project folder
    env["PYTHONPATH"] = os.pathsep.join(
        p for p in (str(Path(__file__).resolve().parent.parent), env.get("PYTHONPATH")) if p)
    cmd = [sys.executable, "-m", "mkdocs", "build", "--strict", "--dirty", "-q",
           "-f", str(root / "mkdocs.yml"), "-d", str(site)]
    n = _jobs(pages, jobs)
    log.info("rendering %s with MkDocs into %s (%d process(es))",
             "every page" if pages is None else f"{len(pages)} page(s)", site, n)
    with tempfile.TemporaryDirectory(prefix="render-") as tmp, phase("MkDocs"):
        previous = None
        if pages is not None:  # a copy: the processes replace the site's sitemap files
            previous = Path(tmp) / "sitemap"
            previous.mkdir()
            before = base or site
            for path in [before / "sitemap.xml", *before.glob("sitemap-*.xml")]:
                if path.is_file():
                    shutil.copyfile(path, previous / path.name)
        procs = []
        for shard in range(n):
            plan = {"shard": shard, "shards": n, "pages": pages,
                    "report": str(Path(tmp) / f"report-{shard}.json"),
                    "sitemap": previous and str(previous), "removed": removed or [],
                    "verbatim": changed}
            plan_file = Path(tmp) / f"plan-{shard}.json"
            plan_file.write_text(json.dumps(plan), encoding="utf-8")
            out = open(Path(tmp) / f"log-{shard}.txt", "w+", encoding="utf-8")  # noqa: SIM115
            procs.append((subprocess.Popen(cmd, cwd=root, env={**env, "ARCHIVE_RENDER_PLAN":
                                                               str(plan_file)},
                                           stdout=out, stderr=subprocess.STDOUT, text=True),
                          out, plan))
        failures, reports = [], []
        for proc, out, plan in procs:
            code = proc.wait()
            out.seek(0)
            text = out.read()
            out.close()
            if code != 0:
                failures.append(f"mkdocs build failed (shard {plan['shard']}):\n{text}")
            elif text.strip():
                log.info("%s", text.strip())
            if code == 0:
                reports.append(json.loads(Path(plan["report"]).read_text(encoding="utf-8")))
        if failures:
            raise RenderError("\n".join(failures))
    return _merge(reports)


def _merge(reports: list[dict]) -> dict:
    merged: dict = {}
    for report in reports:
        for lang, part in report.items():
            entry = merged.setdefault(lang, {"outputs": set(), "nav": part["nav"], "pages": {},
                                             "kept": part.get("kept"),
                                             "listed": part.get("listed")})
            if entry["nav"] != part["nav"]:
                raise RenderError(f"MkDocs processes disagree on the navigation of {lang!r}")
            entry["outputs"].update(part["outputs"])
            entry["pages"].update(part.get("pages", {}))
    return {lang: {"outputs": sorted(v["outputs"]), "nav": v["nav"],
                   "pages": dict(sorted(v["pages"].items())),
                   **({"kept": v["kept"], "listed": v["listed"]} if v["kept"] is not None
                      else {})}
            for lang, v in sorted(merged.items())}


def _outputs(report: dict) -> list[str]:
    return sorted({f for part in report.values() for f in part["outputs"]})


def _site_files(report: dict, plan: RenderPlan) -> dict:
    """The manifest's ``outputs`` (every file the builds own in the site) and ``pages``
    (docs path -> its files in the site).

    A full render reports them all. An incremental one reports static files in full but
    only the pages its processes kept (``hooks/shards.py``): the previous render's pages
    that still exist keep their files.
    """
    pages: dict[str, set[str]] = {}
    for part in report.values():
        for src, dest in part.get("pages", {}).items():
            pages.setdefault(src, set()).add(dest)
    outputs = set(_outputs(report))
    if not plan.full:
        for src, dests in plan.previous.get("pages", {}).items():
            if src in plan.sources and src not in pages:
                pages[src] = set(dests)
                outputs.update(dests)
    return {"outputs": sorted(outputs),
            "pages": {src: sorted(dests) for src, dests in sorted(pages.items())}}


def _removed_urls(plan: RenderPlan) -> list[str]:
    """Site URLs (relative) of the pages deleted since the previous render."""
    urls = set()
    for src, dests in plan.previous.get("pages", {}).items():
        if src not in plan.sources:
            urls.update(d[: -len("index.html")] if d.endswith("index.html") else d
                        for d in dests)
    return sorted(urls)


def _navs(report: dict) -> dict:
    return {lang: part["nav"] for lang, part in report.items()}


def _prune(site: Path, stale: set[str]) -> int:
    """Remove the files of pages that no longer exist (and folders left empty)."""
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


def render_site(root: Path, site: Path, *, incremental: bool = True,
                jobs: int | None = None) -> RenderPlan:
    """Render the whole site: MkDocs (incrementally when possible), then the search index.

    A full render writes everything into a sibling folder (:func:`staged`) that replaces
    ``site`` only when complete; an incremental one writes what it renders into an empty
    sibling folder whose files are moved into ``site`` at the end (:func:`_commit`). Either
    way a build that fails or is interrupted before that last step leaves the previous site
    as it was, and one interrupted during it is completed by the next build.
    """
    start = time.perf_counter()
    manifest = root / ".cache" / MANIFEST
    plan = plan_render(root, site, manifest if incremental else None)
    log.info("render: %s render (%s)", "full" if plan.full else "incremental", plan.reason)
    if not plan.full and plan.sources == plan.previous.get("sources") \
            and (site / BUNDLE / "pagefind-entry.json").is_file():
        log.info("render: the site is up to date")
        return plan
    manifest.unlink(missing_ok=True)  # a render that fails half-way leaves a full one next
    done = None if plan.full else _render_over(root, site, plan, jobs, start)
    if done is None:
        if not plan.full:
            plan = RenderPlan(full=True, reason="navigation changed", sources=plan.sources,
                              stats=plan.stats, stamp=plan.stamp, previous=plan.previous)
        with staged(site, copy=False) as out:
            done = _render_full(root, out, plan, jobs, start)
    plan, report, files = done
    manifest.parent.mkdir(parents=True, exist_ok=True)
    manifest.write_text(json.dumps({"format": FORMAT, "stamp": plan.stamp,
                                    "sources": plan.sources, "nav": _navs(report),
                                    "stats": plan.stats, **files}, ensure_ascii=False),
                        encoding="utf-8")
    return plan


def _render_full(root: Path, site: Path, plan: RenderPlan, jobs: int | None,
                 start: float) -> tuple[RenderPlan, dict, dict]:
    """MkDocs and the search index into ``site`` (the emptied staging folder)."""
    report = mkdocs_build(root, site, None, jobs=jobs, clean=True)
    log.info("render: MkDocs took %.1fs", time.perf_counter() - start)
    _index(site, None)
    return plan, report, _site_files(report, plan)


def _render_over(root: Path, site: Path, plan: RenderPlan, jobs: int | None,
                 start: float) -> tuple[RenderPlan, dict, dict] | None:
    """The changed pages, the search index and the files of deleted pages, into an empty
    folder beside ``site`` and then into ``site``; None (nothing done) when the navigation
    changed, which needs a full render."""
    _recover(site)
    stage = site.with_name(f"{site.name}{STAGE}{os.getpid()}")
    shutil.rmtree(stage, ignore_errors=True)
    stage.mkdir(parents=True)
    try:
        old = plan.previous.get("sources", {})
        report = mkdocs_build(root, stage, plan.pages, jobs=jobs, clean=False,
                              removed=_removed_urls(plan), base=site,
                              changed=sorted(p for p, h in plan.sources.items()
                                             if not p.endswith(".md") and old.get(p) != h))
        for lang, part in report.items():
            if "kept" in part:
                log.info("render: %s: %d of %d documentation pages kept", lang,
                         part["kept"], part["listed"])
        if _navs(report) != plan.previous.get("nav"):
            log.info("render: the navigation changed, rendering every page again")
            shutil.rmtree(stage)
            return None
        files = _site_files(report, plan)
        stale = set(plan.previous.get("outputs", [])) - set(files["outputs"])
        log.info("render: MkDocs took %.1fs", time.perf_counter() - start)
        changes = _index(stage, plan.pages, base=site, removed=stale)
        changes.removed.update(stale)
    except BaseException:
        shutil.rmtree(stage, ignore_errors=True)
        raise
    _commit(site, stage, changes)
    if stale:
        log.info("render: removed %d file(s) of deleted pages", len(stale))
    return plan, report, files


@dataclass
class Changes:
    """What an incremental render's folder does to the site besides adding its files:
    ``removed`` files (site-relative) and top-level ``folders`` replaced whole (True: by
    the folder of the same name in the render's folder) or removed (False)."""

    removed: set[str] = field(default_factory=set)
    folders: dict[str, bool] = field(default_factory=dict)


def _index(site: Path, pages: list[str] | None, base: Path | None = None,
           removed: set[str] | None = None) -> Changes:
    """The search index (:func:`builder.search.index_site`) and what it changed."""
    try:
        with phase("search index (Pagefind)"):
            if base is None:
                search_report = index_site(site, pages)
            else:
                search_report = index_site(site, pages, base=base, removed=removed or set())
    except SearchIndexError as exc:
        raise RenderError(str(exc)) from exc
    log.info("search: %d pages, %d words indexed in %.1fs (%d KB)",
             search_report.pages, search_report.words, search_report.seconds,
             search_report.bytes // 1024)
    return Changes(removed=set(search_report.removed), folders=dict(search_report.folders))


#: Journal of an incremental render being moved into the site (``site.journal-<pid>``).
JOURNAL = ".journal-"


def _commit(site: Path, stage: Path, changes: Changes) -> None:
    """Move the files of ``stage`` into ``site`` and apply ``changes``.

    A journal beside the site names the folder and the changes first: a build interrupted
    while moving is completed by the next one (:func:`_recover`, :func:`_apply`).
    """
    journal = site.with_name(f"{site.name}{JOURNAL}{os.getpid()}")
    journal.write_text(json.dumps({"stage": stage.name, "removed": sorted(changes.removed),
                                   "folders": changes.folders}), encoding="utf-8")
    _apply(site, stage, changes)
    journal.unlink()
    log.info("render: the rendered pages moved into %s", site)


#: Inside an incremental render's folder: the site's folders it replaced, until deleted.
_TRASH = ".replaced"


def _apply(site: Path, stage: Path, changes: Changes) -> None:
    """The moves of :func:`_commit`; running it again after an interruption completes it."""
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
    _prune(site, changes.removed)
    sitemap = site / "sitemap.xml"  # parts of a larger earlier sitemap (hooks/sitemap.py
    # removes them where it renders, which is not the site here)
    if sitemap.is_file() and "<sitemapindex" not in sitemap.read_text(encoding="utf-8")[:1000]:
        for part in site.glob("sitemap-*.xml"):
            part.unlink()
    shutil.rmtree(stage, ignore_errors=True)


#: Suffixes of the sibling folders of a site during a build (``site.tmp-<pid>``).
STAGE, OLD = ".tmp-", ".old-"


@contextmanager
def staged(site: Path, copy: bool = False) -> Iterator[Path]:
    """A folder beside ``site`` to write the new site into; swapped in if all goes well.

    ``copy`` starts it as a copy of the current site. On any error or interruption the
    folder is removed and ``site`` is untouched. The swap is two renames; a build killed
    between them leaves ``site.old-<pid>``, which the next build puts back (see
    :func:`_recover`).
    """
    _recover(site)
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


def _recover(site: Path) -> None:
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
