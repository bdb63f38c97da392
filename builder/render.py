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
from .search import BUNDLE, ENTITY_BUNDLE, RECENT, SearchIndexError, index_site

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
    hashes, stats = {}, {}
    for path in sorted(docs.rglob("*")):
        if not path.is_file():
            continue
        rel, st = path.relative_to(docs).as_posix(), path.stat()
        old = known.get(rel)
        if isinstance(old, list) and old[1:] == [st.st_size, st.st_mtime_ns]:
            hashes[rel] = old[0]
        else:
            hashes[rel] = hashlib.sha256(path.read_bytes()).hexdigest()
        stats[rel] = [hashes[rel], st.st_size, st.st_mtime_ns]
    return hashes, stats


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
                 removed: list[str] | None = None) -> dict:
    """``mkdocs build --strict`` of ``root/mkdocs.yml`` into ``site``, in parallel.

    ``pages`` (docs-relative paths) limits rendering to those pages, on top of an existing
    site (``clean`` False) whose sitemap lists the other pages (and the ``removed`` URLs,
    pages deleted since, which it drops: ``hooks/sitemap.py``). Returns the merged reports
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
    with tempfile.TemporaryDirectory(prefix="render-") as tmp:
        previous = None
        if pages is not None:  # a copy: the processes replace the site's sitemap files
            previous = Path(tmp) / "sitemap"
            previous.mkdir()
            for path in [site / "sitemap.xml", *site.glob("sitemap-*.xml")]:
                if path.is_file():
                    shutil.copyfile(path, previous / path.name)
        procs = []
        for shard in range(n):
            plan = {"shard": shard, "shards": n, "pages": pages,
                    "report": str(Path(tmp) / f"report-{shard}.json"),
                    "sitemap": previous and str(previous), "removed": removed or []}
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
    """Render the whole site: MkDocs (incrementally when possible), then post-processing.

    Everything is written into a sibling folder (:func:`staged`) that replaces ``site`` only
    when complete: a build that fails or is interrupted leaves the previous site as it was.
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
    with staged(site, copy=not plan.full, link_pages=True) as out:
        plan, report, files = _render_into(root, out, plan, jobs, start)
    manifest.parent.mkdir(parents=True, exist_ok=True)
    manifest.write_text(json.dumps({"format": FORMAT, "stamp": plan.stamp,
                                    "sources": plan.sources, "nav": _navs(report),
                                    "stats": plan.stats, **files}, ensure_ascii=False),
                        encoding="utf-8")
    return plan


def _render_into(root: Path, site: Path, plan: RenderPlan, jobs: int | None,
                 start: float) -> tuple[RenderPlan, dict, dict]:
    """MkDocs, pruning and the search index into ``site`` (the staging folder)."""
    report = mkdocs_build(root, site, plan.pages, jobs=jobs, clean=plan.full,
                          removed=None if plan.full else _removed_urls(plan))
    for lang, part in report.items():
        if "kept" in part:
            log.info("render: %s: %d of %d documentation pages kept", lang, part["kept"],
                     part["listed"])
    if not plan.full and _navs(report) != plan.previous.get("nav"):
        log.info("render: the navigation changed, rendering every page again")
        plan = RenderPlan(full=True, reason="navigation changed", sources=plan.sources,
                          stats=plan.stats,
                          stamp=plan.stamp, previous=plan.previous)
        report = mkdocs_build(root, site, None, jobs=jobs, clean=True)
    files = _site_files(report, plan)
    if not plan.full:
        removed = _prune(site, set(plan.previous.get("outputs", [])) - set(files["outputs"]))
        if removed:
            log.info("render: removed %d file(s) of deleted pages", removed)
    log.info("render: MkDocs took %.1fs", time.perf_counter() - start)
    try:
        search_report = index_site(site, None if plan.full else plan.pages)
    except SearchIndexError as exc:
        raise RenderError(str(exc)) from exc
    log.info("search: %d pages, %d words indexed in %.1fs (%d KB)",
             search_report.pages, search_report.words, search_report.seconds,
             search_report.bytes // 1024)
    return plan, report, files


#: Suffixes of the sibling folders of a site during a build (``site.tmp-<pid>``).
STAGE, OLD = ".tmp-", ".old-"


@contextmanager
def staged(site: Path, copy: bool, link_pages: bool = False) -> Iterator[Path]:
    """A folder beside ``site`` to write the new site into; swapped in if all goes well.

    ``copy`` starts it as a copy of the current site (for an incremental render). On any
    error or interruption the folder is removed and ``site`` is untouched. The swap is two
    renames; a build killed between them leaves ``site.old-<pid>``, which the next build
    puts back (see :func:`_recover`). ``link_pages`` hard-links the pages instead of
    copying them (:func:`_link_or_copy`): only for writers that replace a page file rather
    than write into it, as MkDocs does under ``hooks/shards.py``.
    """
    _recover(site)
    stage = site.with_name(f"{site.name}{STAGE}{os.getpid()}")
    shutil.rmtree(stage, ignore_errors=True)
    if copy and site.is_dir():
        shutil.copytree(site, stage, symlinks=True, ignore=_rebuilt(site),
                        copy_function=_link_or_copy if link_pages else shutil.copy2)
        for name in REBUILT:
            if (site / name).is_dir():
                shutil.copytree(site / name, stage / name, copy_function=_link)
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


def _rebuilt(site: Path) -> Any:
    """``copytree``'s ``ignore``: the search bundles (hard-linked whole, see :data:`REBUILT`)."""
    def ignore(folder: str, names: list[str]) -> list[str]:
        return [n for n in names if n in REBUILT] if Path(folder) == site else []
    return ignore


#: Top-level folders of the site written by the search step (``builder.search.index_site``),
#: which replaces or removes their files but never writes into one: hard-linked into the
#: staging folder, so that an incremental index keeps the main part without copying it.
REBUILT = (BUNDLE, RECENT, ENTITY_BUNDLE)


def _link(src: str, dst: str) -> str:
    """Hard-link a file of a search bundle (copy it where links are impossible)."""
    try:
        os.link(src, dst)
        return dst
    except OSError:
        return shutil.copy2(src, dst)


def _link_or_copy(src: str, dst: str) -> str:
    """Hard-link pages (``index.html``) and feeds, copy the rest.

    Copying a large site byte for byte is the slowest part of adding one article. These
    files are safe to share with the previous site: an incremental render writes only the
    pages that changed, and ``hooks/shards.py`` removes each page and feed before writing
    it again, so the previous site's files are never written through the link.
    """
    if os.path.basename(src) == "index.html" or f"{os.sep}feeds{os.sep}" in src:
        try:
            os.link(src, dst)
            return dst
        except OSError:
            pass
    return shutil.copy2(src, dst)


def _recover(site: Path) -> None:
    """Remove what interrupted builds left beside ``site`` (and restore a site lost mid-swap)."""
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
