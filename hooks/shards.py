"""MkDocs hook: render a share of the pages (parallel shards and incremental rebuilds).

Inactive unless ``ARCHIVE_RENDER_PLAN`` names a JSON plan written by
``builder/render.py``, which then runs ``mkdocs build --dirty`` once per core, each with
its own plan::

    {"shard": 0, "shards": 2, "pages": null | ["articles/x.md", ...], "report": "...",
     "sitemap": null | "<folder holding the previous site's sitemap files>",
     "removed": ["<URL of a page deleted since the previous render>", ...],
     "verbatim": null | ["<file of a VERBATIM folder changed since>", ...]}

Every process builds the navigation exactly as a plain build does, so every page comes out
byte-identical; only the expensive part is divided: a process converts and renders a
documentation page only when it is in ``pages`` (all of them when null) and falls to its
shard (every n-th of those pages, in sorted order). MkDocs' ``--dirty`` mechanism is the
switch: this hook answers ``File.is_modified()``. Pages in the navigation are read by every
process (their titles appear on every page), the front matter of all others too (the
sitemap lists every page with its date), static files are copied by shard 0 only. Files of
:data:`VERBATIM` folders (feeds) skip MkDocs altogether, in every build: MkDocs does not
even list them (:func:`get_files`); they are copied as they are (in an incremental render,
only those the plan's ``verbatim`` names as changed).

**Incremental renders** (``pages`` not null) write into an empty folder that
``builder/render.py`` moves into the site afterwards. MkDocs would list every file of
``docs/``, and mkdocs-static-i18n, the front-matter reading and the sitemap would then work
on all of them (tens of thousands at 10,000 articles) for a few hundred pages to render. So
:func:`get_files` lists only the documentation pages a rendered page needs
(:func:`needed_pages`):

* the pages to render;
* the pages of the navigation (``nav`` in mkdocs.yml: their titles are on every page);
* the language twins of both (``x.md`` <-> ``x.en.md``: the language switcher and the
  hreflang links point at the twin when it exists);
* every page, if one of the pages converted from Markdown (rendered or in the
  navigation) is a hand-written page with links or images (strict mode fails on a link
  to a file that is missing): generated pages (``markup: html``, hooks/raw_html.py) are
  never converted, and ``about.md`` has no links today.

Static files (not ``.md``) all stay. The sitemap of such a render lists the kept pages
only; ``hooks/sitemap.py`` merges it with the previous site's. ``builder/render.py``
re-renders the twins of added and deleted pages (their switcher changes).

After each language's build the hook writes ``report``: per language, the navigation
(title and URL of every page in it, to detect a change that affects every page), every
file the build owns in the site folder (static files and the pages it saw, so that stale
files can be removed), ``pages`` (docs path -> site file of each page it saw) and
``kept``/``listed`` (documentation pages kept of those MkDocs listed: the subset).
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import shutil
import sys
from copy import deepcopy
from importlib import metadata
from pathlib import Path
from typing import Any

import jinja2
import mkdocs.commands.build as _mkdocs_build
import mkdocs.structure.files as _mkdocs_files
import yaml
from mkdocs.plugins import event_priority
from mkdocs.utils.meta import YAML_RE, SafeLoader, get_data

ENV = "ARCHIVE_RENDER_PLAN"
_STATE: dict[str, Any] = {"plan": None, "phase": "read", "nav": None, "report": {},
                          "verbatim": [], "subset": None, "keep": None}
log = logging.getLogger("mkdocs.hooks.shards")


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


#: Folders of docs/ whose files are only copied (thousands of feeds): they are kept away
#: from MkDocs' per-file work, where mkdocs-static-i18n alone costs more than copying, and
#: copied here (by one process; only when new or changed).
VERBATIM = ("feeds/",)


def get_files(config: Any) -> Any:
    """MkDocs' ``get_files`` without the files it would only drop again: those of
    :data:`VERBATIM` folders (listed apart) and, in an incremental render, the documentation
    pages no rendered page needs (:func:`needed_pages`). MkDocs makes an object of every
    file it lists and matches it against the exclusion patterns, for each language's build
    of each process: at 10,000 articles (44,000 files) most of an incremental render."""
    docs = str(config["docs_dir"])
    verbatim = sorted(
        os.path.relpath(os.path.join(top, name), docs).replace(os.sep, "/")
        for folder in VERBATIM for top, _, names in os.walk(os.path.join(docs, folder))
        for name in names)
    keep = _subset(config, docs)
    _STATE["verbatim"] = verbatim

    def walk(top: str, **options: Any) -> Any:
        for path, dirs, names in os.walk(top, **options):
            rel = os.path.relpath(path, docs).replace(os.sep, "/")
            prefix = "" if rel == "." else f"{rel}/"
            dirs[:] = [d for d in dirs if f"{prefix}{d}/" not in VERBATIM]
            if keep is not None:
                names[:] = [n for n in names
                            if not n.endswith(".md") or f"{prefix}{n}" in keep]
            yield path, dirs, names

    module = _mkdocs_files
    module.os = _Os(walk)
    try:
        return _get_files(config)
    finally:
        module.os = os


class _Os:
    """``os`` for MkDocs' ``get_files``, with another ``walk``."""

    def __init__(self, walk: Any) -> None:
        self.walk = walk

    def __getattr__(self, name: str) -> Any:
        return getattr(os, name)


def _subset(config: Any, docs: str) -> set[str] | None:
    """The documentation pages an incremental render keeps (None: every page); worked out
    once per process from the names of the files of ``docs/``."""
    plan = _plan()
    if plan is None or plan["pages"] is None:
        return None
    if _STATE["keep"] is None:
        listed = {
            os.path.relpath(os.path.join(top, name), docs).replace(os.sep, "/")
            for top, dirs, names in os.walk(docs)
            for name in names if name.endswith(".md")}
        languages = _languages(config.plugins.get("i18n"))
        nav = sorted(_nav_pages(config.nav))
        keep = needed_pages(listed, plan["pages"], nav, languages,
                            lambda uri: Path(docs, uri).read_text(encoding="utf-8-sig"))
        _STATE["keep"] = keep
        _STATE["subset"] = {"kept": len(keep), "listed": len(listed)}
        log.info("shards: %d of %d documentation pages kept for %d page(s) to render",
                 len(keep), len(listed), len(plan["pages"]))
    return _STATE["keep"]


_get_files = _mkdocs_files.get_files
_mkdocs_build.get_files = get_files  # what mkdocs build (and mkdocs-static-i18n) call


#: After hooks that look at the whole list (hooks/search_index.py: are there tag pages?),
#: before mkdocs-static-i18n (-100), which costs about 0.5 ms per file.
@event_priority(-50)
def on_files(files: Any, config: Any) -> Any:
    """Copy the files of :data:`VERBATIM` folders (MkDocs never sees them, see
    :func:`get_files`), by one process: the changed ones named by the plan, else those
    that are new or newer than the site's."""
    plan = _plan()
    plugin = config.plugins.get("i18n")
    default = getattr(plugin, "current_language", None) == getattr(plugin, "default_language",
                                                                   None)
    if default and (plan is None or plan["shard"] == 0):
        names = _STATE["verbatim"]
        if plan is not None and plan.get("verbatim") is not None:
            names = sorted(set(plan["verbatim"]) & set(names))
        _copy_changed(Path(config.docs_dir), Path(config.site_dir), names)
    return files


def _languages(plugin: Any) -> list[str]:
    try:
        return [str(lang.locale) for lang in plugin.config.languages]
    except AttributeError:
        return []


def _nav_pages(nav: Any) -> set[str]:
    """Every ``.md`` path named in mkdocs.yml's ``nav`` (any nesting)."""
    found: set[str] = set()
    if isinstance(nav, str):
        if nav.endswith(".md") and "://" not in nav:
            found.add(nav.lstrip("/"))
    elif isinstance(nav, dict):
        for value in nav.values():
            found |= _nav_pages(value)
    elif isinstance(nav, list):
        for item in nav:
            found |= _nav_pages(item)
    return found


def twins(uri: str, languages: list[str]) -> set[str]:
    """``uri`` and its names in every language: ``a/x.md`` <-> ``a/x.en.md`` (suffix docs)."""
    stem = uri[: -len(".md")]
    base, _, suffix = stem.rpartition(".")
    if base and suffix in languages:
        stem = base
    return {f"{stem}.md"} | {f"{stem}.{lang}.md" for lang in languages}


#: Markdown that makes MkDocs look up another file: links, images, reference definitions,
#: HTML attributes (``md_in_html``). Conservative: any match keeps every page.
_LINKS = re.compile(r"\]\(|\]\[|^\s{0,3}\[[^\]]+\]:|\b(?:href|src)\s*=", re.M)
#: A page the builder generated: its body is HTML, never converted (hooks/raw_html.py).
_GENERATED = re.compile(r"\A---\r?\n(?:.*\r?\n)*?markup: html\r?\n", re.M)


def needed_pages(listed: Any, pages: list[str], nav: list[str], languages: list[str],
                 read: Any) -> set[str]:
    """The documentation pages (docs paths) an incremental render keeps (module docstring).

    ``listed``: the pages there are; ``read(uri)``: a page's text (only pages converted
    from Markdown are read, to look for links).
    """
    converted = [u for u in sorted(set(pages) | set(nav)) if u in listed]
    for uri in converted:
        text = read(uri)
        if not _GENERATED.match(text) and _LINKS.search(text):
            log.info("shards: %s links to other files: every page is kept", uri)
            return set(listed)
    keep: set[str] = set()
    for uri in set(pages) | set(nav):
        keep |= twins(uri, languages) if uri.endswith(".md") else {uri}
    return {u for u in keep if u in listed}


def _copy_changed(docs: Path, site: Path, names: list[str]) -> None:
    """Link the files ``names`` of ``docs`` into ``site`` unless the site has them already
    (same size, not older)."""
    for name in names:
        src, dest = docs / name, site / name
        try:
            s, d = src.stat(), dest.stat()
            if s.st_size == d.st_size and s.st_mtime <= d.st_mtime:
                continue
        except FileNotFoundError:
            pass
        dest.parent.mkdir(parents=True, exist_ok=True)
        dest.unlink(missing_ok=True)  # it may be a hard link into the previous site
        try:
            os.link(src, dest)  # docs/ files are replaced, never written into (writer.py)
        except OSError:
            shutil.copyfile(src, dest)


@event_priority(-200)  # after mkdocs-static-i18n (-100) has chosen this language's files
def on_nav(nav: Any, config: Any, files: Any) -> Any:
    """Decide, for every file of this language's build, whether this process handles it.

    Pages in the navigation are read by every process.
    """
    plan = _plan()
    if plan is None:
        return nav
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
    for page in nav.pages:
        page.file.na_in_nav = True
    _STATE["nav"] = nav
    lang = str(config.theme.get("language") or "")
    outputs = {f.dest_uri for f in files} | set(_STATE["verbatim"])
    _STATE["report"][lang] = {
        "outputs": sorted(outputs), "nav": [],
        "pages": {f.src_uri: f.dest_uri for f in files.documentation_pages()},
        **(_STATE["subset"] or {})}
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
        # the theme's templates compiled once for all processes and builds
        cache = Path(config.config_file_path).parent / ".cache" / "templates"
        env.bytecode_cache = jinja2.FileSystemBytecodeCache(str(template_cache(cache)))
        _read_front_matter(files)
        _STATE["phase"] = "render"
        lang = str(config.theme.get("language") or "")
        nav = _STATE["nav"]
        _STATE["report"][lang]["nav"] = [[p.title, p.url] for p in nav.pages] if nav else []
    return env


#: Packages that shape what a template compiles to (Jinja, and the environment it is in).
TEMPLATE_PACKAGES = ("Jinja2", "MarkupSafe", "mkdocs", "mkdocs-material", "mkdocs-static-i18n")


def template_cache(cache: Path) -> Path:
    """The folder of compiled templates below ``cache`` for these package versions.

    Jinja keys a compiled template by the template's source only; what it compiles to also
    depends on Jinja itself, the environment MkDocs and its plugins set up and Python, so
    the folder is named after their versions and those of other versions are removed.
    """
    versions = [f"python={sys.version}"]
    for package in TEMPLATE_PACKAGES:
        try:
            versions.append(f"{package}={metadata.version(package)}")
        except metadata.PackageNotFoundError:
            versions.append(f"{package}=-")
    name = hashlib.sha256("\0".join(versions).encode()).hexdigest()[:16]
    if cache.is_dir():
        for other in cache.iterdir():
            if other.name != name:  # left by other versions (or the unversioned layout)
                if other.is_dir():
                    shutil.rmtree(other, ignore_errors=True)
                else:
                    other.unlink(missing_ok=True)
    folder = cache / name
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _read_front_matter(files: Any) -> None:
    """Front matter of the pages this process does not read in full: its top-level scalars.

    The theme's static pages see every page: ``sitemap.xml`` (overrides/sitemap.xml) uses
    each page's ``date`` and ``retired``. A page's full front matter can be long (article
    metadata), and parsing it for every page not rendered here would cost more than
    rendering; the ``key: value`` lines at the top level are all that a template about
    *other* pages uses (``tests/test_incremental.py`` checks the output against a plain
    build). Anything unusual falls back to MkDocs' own reading.
    """
    for file in files.documentation_pages():
        page = file.page
        if page is not None and page.markdown is None:
            page.meta = _top_level_scalars(file.content_string)


def _top_level_scalars(text: str) -> dict[str, Any]:
    m = YAML_RE.match(text)
    if not m:
        return get_data(text)[1]
    lines = [line for line in m.group(1).splitlines()
             if line[:1].isalnum() and _SCALAR.match(line)]
    try:
        data = yaml.load("\n".join(lines), SafeLoader) if lines else {}
    except yaml.YAMLError:
        return get_data(text)[1]
    return data if isinstance(data, dict) else get_data(text)[1]


#: ``key: value`` with the value on the same line (not a block scalar, anchor or tag).
_SCALAR = re.compile(r"^[\w-]+:[ \t]+[^ \t|>&*!#]")


@event_priority(-300)  # last: just before MkDocs writes the page
def on_post_page(output: str, page: Any, config: Any) -> str:
    """Remove the page's previous file first: it may be a hard link to the live site's."""
    if _plan() is not None:
        Path(page.file.abs_dest_path).unlink(missing_ok=True)
    return output


@event_priority(-300)  # after the other languages' builds (mkdocs-static-i18n, -100)
def on_post_build(config: Any) -> None:
    """Write what this process's builds produced (see the module docstring)."""
    plan = _plan()
    if plan is not None:
        Path(plan["report"]).write_text(json.dumps(_STATE["report"], ensure_ascii=False),
                                        encoding="utf-8")
