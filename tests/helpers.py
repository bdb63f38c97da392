"""Shared test helpers: make a throw-away project around a corpus and build its site."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

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
