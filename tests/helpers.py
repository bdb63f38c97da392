"""Shared test helpers: make a throw-away project around a corpus and build its site."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from bench.project import make_project as copy_configuration

REPO = Path(__file__).resolve().parent.parent
#: The five seed articles with their English translations and ``retired.yml``: the corpus
#: every test builds from (a copy of what ``corpus/`` held at first). Tests never read
#: ``corpus/`` itself, which grows with the archive; only ``tests/test_real_corpus.py``
#: checks it the way ``python -m builder check`` does.
CORPUS = REPO / "tests" / "fixtures" / "seeds"
SHARED = REPO.parent / "shared"
SEEDS = SHARED / "seeds"
SAUDI = SHARED / "data" / "saudinewsnet" / "articles"


def make_project(tmp: Path, corpus: Path | None = None) -> Path:
    """Copy the project's configuration into ``tmp`` with ``corpus`` as its corpus."""
    copy_configuration(tmp)
    target = tmp / "corpus"
    if corpus is not None and not target.exists():
        shutil.copytree(corpus, target)
    return tmp


def run_builder(project: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess:
    """Run ``python -m builder --root project ARGS`` and return the finished process."""
    cmd = [sys.executable, "-m", "builder", "--root", str(project), *args]
    result = subprocess.run(cmd, cwd=REPO, capture_output=True, text=True)
    if check and result.returncode != 0:
        raise AssertionError(
            f"{' '.join(cmd)} failed ({result.returncode}):\n{result.stdout}\n{result.stderr}"
        )
    return result


def build_site(project: Path) -> Path:
    """Build pages and the rendered site of ``project``; returns the site folder."""
    run_builder(project, "site")
    return project / "site"


def plain_mkdocs_build(project: Path, site: Path, **env: str) -> None:
    """Render ``project``'s ``docs/`` into ``site`` with ``mkdocs build --strict`` alone (no
    builder, no render plan: one process, every page), with ``env`` added to the
    environment; fails the test if MkDocs fails."""
    environ = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(REPO), **env}
    environ.pop("ARCHIVE_RENDER_PLAN", None)
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q",
         "-f", str(project / "mkdocs.yml"), "-d", str(site)],
        cwd=project, env=environ, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def site_files(site: Path, pattern: str = "*", skip: tuple[str, ...] = ()) -> dict[str, bytes]:
    """The files of ``site`` matching ``pattern`` (a glob, any depth) -> their bytes, by
    path below ``site``, leaving out paths starting with one of ``skip``."""
    return {rel: p.read_bytes() for p in sorted(site.rglob(pattern))
            if p.is_file() and not (rel := p.relative_to(site).as_posix()).startswith(skip)}


def keys_kept(plans: list[dict[str, Any]]) -> Iterator[tuple[str, Any, Any]]:
    """Every pair of planned items with the same path in two of ``plans`` (path -> item,
    each item with a ``key``): ``(path, item, twin)``; both must have a key."""
    for i, one in enumerate(plans):
        for other in plans[i + 1:]:
            for path, item in one.items():
                twin = other.get(path)
                if twin is None:
                    continue
                assert item.key and twin.key, path
                yield path, item, twin


def copy_repository(target: Path, corpus: Path | None = None) -> Path:
    """A copy of the working tree as a fresh clone would hold it, plus uncommitted changes:
    the files git tracks or would track (nothing it ignores: no .venv, site/, .cache/).
    With ``corpus``, its copy replaces ``corpus/`` (so that what the copy builds does not
    grow with the archive). File times are kept, so the Makefile's stamps compare as in the
    repository."""
    listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others",
                             "--exclude-standard"], cwd=REPO, capture_output=True,
                            check=True).stdout.decode("utf-8", "surrogateescape")
    for name in filter(None, listed.split("\0")):
        source = REPO / name
        if not source.is_file() or (corpus is not None and name.startswith("corpus/")):
            continue  # deleted but not yet committed, or replaced
        dest = target / name
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, dest)
    if corpus is not None:
        shutil.copytree(corpus, target / "corpus")
    return target


def real_articles(count: int) -> list[Path]:
    """The first ``count`` SaudiNewsNet articles (the folder must exist: callers skip); none
    of them is a seed, so they can be added to :data:`CORPUS`."""
    return sorted(SAUDI.glob("*.txt"))[:count]


def add_articles(project: Path, files: list[Path]) -> list[str]:
    """Add ``files`` to ``project``'s corpus the way an editor does (``python -m builder
    add``, README "Adding articles"); returns the ids they were given."""
    out = subprocess.run([sys.executable, "-m", "builder", "add", *map(str, files)],
                         cwd=project, capture_output=True, text=True)
    if out.returncode != 0:
        raise AssertionError(f"builder add failed:\n{out.stdout}\n{out.stderr}")
    return re.findall(r" as corpus/\d+_([0-9a-f]{16})\.txt$", out.stdout, re.M)
