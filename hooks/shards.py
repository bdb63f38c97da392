"""MkDocs hook: render a share of the pages (parallel shards and incremental rebuilds).

Inactive unless ``ARCHIVE_RENDER_PLAN`` names a JSON plan written by
``builder/render.py``, which then runs ``mkdocs build --dirty`` once per core, each with
its own plan::

    {"shard": 0, "shards": 2, "pages": null | ["articles/x.md", ...], "report": "..."}

Every process reads all files and builds the navigation exactly as a plain build does, so
every page comes out byte-identical; only the expensive part is divided: a process
converts and renders a documentation page only when it is in ``pages`` (all of them when
null) and falls to its shard (every n-th of those pages, in sorted order). MkDocs'
``--dirty`` mechanism is the switch: this hook answers ``File.is_modified()``.
Pages in the navigation are read by every process (their titles appear on every page),
the front matter of all others too (the sitemap lists every page with its date), static
files are copied by shard 0 only.

After each language's build the hook writes ``report``: per language, the navigation
(title and URL of every page in it, to detect a change that affects every page) and every
file the build owns in the site folder (so that stale files can be removed).
"""

from __future__ import annotations

import json
import logging
import os
from copy import deepcopy
from pathlib import Path
from typing import Any

from mkdocs.plugins import event_priority
from mkdocs.utils.meta import get_data

ENV = "ARCHIVE_RENDER_PLAN"
_STATE: dict[str, Any] = {"plan": None, "phase": "read", "nav": None, "report": {}}


class _QuietDirty(logging.Filter):
    """Drop MkDocs' warnings about ``--dirty`` (strict mode would count them)."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        return not (message.startswith("A 'dirty' build is being performed")
                    or message.startswith("The directory contains stale files"))


def _plan() -> dict[str, Any] | None:
    path = os.environ.get(ENV)
    if not path:
        return None
    if _STATE["plan"] is None:
        _STATE["plan"] = json.loads(Path(path).read_text(encoding="utf-8"))
        logging.getLogger("mkdocs.commands.build").addFilter(_QuietDirty())
    return _STATE["plan"]


def on_config(config: Any) -> Any:
    """Load the plan (and silence the dirty-build warning) when one is given."""
    _plan()
    return config


def _modified(file: Any) -> bool:
    return file.na_mine or (_STATE["phase"] == "read" and file.na_in_nav)


@event_priority(-200)  # after mkdocs-static-i18n (-100) has chosen this language's files
def on_files(files: Any, config: Any) -> Any:
    """Decide, for every file of this language's build, whether this process handles it."""
    plan = _plan()
    if plan is None:
        return files
    _STATE["phase"] = "read"
    wanted = None if plan["pages"] is None else set(plan["pages"])
    pages = sorted((f for f in files.documentation_pages()
                    if wanted is None or f.src_uri in wanted), key=lambda f: f.src_uri)
    mine = {f.src_uri for i, f in enumerate(pages) if i % plan["shards"] == plan["shard"]}
    for file in files:
        if file.is_documentation_page():
            file.na_mine = file.src_uri in mine
        else:
            file.na_mine = plan["shard"] == 0
        file.na_in_nav = False
        file.is_modified = lambda file=file: _modified(file)
    lang = str(config.theme.get("language") or "")
    _STATE["report"][lang] = {"outputs": sorted(f.dest_uri for f in files), "nav": []}
    return files


@event_priority(-200)
def on_nav(nav: Any, config: Any, files: Any) -> Any:
    """Pages in the navigation are read by every process."""
    if _plan() is not None:
        for page in nav.pages:
            page.file.na_in_nav = True
        _STATE["nav"] = nav
    return nav


def on_env(env: Any, config: Any, files: Any) -> Any:
    """Reading is over: from now on only this process's own pages are rendered.

    Also resets the language switcher before the theme's static pages (404.html) are
    rendered: mkdocs-static-i18n points it at each page's twin as pages are rendered and
    leaves it at the last page of the previous language otherwise, which made the 404
    page's switcher depend on the page rendered last.
    """
    plugin = config.plugins.get("i18n")
    if getattr(plugin, "extra_alternate", None):
        # the plugin sets ``config.extra.alternate`` as an attribute, which hides the item
        vars(config.extra).pop("alternate", None)
        config.extra["alternate"] = deepcopy(plugin.extra_alternate)
    if _plan() is not None:
        _read_front_matter(files)
        _STATE["phase"] = "render"
        lang = str(config.theme.get("language") or "")
        nav = _STATE["nav"]
        _STATE["report"][lang]["nav"] = [[p.title, p.url] for p in nav.pages] if nav else []
    return env


def _read_front_matter(files: Any) -> None:
    """Front matter of the pages this process does not read in full.

    The theme's static pages see every page: ``sitemap.xml`` (overrides/sitemap.xml) uses
    each page's ``date`` and ``retired``. Reading YAML headers costs far less than
    converting and rendering the pages; it is done the way MkDocs reads them.
    """
    for file in files.documentation_pages():
        page = file.page
        if page is not None and page.markdown is None:
            page.meta = get_data(file.content_string)[1]


@event_priority(-300)  # after the other languages' builds (mkdocs-static-i18n, -100)
def on_post_build(config: Any) -> None:
    """Write what this process's builds produced (see the module docstring)."""
    plan = _plan()
    if plan is not None:
        Path(plan["report"]).write_text(json.dumps(_STATE["report"], ensure_ascii=False),
                                        encoding="utf-8")
