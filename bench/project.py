"""A throw-away project folder around a benchmark corpus (outside the repository)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from builder.config import GENERATED

REPO = Path(__file__).resolve().parent.parent
#: Project files a build needs besides the corpus (generated parts of docs/ excluded).
PROJECT_FILES = ("mkdocs.yml", "overrides", "hooks", "docs")


def make_project(target: Path) -> Path:
    """Copy the repository's site configuration into ``target`` (no corpus, no output)."""
    target.mkdir(parents=True, exist_ok=True)
    ignore = shutil.ignore_patterns(*[Path(g).name for g in GENERATED], "__pycache__")
    for name in PROJECT_FILES:
        src = REPO / name
        if src.is_dir():
            shutil.copytree(src, target / name, ignore=ignore, dirs_exist_ok=True)
        elif src.exists():
            shutil.copy2(src, target / name)
    return target


#: (part of the site, pattern on a site-relative path), first match wins
SITE_PARTS = (
    ("article pages", r"^(en/)?articles/"),
    ("tag pages and feeds", r"^((en/)?tags/|feeds/[^/]+/tags/)"),
    ("search index", r"^(pagefind|search-entities)"),
)


def site_parts(site: Path) -> dict[str, dict[str, int]]:
    """Files and bytes of each part of a built site (``SITE_PARTS``, then "other").

    Article pages cost the same per article at any size; tag pages and their feeds grow
    with the number of distinct people, places and organisations instead.
    """
    parts = {name: {"files": 0, "bytes": 0} for name, _ in SITE_PARTS}
    parts["other"] = {"files": 0, "bytes": 0}
    patterns = [(name, re.compile(pattern)) for name, pattern in SITE_PARTS]
    for path in site.rglob("*") if site.is_dir() else ():
        if not path.is_file():
            continue
        rel = path.relative_to(site).as_posix()
        name = next((n for n, pattern in patterns if pattern.match(rel)), "other")
        parts[name]["files"] += 1
        parts[name]["bytes"] += path.stat().st_size
    return parts


def tree_size(folder: Path) -> tuple[int, int]:
    """``(files, bytes)`` below ``folder`` (0, 0 when it does not exist)."""
    files = size = 0
    if folder.is_dir():
        for path in folder.rglob("*"):
            if path.is_file():
                files += 1
                size += path.stat().st_size
    return files, size
