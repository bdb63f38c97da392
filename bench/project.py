"""A throw-away project folder around a benchmark corpus (outside the repository)."""

from __future__ import annotations

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


def tree_size(folder: Path) -> tuple[int, int]:
    """``(files, bytes)`` below ``folder`` (0, 0 when it does not exist)."""
    files = size = 0
    if folder.is_dir():
        for path in folder.rglob("*"):
            if path.is_file():
                files += 1
                size += path.stat().st_size
    return files, size
