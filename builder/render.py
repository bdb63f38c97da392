"""Render ``docs/`` into the static site with MkDocs (then post-process it).

MkDocs runs as a subprocess (``python -m mkdocs build --strict``) so that the build can
be split or run in parallel later without sharing interpreter state.
"""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from pathlib import Path

from .search import SearchIndexError, index_site

log = logging.getLogger(__name__)


class RenderError(Exception):
    """MkDocs (or a post-processing step) failed."""


def mkdocs_build(root: Path, site: Path) -> None:
    """``mkdocs build --strict`` of ``root/mkdocs.yml`` into ``site``."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_DIR": str(site)}
    # hooks/ import the builder package, also when root is another project folder
    env["PYTHONPATH"] = os.pathsep.join(
        p for p in (str(Path(__file__).resolve().parent.parent), env.get("PYTHONPATH")) if p)
    cmd = [sys.executable, "-m", "mkdocs", "build", "--strict", "-q",
           "-f", str(root / "mkdocs.yml"), "-d", str(site)]
    log.info("rendering the site with MkDocs into %s", site)
    result = subprocess.run(cmd, cwd=root, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise RenderError(f"mkdocs build failed:\n{result.stdout}{result.stderr}")
    if result.stderr.strip():
        log.info("%s", result.stderr.strip())


def render_site(root: Path, site: Path) -> None:
    """Render the whole site: MkDocs, then post-processing steps."""
    mkdocs_build(root, site)
    try:
        report = index_site(site)
    except SearchIndexError as exc:
        raise RenderError(str(exc)) from exc
    log.info("search: %d pages, %d words indexed in %.1fs (%d KB)",
             report.pages, report.words, report.seconds, report.bytes // 1024)
