"""A throw-away project folder around a benchmark corpus (outside the repository)."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

from builder.config import read_urls

REPO = Path(__file__).resolve().parent.parent
#: Project files a build needs besides the corpus (generated parts of docs/ excluded).
PROJECT_FILES = ("mkdocs.yml", "overrides", "hooks", "docs")


def make_project(target: Path) -> Path:
    """Copy the repository's site configuration into ``target`` (no corpus, no output)."""
    target.mkdir(parents=True, exist_ok=True)
    ignore = shutil.ignore_patterns(*[Path(g).name for g in read_urls(REPO).generated()], "__pycache__")
    for name in PROJECT_FILES:
        src = REPO / name
        if src.is_dir():
            shutil.copytree(src, target / name, ignore=ignore, dirs_exist_ok=True)
        elif src.exists():
            shutil.copy2(src, target / name)
    return target


#: (kind of file, pattern on a site-relative path), first match wins; "other" is the rest
#: (about, 404, robots.txt, redirects of retired articles outside ``articles/``).
SITE_KINDS = (
    ("article", r"^(en/)?articles/[^/]+/index\.html$"),
    ("tag", r"^(en/)?tags/(people|places|organizations)/[^/]+/(page/\d+/)?index\.html$"),
    ("tag index", r"^(en/)?tags/((people|places|organizations)/)?(page/\d+/)?index\.html$"),
    ("tag feeds", r"^feeds/[^/]+/tags/"),
    ("site feeds", r"^feeds/"),
    ("quotes", r"^(en/)?quotes/"),
    ("timeline", r"^(en/)?timeline/"),
    ("archive", r"^(en/)?archive/"),
    ("home", r"^(en/)?index\.html$"),
    ("search index", r"^(pagefind|search-entities/|search-words/)|^(en/)?tags/.*\.json$"),
    ("sitemap", r"^sitemap"),
    ("assets", r"^assets/"),
)
#: The coarser parts of earlier benchmarks: kind -> part.
PARTS = {"article": "article pages", "tag": "tag pages and feeds",
         "tag feeds": "tag pages and feeds", "search index": "search index"}


def site_kinds(site: Path) -> dict[str, dict[str, int]]:
    """Files and bytes of each kind of file of a built site (``SITE_KINDS``, then "other"),
    every kind present even when empty."""
    kinds = {name: {"files": 0, "bytes": 0} for name, _ in SITE_KINDS}
    kinds["other"] = {"files": 0, "bytes": 0}
    patterns = [(name, re.compile(pattern)) for name, pattern in SITE_KINDS]
    if not site.is_dir():
        return kinds
    for folder, _, names in os.walk(site):
        rel_folder = os.path.relpath(folder, site)
        for file_name in names:
            rel = file_name if rel_folder == "." else f"{rel_folder}/{file_name}"
            name = next((n for n, pattern in patterns if pattern.match(rel)), "other")
            kinds[name]["files"] += 1
            kinds[name]["bytes"] += os.path.getsize(os.path.join(folder, file_name))
    return kinds


def site_parts(site: Path) -> dict[str, dict[str, int]]:
    """:func:`site_kinds` summed into the four parts of earlier benchmarks: article pages,
    tag pages and their feeds, search index, and "other"."""
    parts = {name: {"files": 0, "bytes": 0} for name in dict.fromkeys(PARTS.values())}
    parts["other"] = {"files": 0, "bytes": 0}
    for kind, size in site_kinds(site).items():
        part = parts[PARTS.get(kind, "other")]
        part["files"] += size["files"]
        part["bytes"] += size["bytes"]
    return parts


#: A tar archive's block: each file has a header block and is padded to whole blocks.
TAR_BLOCK = 512
#: What ``tar`` writes at the end (two zero blocks) and rounds the archive up to (a record).
TAR_END, TAR_RECORD = 2 * TAR_BLOCK, 20 * TAR_BLOCK


def tar_size(site: Path) -> int:
    """Bytes of a tar archive of ``site`` (every folder and file, as GitHub's Pages
    workflow uploads a site): a header block per entry, each file padded to whole blocks."""
    total = 0
    for folder, _, names in os.walk(site):
        rel = os.path.relpath(folder, site)
        prefix = "./" if rel == "." else f"./{rel}/"
        total += _header(prefix)
        for name in names:
            size = os.path.getsize(os.path.join(folder, name))
            total += _header(prefix + name) + -(-size // TAR_BLOCK) * TAR_BLOCK
    total += TAR_END
    return -(-total // TAR_RECORD) * TAR_RECORD


def _header(name: str) -> int:
    """Header bytes of one tar entry: a block, and GNU tar's long-name entry (a header and
    the name's blocks) when the name passes the 100 bytes a header holds."""
    size = len(name.encode("utf-8"))
    if size <= 100:
        return TAR_BLOCK
    return TAR_BLOCK + TAR_BLOCK + -(-(size + 1) // TAR_BLOCK) * TAR_BLOCK


def tree_size(folder: Path) -> tuple[int, int]:
    """``(files, bytes)`` below ``folder`` (0, 0 when it does not exist)."""
    files = size = 0
    if folder.is_dir():
        for path in folder.rglob("*"):
            if path.is_file():
                files += 1
                size += path.stat().st_size
    return files, size
