"""Fixtures shared by the test modules.

``seed_site`` builds the five seed articles once per test session (pages and rendered
site) in a temporary project; ``browser`` is Debian's chromium driven by Playwright.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.browser.pages import serve
from tests.helpers import CORPUS, build_site, make_project

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def seed_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A project built from the seed fixtures (five articles, their translations)."""
    project = make_project(tmp_path_factory.mktemp("seed-project"), CORPUS)
    build_site(project)
    return project


@pytest.fixture(scope="session")
def seed_site(seed_project: Path) -> Path:
    """The rendered site of :func:`seed_project`."""
    return seed_project / "site"


@pytest.fixture(scope="session")
def article_id(seed_site: Path) -> str:
    """The id of the seed site's first article (by id)."""
    return sorted(p.parent.name for p in (seed_site / "articles").glob("*/index.html"))[0]


@pytest.fixture(scope="session")
def site_url(seed_site: Path) -> Iterator[str]:
    """The seed site served on localhost (a plain static file server)."""
    with serve(seed_site) as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """Headless Debian chromium through Playwright (no browser download)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture(scope="session")
def hostile_build(tmp_path_factory: pytest.TempPathFactory):
    """The corpus of tests/hostile_corpus.py built once (non-strict) into a site.

    Returns a namespace: ``project``, ``site``, ``corpus`` (what must be published and
    refused), ``returncode`` and ``log`` of the build, and snapshots of the corpus folder
    taken before and after the build.
    """
    from types import SimpleNamespace

    from tests.helpers import run_builder
    from tests.hostile_corpus import snapshot, write_hostile_corpus

    project = make_project(tmp_path_factory.mktemp("hostile-project"))
    corpus = write_hostile_corpus(project / "corpus", project / "pwned")
    before = snapshot(corpus.folder)
    out = run_builder(project, "site", check=False)
    return SimpleNamespace(project=project, site=project / "site", corpus=corpus,
                           returncode=out.returncode, log=out.stdout + out.stderr,
                           corpus_before=before, corpus_after=snapshot(corpus.folder))
