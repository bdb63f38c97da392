"""The golden fixture: ``tests/fixtures/golden/`` built into ``docs/``, kept in ``tests/golden/docs/``.

``tests/test_golden.py`` builds the fixture corpus and compares every generated file of
``docs/`` (:data:`PARTS`) byte for byte with the expected tree. After a change of the output
that is meant, regenerate the expected tree with one command and review it before committing::

    make golden            # = .venv/bin/python -m tests.golden
    git diff --stat tests/golden/

The build runs in a throw-away project with ``SITE_URL`` fixed, so the tree depends on the
repository only (not on the machine, the date or the folder it is built in).
"""

from __future__ import annotations

import difflib
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from builder.config import URLS
from tests.helpers import REPO, make_project

#: The fixture corpus: short articles written for this test (names of people, places and
#: organisations, a quote, dates, figures, a translation, markup typed as text, retired ids).
GOLDEN_CORPUS = REPO / "tests" / "fixtures" / "golden"
#: The expected ``docs/`` (generated parts only).
EXPECTED = REPO / "tests" / "golden" / "docs"
#: ``site_url`` of the build (feeds and canonical links hold it).
SITE_URL = "https://example.org/news-archive/"
#: The generated parts of ``docs/`` that are compared. The web font subsets are left out:
#: they are binary, change with every interface string, and ``tests/test_assets.py`` checks them.
PARTS = tuple(part for part in URLS.generated() if part != "assets/fonts")
#: Shown per differing file, and files shown, in a failure message.
_DIFF_LINES, _DIFF_FILES = 40, 5


#: The fixture's tags have a few articles each, fewer than the archive's rule asks of a tag
#: before it gets a feed (``extra.tag_feed_min_articles`` in ``mkdocs.yml``, tested in
#: ``tests/test_feeds.py``): the golden project gives every tag one, so that per-tag feeds
#: are in the tree.
TAG_FEED_RULE = ("tag_feed_min_articles: 20", "tag_feed_min_articles: 1")


def build_docs(tmp: Path) -> Path:
    """Build the fixture corpus in a project under ``tmp``; returns its ``docs/`` folder."""
    project = make_project(tmp, GOLDEN_CORPUS)
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    if TAG_FEED_RULE[0] not in text:
        raise RuntimeError(f"{config}: no {TAG_FEED_RULE[0]!r} to lower for the golden tree")
    config.write_text(text.replace(*TAG_FEED_RULE), encoding="utf-8")
    env = {**os.environ, "SITE_URL": SITE_URL}
    cmd = [sys.executable, "-m", "builder", "--root", str(project), "build"]
    out = subprocess.run(cmd, cwd=REPO, env=env, capture_output=True, text=True)
    if out.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed ({out.returncode}):\n{out.stderr}")
    return project / "docs"


def generated_files(docs: Path) -> dict[str, bytes]:
    """``/``-separated path below ``docs`` -> bytes, for every file of :data:`PARTS`."""
    files: dict[str, bytes] = {}
    for part in PARTS:
        root = docs / part
        for path in [root] if root.is_file() else sorted(root.rglob("*")):
            if path.is_file():
                files[path.relative_to(docs).as_posix()] = path.read_bytes()
    return files


def differences(expected: dict[str, bytes], actual: dict[str, bytes]) -> str:
    """A readable account of how ``actual`` differs from ``expected`` ("" when equal)."""
    missing = sorted(expected.keys() - actual.keys())
    extra = sorted(actual.keys() - expected.keys())
    changed = sorted(p for p in expected.keys() & actual.keys() if expected[p] != actual[p])
    if not (missing or extra or changed):
        return ""
    lines = [f"generated docs/ differs from {EXPECTED.relative_to(REPO)}: "
             f"{len(missing)} missing, {len(extra)} unexpected, {len(changed)} changed"]
    lines += [f"  missing:    {p}" for p in missing]
    lines += [f"  unexpected: {p}" for p in extra]
    lines += [f"  changed:    {p}" for p in changed]
    for path in changed[:_DIFF_FILES]:
        old = expected[path].decode("utf-8", "replace").splitlines()
        new = actual[path].decode("utf-8", "replace").splitlines()
        diff = list(difflib.unified_diff(old, new, f"expected/{path}", f"generated/{path}",
                                         n=1, lineterm=""))
        if not diff:  # same lines: line endings or a final newline
            diff = [f"--- {path}: same lines, different bytes (line endings?)"]
        lines += diff[:_DIFF_LINES]
        if len(diff) > _DIFF_LINES:
            lines.append(f"... {len(diff) - _DIFF_LINES} more diff lines")
    lines.append("If the change is intended: `make golden`, review `git diff tests/golden`, "
                 "commit.")
    return "\n".join(lines)


def write_expected(files: dict[str, bytes], target: Path = EXPECTED) -> None:
    """Replace the tree at ``target`` with ``files``."""
    if target.exists():
        shutil.rmtree(target)
    for rel, data in sorted(files.items()):
        path = target / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)


def main() -> int:
    """Regenerate :data:`EXPECTED` from :data:`GOLDEN_CORPUS`."""
    with tempfile.TemporaryDirectory(prefix="golden-") as tmp:
        files = generated_files(build_docs(Path(tmp)))
    old = generated_files(EXPECTED) if EXPECTED.is_dir() else {}
    write_expected(files)
    changed = sum(old.get(p) != data for p, data in files.items())
    removed = len(old.keys() - files.keys())
    size = sum(map(len, files.values()))
    print(f"{EXPECTED.relative_to(REPO)}: {len(files)} files, {size:,} bytes "
          f"({changed} new or changed, {removed} removed)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
