"""Build a rendered site from hand-made entries (plan -> write -> MkDocs), for page tests
that should not wait for the extractor."""

from __future__ import annotations

from pathlib import Path

from builder.assets import copy_fonts
from builder.pages import Entry, plan
from builder.render import mkdocs_build
from builder.writer import write_pages
from tests.helpers import make_project


def build_entries_site(tmp: Path, entries: list[Entry]) -> Path:
    """Render ``entries`` into ``tmp/site`` with the project's configuration."""
    project = make_project(tmp)
    (project / "corpus").mkdir(exist_ok=True)
    write_pages(project / "docs", plan(entries))
    copy_fonts(project / "docs")
    mkdocs_build(project, project / "site")
    return project / "site"
