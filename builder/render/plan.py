"""What a render has to do: everything, or only the pages whose Markdown changed.

The manifest of the last successful render (``.cache/render.json``) records a *stamp* (the
configuration, overrides, hooks, builder code and data, package versions, ``SITE_URL`` and
the site folder), the hash of every file of ``docs/``, the navigation and the files of the
site. When the stamp is unchanged and the site complete, a render is incremental: the
pages whose Markdown changed and the language twins of pages added or deleted (their
language switcher changes). Anything else renders every page.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

from .. import __version__

BUILDER = Path(__file__).resolve().parent.parent
#: Packages whose versions are part of the stamp (their output is in every page).
STAMP_PACKAGES = ("mkdocs", "mkdocs-material", "mkdocs-static-i18n", "Markdown",
                  "pymdown-extensions", "Jinja2", "Pygments", "pagefind")
#: Environment variables that change every page (see mkdocs.yml).
STAMP_ENV = ("SITE_URL",)
#: The project files and folders (besides builder/) that every page depends on.
STAMP_FILES = ("mkdocs.yml", "overrides", "hooks")
#: Manifest of the last successful render, below the project's ``.cache/``.
MANIFEST = "render.json"
FORMAT = 2


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

    def as_full(self, reason: str) -> RenderPlan:
        """The same plan, rendering every page."""
        return RenderPlan(full=True, reason=reason, sources=self.sources, stamp=self.stamp,
                          previous=self.previous, stats=self.stats)

    def up_to_date(self) -> bool:
        """An incremental plan with nothing in ``docs/`` changed."""
        return not self.full and self.sources == self.previous.get("sources")

    def changed_files(self) -> list[str]:
        """The files of ``docs/`` other than pages that changed since the last render."""
        old = self.previous.get("sources", {})
        return sorted(p for p, h in self.sources.items()
                      if not p.endswith(".md") and old.get(p) != h)

    def removed_urls(self) -> list[str]:
        """Site URLs (relative) of the pages deleted since the last render."""
        return sorted({page_url(d) for src, dests in self.previous.get("pages", {}).items()
                       if src not in self.sources for d in dests})


def page_url(dest: str) -> str:
    """The site URL (relative) of a page's site file: ``a/index.html`` -> ``a/``."""
    return dest[: -len("index.html")] if dest.endswith("index.html") else dest


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


def read_manifest(manifest: Path | None) -> dict:
    """The last render's manifest ({} when there is none or it cannot be read)."""
    if manifest is None or not manifest.is_file():
        return {}
    try:
        data = json.loads(manifest.read_text(encoding="utf-8"))
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}


def write_manifest(manifest: Path, plan: RenderPlan, navs: dict, files: dict) -> None:
    """Record a successful render (see the module docstring)."""
    manifest.parent.mkdir(parents=True, exist_ok=True)
    manifest.write_text(json.dumps({"format": FORMAT, "stamp": plan.stamp,
                                    "sources": plan.sources, "nav": navs,
                                    "stats": plan.stats, **files}, ensure_ascii=False),
                        encoding="utf-8")


def plan_render(root: Path, site: Path, manifest: Path | None) -> RenderPlan:
    """Full or incremental? ``manifest`` None forces a full render."""
    current = stamp(root, site)
    previous = read_manifest(manifest)
    known = previous.get("stats") if previous.get("stamp") == current else None
    sources, stats = scan_docs(root / "docs", known if isinstance(known, dict) else None)
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
        come_and_gone = {twin_key(p) for p in set(sources) ^ set(old) if p.endswith(".md")}
        changed |= {p for p in sources if p.endswith(".md") and twin_key(p) in come_and_gone}
        plan.pages = sorted(changed)
        plan.reason = f"{len(plan.pages)} changed page(s)"
    return plan


#: A language suffix of a docs page (``x.en.md``; mkdocs-static-i18n's suffix structure).
_LANG_SUFFIX = re.compile(r"\.[a-z]{2}(?:_[A-Z]{2})?$")


def twin_key(page: str) -> str:
    """What a page and its language twins share: ``a/x.en.md`` -> ``a/x``."""
    return _LANG_SUFFIX.sub("", page[: -len(".md")])


def site_files(report: dict, plan: RenderPlan, verbatim: Iterable[str] = ()) -> dict:
    """The manifest's ``outputs`` (every file the render owns in the site: those MkDocs
    reports and the ``verbatim`` files copied past it) and ``pages`` (docs path -> its files
    in the site).

    A full render reports them all. An incremental one reports static files in full but
    only the pages its processes kept: the previous render's pages that still exist keep
    their files.
    """
    pages: dict[str, set[str]] = {}
    outputs: set[str] = set(verbatim)
    for part in report.values():
        outputs.update(part["outputs"])
        for src, dest in part.get("pages", {}).items():
            pages.setdefault(src, set()).add(dest)
    if not plan.full:
        for src, dests in plan.previous.get("pages", {}).items():
            if src in plan.sources and src not in pages:
                pages[src] = set(dests)
                outputs.update(dests)
    return {"outputs": sorted(outputs),
            "pages": {src: sorted(dests) for src, dests in sorted(pages.items())}}
