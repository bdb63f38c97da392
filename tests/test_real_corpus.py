"""The archive's own ``corpus/``: the one test that reads it, and proof that no other does.

Every other test builds from fixtures under ``tests/`` (``tests.helpers.CORPUS``, the
hostile corpus, synthetic ones), so the suite is the same with 5 or 5,000 articles in
``corpus/``; this module checks the real corpus the way ``python -m builder check`` does
(every file valid, whatever their number), and that adding articles, even under a name
that is not ``NNN_<id>.txt``, changes nothing in what the suite collects.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import (
    CORPUS,
    REPO,
    SAUDI,
    add_articles,
    copy_repository,
    real_articles,
    run_builder,
)


def test_the_real_corpus_passes_check() -> None:
    """What a pull request that adds a bad article fails on: ``builder check`` names it."""
    out = run_builder(REPO, "check", check=False)
    assert out.returncode == 0, f"corpus/ has problems:\n{out.stdout}{out.stderr}"
    assert " article(s) ok, 0 problem(s)" in out.stderr


def _collected(project: Path) -> list[str]:
    out = subprocess.run([sys.executable, "-m", "pytest", "--collect-only", "-q",
                          "-p", "no:cacheprovider"], cwd=project, capture_output=True,
                         text=True)
    assert out.returncode == 0, out.stdout[-3000:] + out.stderr[-3000:]
    return [line for line in out.stdout.splitlines() if "::" in line]


@pytest.mark.skipif(not SAUDI.is_dir(), reason=f"{SAUDI} is not on this machine")
def test_the_suite_does_not_grow_with_the_corpus(tmp_path: Path) -> None:
    """A copy of the repository as it is collects the very tests of a copy whose corpus is
    the seeds with three real articles added by ``builder add`` and a file not named
    ``NNN_<id>.txt`` (the grown copy starts from the seeds, not from ``corpus/``, so that
    this test takes the same time however large the archive is)."""
    plain = copy_repository(tmp_path / "plain")
    grown = copy_repository(tmp_path / "grown", corpus=CORPUS)
    ids = add_articles(grown, real_articles(3))
    assert len(ids) == 3
    (grown / "corpus" / "an editor's article.txt").write_text(
        "أعلنت وزارة الصحة اليوم عن افتتاح مستشفى جديد في مدينة جدة.", encoding="utf-8")
    assert len(list((grown / "corpus").glob("*.txt"))) == len(list(CORPUS.glob("*.txt"))) + 4
    before, after = _collected(plain), _collected(grown)
    assert len(before) > 500
    assert after == before


#: How a test would reach the repository's corpus/ (a path built from the repository).
_REAL_CORPUS = re.compile(r"""(?:REPO|ROOT|parent|parents\[\d\])\s*/\s*["']corpus["']"""
                          r"""|run_builder\(\s*REPO\b|--root["']?\s*,\s*str\(REPO\)""")


def test_no_other_test_reads_the_real_corpus() -> None:
    """A lint for new tests: build from tests.helpers.CORPUS or a corpus of your own."""
    here = Path(__file__).resolve()
    for path in sorted((REPO / "tests").rglob("*.py")):
        if path.resolve() == here:
            continue
        found = _REAL_CORPUS.search(path.read_text(encoding="utf-8"))
        assert found is None, f"{path.relative_to(REPO)} reads corpus/: {found.group(0)!r}"
    assert _REAL_CORPUS.search('CORPUS = Path(__file__).resolve().parent.parent / "corpus"')
    assert _REAL_CORPUS.search("run_builder(REPO, 'site')")
